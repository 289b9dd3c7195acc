#![no_main]
//! Fuzz target `render`: see `samman_fuzz::render`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| samman_fuzz::render(data));
