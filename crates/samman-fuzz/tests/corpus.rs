//! Replays every committed fuzz input (`fuzz/corpus/TARGET/*`, `fuzz/artifacts/TARGET/*`) through the
//! same function the fuzz target calls, on stable: inputs that once crashed stay fixed.

use std::path::Path;

#[test]
fn every_committed_fuzz_input_runs_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut ran = 0;
    for (name, target) in samman_fuzz::TARGETS {
        for kind in ["corpus", "regressions"] {
            let Ok(entries) = std::fs::read_dir(root.join(kind).join(name)) else {
                continue;
            };
            for entry in entries.flatten() {
                let bytes = std::fs::read(entry.path()).expect("read corpus file");
                target(&bytes);
                ran += 1;
            }
        }
    }
    assert!(ran > 0, "no fuzz corpus under {}", root.display());
    eprintln!("{ran} fuzz inputs replayed");
}
