//! `check` and `diff` never panic, whatever the readers accept: arbitrary text, and every fixture cut
//! short at many places or with its lines shuffled.

use std::path::PathBuf;

use proptest::prelude::*;
use samman_domain::Bodies;
use samman_source::{check, diff, import};

fn bodies() -> Bodies {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("fixtures/check/bodies.toml")).expect("bodies fixture");
    Bodies::from_toml(&text).expect("bodies parse")
}

/// Every fixture of check and diff, and the seeds when present.
fn samples() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in ["fixtures/check", "fixtures/diff", "../shared/seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_some_and(|e| e != "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push(text);
            }
        }
    }
    out
}

/// Reads, checks and diffs `text` against `other`; only panics matter here.
fn exercise(text: &str, other: &str, bodies: &Bodies) {
    let Ok(doc) = import::read(text, None, bodies) else {
        return;
    };
    let problems = check::check(&doc, text, bodies);
    for p in &problems {
        assert!(p.pos.line >= 1 && p.pos.column >= 1, "{p:?}");
    }
    let _ = check::render_text(&problems, "x");
    let _ = check::to_json(&problems);
    if let Ok(doc_b) = import::read(other, None, bodies) {
        let d = diff::diff_texts(&doc, text, &doc_b, other, bodies);
        let _ = diff::render_text(&d, "a", "b", true);
        let _ = diff::to_json(&d);
        let same = diff::diff_texts(&doc, text, &doc, text, bodies);
        assert!(
            same.is_empty(),
            "a document equals itself: {}\n---\n{text}",
            diff::render_text(&same, "a", "a", false)
        );
    }
}

#[test]
fn fixtures_cut_short_anywhere() {
    let bodies = bodies();
    let samples = samples();
    for text in &samples {
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(37).collect();
        for cut in cuts {
            let short = &text[..cut];
            exercise(short, text, &bodies);
        }
    }
}

#[test]
fn fixtures_with_lines_rotated_and_reversed() {
    let bodies = bodies();
    for text in samples() {
        let lines: Vec<&str> = text.lines().collect();
        let mut reversed = lines.clone();
        reversed.reverse();
        exercise(&reversed.join("\n"), &text, &bodies);
        for k in (1..lines.len()).step_by(7) {
            let mut rotated = lines.clone();
            rotated.rotate_left(k);
            exercise(&rotated.join("\n"), &text, &bodies);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(text in "[- •#*_+>a-zA-ZåäöÅÄÖ0-9:.,–\n<>/()\\[\\]\"=]{0,300}") {
        let bodies = bodies();
        exercise(&text, "# Agenda\n\n- a\n\n# a\n\nFöredragande: X\n", &bodies);
    }

    #[test]
    fn deck_like_text_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("# Agenda SRO 21 maj 2021".to_string()),
                Just("- Nära vård".to_string()),
                Just("# Nära vård".to_string()),
                Just("Föredragande: Föredragande:".to_string()),
                Just("Ställningstagande:".to_string()),
                Just("  - sept kl 14:00-15:30".to_string()),
                Just("  - 16 sept kl 14:00".to_string()),
                Just("21 maj 2021".to_string()),
                Just("Västkom och VGK".to_string()),
                Just("Kvinnofrids- satsning".to_string()),
                Just(String::new()),
                "[a-zåäö ]{0,30}",
            ],
            0..40,
        )
    ) {
        let bodies = bodies();
        let text = lines.join("\n");
        exercise(&text, &text, &bodies);
    }
}
