#![no_main]
//! Fuzz target `source`: see `samman_fuzz::source`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| samman_fuzz::source(data));
