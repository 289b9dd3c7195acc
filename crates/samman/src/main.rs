//! The `samman` command line: import, check, diff, render, fmt.

fn main() {}
