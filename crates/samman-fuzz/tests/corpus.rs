//! Replays inputs through the same functions the fuzz targets call, on stable, so that inputs which once
//! crashed stay fixed:
//! - every fixture, the shipped example and the bodies file through *every* target (they are the fuzzers'
//!   seeds, read from where they live rather than copied; a target must refuse a form it does not read
//!   without a panic, so each one meets all of them);
//! - whatever `fuzz/run` found and kept (`fuzz/corpus/TARGET/*`) and fixed crashes
//!   (`fuzz/regressions/TARGET/*`) through their own target.

use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_none_or(|e| e != "snap") {
            out.push(path);
        }
    }
}

#[test]
fn every_seed_and_committed_fuzz_input_runs_clean() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut seeds = Vec::new();
    for dir in ["fixtures", "examples", "config"] {
        files_under(&repo.join(dir), &mut seeds);
    }
    assert!(!seeds.is_empty(), "no fixtures under {}", repo.display());
    let mut ran = 0;
    for (name, target) in samman_fuzz::TARGETS {
        let mut inputs = seeds.clone();
        for kind in ["corpus", "regressions"] {
            files_under(&repo.join("fuzz").join(kind).join(name), &mut inputs);
        }
        for path in inputs {
            let bytes = std::fs::read(&path).expect("read fuzz input");
            target(&bytes);
            ran += 1;
        }
    }
    eprintln!("{ran} fuzz inputs replayed");
}
