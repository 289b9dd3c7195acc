//! Helpers of the tests that run the binary on files and read renditions back (deck, page, archive).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Runs the binary under test.
pub fn samman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(args)
        .output()
        .expect("samman runs")
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A fresh temporary directory of this test process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samman-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The command's standard output, after asserting it succeeded.
pub fn ok(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The test meetings with their bodies file: the shipped example and every source fixture.
pub fn test_meetings() -> Vec<(PathBuf, PathBuf)> {
    let mut out = vec![(
        root().join("examples/sro-2021-05-21.md"),
        root().join("config/bodies.toml"),
    )];
    let dir = root().join("fixtures/source");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    fixtures.sort();
    out.extend(fixtures.into_iter().map(|p| (p, dir.join("bodies.toml"))));
    out
}

/// The meeting's JSON reduced to what a slide or a page shows: two lists that follow each other are one
/// run of bullets, and a timeline entry shown by its words ("före sommaren") keeps no date behind them.
pub fn as_shown(json: &mut Value) {
    for item in json["items"].as_array_mut().into_iter().flatten() {
        join_adjacent_lists(&mut item["content"]);
        for entry in item["timeline"].as_array_mut().into_iter().flatten() {
            if !entry["when"].is_null() {
                entry["date"] = Value::Null;
            }
        }
    }
}

/// Two lists in a row become one.
fn join_adjacent_lists(content: &mut Value) {
    let Some(blocks) = content.as_array_mut() else {
        return;
    };
    let mut joined: Vec<Value> = Vec::new();
    for block in blocks.drain(..) {
        match joined.last_mut() {
            Some(last) if last["type"] == "list" && block["type"] == "list" => {
                let more = block["items"].as_array().cloned().unwrap_or_default();
                if let Some(items) = last["items"].as_array_mut() {
                    items.extend(more);
                }
            }
            _ => joined.push(block),
        }
    }
    *blocks = joined;
}
