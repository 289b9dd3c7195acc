#![no_main]
//! Fuzz target `page_html`: see `samman_fuzz::page_html`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| samman_fuzz::page_html(data));
