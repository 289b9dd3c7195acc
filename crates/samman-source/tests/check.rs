//! `check` on whole files: the fixtures in `fixtures/check/` (files with each problem, and clean files that
//! must give none, in every form) and the two seeds (skipped when `../shared/seeds` is absent).

mod common;

use std::path::{Path, PathBuf};

use common::{repo_root as repo, seeds};
use samman_domain::Bodies;
use samman_source::check::{self, Problem, Severity};

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
    for name in [
        "clean-source.md",
        "clean-deck.md",
        "clean-page.txt",
        "clean-page.html",
    ] {
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
}

fn at(problems: &[Problem], code: &str) -> Vec<(usize, usize)> {
    problems
        .iter()
        .filter(|p| p.code == code)
        .map(|p| (p.pos.line, p.pos.column))
        .collect()
}

#[test]
fn a_deck_with_agenda_and_section_problems() {
    let problems = snapshot("problems-deck.md");
    assert_eq!(at(&problems, "agenda-without-section"), vec![(14, 3)]);
    assert_eq!(at(&problems, "section-not-in-agenda"), vec![(46, 3)]);
    assert_eq!(at(&problems, "agenda-order"), vec![(18, 3)], "reported once");
    assert_eq!(at(&problems, "agenda-title-mismatch"), vec![(29, 3), (36, 3)]);
    assert_eq!(at(&problems, "broken-word"), vec![(18, 12)]);
    assert_eq!(
        at(&problems, "incomplete-date"),
        vec![(25, 5)],
        "a bare month among dated entries"
    );
    assert_eq!(at(&problems, "missing-position"), vec![(29, 3)]);
    assert_eq!(at(&problems, "doubled-label"), vec![(32, 1)]);
    assert_eq!(at(&problems, "empty-field"), vec![(40, 1)]);
    assert_eq!(at(&problems, "org-spelling"), vec![(31, 30)]);
    let case_only = problems
        .iter()
        .find(|p| p.pos == samman_source::Pos::new(29, 3) && p.code == "agenda-title-mismatch");
    assert!(case_only.is_some_and(|p| p.message.contains("stora och små bokstäver") && p.severity == Severity::Warning));
}

#[test]
fn a_page_with_date_presenter_and_spelling_problems() {
    let problems = snapshot("problems-page.txt");
    assert_eq!(at(&problems, "title-date-mismatch"), vec![(3, 26)]);
    assert_eq!(at(&problems, "missing-presenter"), vec![(14, 1)]);
    assert_eq!(
        at(&problems, "org-spelling"),
        vec![(16, 60), (16, 72), (23, 25)],
        "not inside the web address"
    );
    assert_eq!(at(&problems, "incomplete-date"), vec![(17, 26)]);
    assert!(problems.iter().all(|p| p.code != "agenda-order"));
}

#[test]
fn a_page_in_html_points_into_the_html() {
    let problems = snapshot("problems-page.html");
    assert_eq!(at(&problems, "title-date-mismatch"), vec![(6, 34)]);
    assert_eq!(at(&problems, "incomplete-date"), vec![(16, 22)]);
    assert_eq!(at(&problems, "org-spelling"), vec![(16, 40)]);
    assert_eq!(at(&problems, "agenda-order"), vec![(13, 9)]);
    assert_eq!(at(&problems, "missing-position"), vec![(19, 9)]);
}

#[test]
fn the_seeds_show_what_issue_2_expects() {
    let Some((deck, page)) = seeds() else { return };
    let bodies = shipped_bodies();
    let deck_problems = check_file(&deck, &bodies);
    let page_problems = check_file(&page, &bodies);
    insta::assert_snapshot!("seed-deck.txt", check::render_text(&deck_problems, "000.txt"));
    insta::assert_json_snapshot!("seed-deck.json", check::to_json(&deck_problems));
    insta::assert_snapshot!("seed-page.txt", check::render_text(&page_problems, "004.txt"));
    insta::assert_json_snapshot!("seed-page.json", check::to_json(&page_problems));

    // Page: the title "21 maj april", an error at the date words.
    let title = page_problems
        .iter()
        .find(|p| p.code == "title-date-mismatch")
        .expect("title-date-mismatch");
    assert_eq!(
        (title.pos.line, title.pos.column, title.severity),
        (5, 26, Severity::Error)
    );
    assert!(title.message.contains("\"21 maj april\""), "{}", title.message);
    // Deck: "sept kl 14:00-15:30" without a day; the dated entries around it are fine.
    assert_eq!(at(&deck_problems, "incomplete-date"), vec![(75, 5)]);
    assert!(
        deck_problems
            .iter()
            .any(|p| p.message.contains("\"sept kl 14:00-15:30\""))
    );
    assert!(at(&page_problems, "incomplete-date").is_empty());
    // Both: "Västkom" for "VästKom", at its column.
    assert!(at(&deck_problems, "org-spelling").contains(&(83, 40)));
    assert_eq!(at(&page_problems, "org-spelling"), vec![(46, 37)]);
    // Both: the agenda and the sections disagree (order, and wording: "Nära Vård"/"Nära vård").
    for problems in [&deck_problems, &page_problems] {
        assert_eq!(
            codes(problems).iter().filter(|c| **c == "agenda-order").count(),
            1
        );
        assert!(
            problems
                .iter()
                .any(|p| p.code == "agenda-title-mismatch" && p.message.contains("\"Nära Vård\""))
        );
    }
    assert!(
        page_problems
            .iter()
            .any(|p| p.code == "agenda-title-mismatch" && p.message.contains("Aktuellt läge Covid-19"))
    );
    // Deck: words broken by slide lines.
    assert_eq!(
        at(&deck_problems, "broken-word"),
        vec![(81, 3), (113, 16), (113, 35)]
    );
    // Every item has presenters and a position in both.
    for problems in [&deck_problems, &page_problems] {
        assert!(
            !codes(problems)
                .iter()
                .any(|c| c.starts_with("missing-") || *c == "empty-field")
        );
    }
}

#[test]
fn errors_are_the_errors_of_the_whole_check() {
    // `load`, `publish` and `build` ask only for errors and skip the rules that only warn; they must
    // refuse exactly what `check` calls an error, on files full of problems and on clean ones.
    let mut files: Vec<(PathBuf, Bodies)> = std::fs::read_dir(repo().join("fixtures/check"))
        .expect("fixtures/check")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x != "toml"))
        .map(|p| (p, bodies()))
        .collect();
    files.push((repo().join("examples/sro-2021-05-21.md"), shipped_bodies()));
    if let Some((deck, page)) = seeds() {
        files.push((deck, shipped_bodies()));
        files.push((page, shipped_bodies()));
    }
    let mut errors_seen = 0;
    for (path, bodies) in &files {
        let (loaded, document) = samman_source::load(path, None, bodies).unwrap_or_else(|e| panic!("{e}"));
        let whole: Vec<Problem> = check::check(&document, &loaded.text, bodies)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert_eq!(
            check::errors(&document, &loaded.text, bodies),
            whole,
            "{}",
            path.display()
        );
        errors_seen += whole.len();
    }
    assert!(errors_seen > 0, "the fixtures hold errors to compare");
}
