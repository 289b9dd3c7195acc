//! Positions in a source file.

use std::fmt;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }

    /// Start of a 1-based line.
    pub const fn line(line: usize) -> Self {
        Pos { line, column: 1 }
    }

    /// The position `byte_offset` bytes into `line_text`, which starts at column 1 of `line`.
    pub fn in_line(line: usize, line_text: &str, byte_offset: usize) -> Self {
        let end = byte_offset.min(line_text.len());
        let column = line_text.get(..end).map_or(end, |s| s.chars().count()) + 1;
        Pos { line, column }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Located<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Located { value, pos }
    }
}
