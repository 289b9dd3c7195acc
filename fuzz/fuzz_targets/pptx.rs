#![no_main]
//! Fuzz target `pptx`: see `samman_fuzz::pptx`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| samman_fuzz::pptx(data));
