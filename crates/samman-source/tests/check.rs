//! `check` on whole files: the fixtures in `fixtures/check/` (files with each problem, and clean files that
//! must give none, in every form) and the two seeds (skipped when `../shared/seeds` is absent).

use std::path::{Path, PathBuf};

use samman_domain::Bodies;
use samman_source::check::{self, Problem, Severity};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bodies() -> Bodies {
    let text = std::fs::read_to_string(repo().join("fixtures/check/bodies.toml")).expect("bodies fixture");
    Bodies::from_toml(&text).expect("bodies parse")
}

fn shipped_bodies() -> Bodies {
    let text = std::fs::read_to_string(repo().join("config/bodies.toml")).expect("bodies config");
    Bodies::from_toml(&text).expect("bodies parse")
}

fn check_file(path: &Path, bodies: &Bodies) -> Vec<Problem> {
    let (loaded, document) = samman_source::load(path, None, bodies).unwrap_or_else(|e| panic!("{e}"));
    check::check(&document, &loaded.text, bodies)
}

fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures/check").join(name)
}

fn codes(problems: &[Problem]) -> Vec<&'static str> {
    problems.iter().map(|p| p.code).collect()
}

/// Snapshots the text and JSON output of `check` on one fixture.
fn snapshot(name: &str) -> Vec<Problem> {
    let problems = check_file(&fixture(name), &bodies());
    let shown = format!("fixtures/check/{name}");
    insta::assert_snapshot!(format!("{name}.txt"), check::render_text(&problems, &shown));
    insta::assert_json_snapshot!(format!("{name}.json"), check::to_json(&problems));
    problems
}

#[test]
fn clean_files_have_no_problems() {
    for name in ["clean-source.md"] {
        let problems = snapshot(name);
        assert!(
            problems.is_empty(),
            "{name}: {}",
            check::render_text(&problems, name)
        );
    }
}

#[test]
fn a_source_file_with_every_kind_of_problem() {
    let problems = snapshot("problems-source.md");
    let at = |code: &str| -> Vec<(usize, usize)> {
        problems
            .iter()
            .filter(|p| p.code == code)
            .map(|p| (p.pos.line, p.pos.column))
            .collect()
    };
    assert_eq!(at("title-date-mismatch"), vec![(4, 35)]);
    assert_eq!(at("empty-field"), vec![(5, 1)]);
    assert_eq!(at("doubled-label"), vec![(13, 15)]);
    assert_eq!(at("incomplete-date"), vec![(17, 5)]);
    assert_eq!(at("org-spelling"), vec![(18, 20), (18, 32)]);
    assert_eq!(at("broken-word"), vec![(22, 12)]);
    assert_eq!(at("missing-position"), vec![(22, 4)]);
    assert_eq!(at("missing-presenter"), vec![(28, 4)]);
    let title = problems
        .iter()
        .find(|p| p.code == "title-date-mismatch")
        .expect("title");
    assert_eq!(
        title.message,
        "titeln säger \"21 maj april\" men mötet är 21 maj 2021"
    );
    assert_eq!(title.severity, Severity::Error);
}

#[test]
fn text_and_json_output_forms() {
    let problems = check_file(&fixture("problems-source.md"), &bodies());
    let text = check::render_text(&problems, "möte.md");
    let first = text.lines().next().expect("a line");
    assert!(
        first.starts_with("möte.md:4:35: error[title-date-mismatch]: titeln säger"),
        "{first}"
    );
    assert_eq!(text.lines().count(), problems.len());
    let json = check::to_json(&problems);
    let first = &json[0];
    assert_eq!(first["code"], "title-date-mismatch");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["line"], 4);
    assert_eq!(first["column"], 35);
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.contains("21 maj april"))
    );
}

#[test]
fn every_code_has_documentation() {
    let docs = std::fs::read_to_string(repo().join("docs/check.md")).expect("docs/check.md");
    for (code, severity) in check::CODES {
        assert!(
            docs.contains(&format!("`{code}`")),
            "docs/check.md documents {code}"
        );
        let _ = severity;
    }
}

#[test]
fn the_shipped_example_is_clean() {
    let problems = check_file(&repo().join("examples/sro-2021-05-21.md"), &shipped_bodies());
    assert!(
        problems.iter().all(|p| p.severity == Severity::Warning),
        "{}",
        check::render_text(&problems, "examples/sro-2021-05-21.md")
    );
    let _ = codes(&problems);
}
