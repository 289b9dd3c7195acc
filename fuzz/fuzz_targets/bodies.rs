#![no_main]
//! Fuzz target `bodies`: see `samman_fuzz::bodies`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| samman_fuzz::bodies(data));
