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

/// Replays the seeds and `fuzz/{corpus,regressions}/NAME` through the target `name`.
fn replay(name: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let Some((_, target)) = samman_fuzz::TARGETS.iter().find(|(n, _)| *n == name) else {
        panic!("no fuzz target {name}");
    };
    let mut inputs = Vec::new();
    for dir in ["fixtures", "examples", "config"] {
        files_under(&repo.join(dir), &mut inputs);
    }
    assert!(!inputs.is_empty(), "no fixtures under {}", repo.display());
    for kind in ["corpus", "regressions"] {
        files_under(&repo.join("fuzz").join(kind).join(name), &mut inputs);
    }
    for path in &inputs {
        let bytes = std::fs::read(path).expect("read fuzz input");
        target(&bytes);
    }
    eprintln!("{name}: {} inputs replayed", inputs.len());
}

// One test per target, so the test harness replays them side by side.
macro_rules! replays {
    ($($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                replay(stringify!($name));
            }
        )*

        #[test]
        fn every_target_is_replayed() {
            let tested = [$(stringify!($name)),*];
            for (name, _) in samman_fuzz::TARGETS {
                assert!(tested.contains(&name), "{name} has no replay test");
            }
        }
    };
}

replays!(source, deck_md, page_text, page_html, pptx, bodies, render);
