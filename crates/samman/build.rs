//! Links the `samman` executable as a position-dependent (non-PIE) binary.
//!
//! The binary carries typst for the PDF, so it is large (≈ 70 MB, ≈ 110,000 relocations). As a PIE the
//! dynamic loader applies every relative relocation at each start, which was about half the time of
//! making a deck. Linked non-PIE, the linker resolves them once; start-up is then close to an empty
//! program's (`bench/run` measures both). Only the executable's link changes: the crates' objects are
//! the same position-independent code, which links fine into a non-PIE executable, and tests and other
//! crates are untouched.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=samman=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
