#![no_main]
//! Fuzz target `deck_md`: see `samman_fuzz::deck_md`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| samman_fuzz::deck_md(data));
