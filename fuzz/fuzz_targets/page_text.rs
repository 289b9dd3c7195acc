#![no_main]
//! Fuzz target `page_text`: see `samman_fuzz::page_text`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| samman_fuzz::page_text(data));
