//! Page forms that import used to miss (issue 11, point 5), each class in several wordings
//! (`fixtures/import/forms/`): an agenda introduced by a sentence instead of a heading, metadata labels
//! standing with no value, and a title whose date lacks its year.

mod common;

use samman_source::check::{self, Problem};
use samman_source::{Document, Format, import};

use common::{all_bodies, repo_root};

fn read(name: &str) -> (String, Document) {
    let path = repo_root().join("fixtures/import/forms").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        import::detect(&text),
        Some(Format::PageText),
        "{name}: detected as page text"
    );
    let doc = import::read(&text, None, &all_bodies()).unwrap_or_else(|e| panic!("{name}: {e}"));
    (text, doc)
}

fn problems(name: &str) -> (Document, Vec<Problem>) {
    let (text, doc) = read(name);
    let problems = check::check(&doc, &text, &all_bodies());
    (doc, problems)
}

#[test]
fn an_agenda_introduced_by_a_sentence_is_the_agenda() {
    for (name, titles) in [
        (
            "agenda-sentence-1.page.txt",
            [
                "Ny modell för läkemedelsgenomgångar",
                "Rapport från arbetsgruppen för psykisk hälsa",
            ],
        ),
        (
            "agenda-sentence-2.page.txt",
            ["Gemensam plan för hemsjukvård", "Samverkan kring utskrivning"],
        ),
        (
            "agenda-sentence-3.page.txt",
            ["Uppföljning av avtalet om hemsjukvård", "Kompetensförsörjning"],
        ),
    ] {
        let (doc, problems) = problems(name);
        let agenda = doc.agenda.as_ref().unwrap_or_else(|| panic!("{name}: no agenda"));
        let entries: Vec<&str> = agenda.entries.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(entries, titles, "{name}: agenda");
        let meeting = doc.to_meeting("").expect("date");
        let items: Vec<&str> = meeting.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(items, titles, "{name}: items");
        assert!(
            meeting
                .items
                .iter()
                .all(|i| !i.presenters.is_empty() && i.position.is_some()),
            "{name}: every item has its presenters and position"
        );
        // The agenda's sentence is neither an item nor content.
        assert!(
            problems.iter().all(|p| p.code != "unused-content"),
            "{name}: {problems:?}"
        );
    }
}

#[test]
fn metadata_labels_without_values_are_empty_fields() {
    let (doc, problems) = problems("empty-labels.page.txt");
    let empty: Vec<&Problem> = problems.iter().filter(|p| p.code == "empty-field").collect();
    // "Publicerad:" alone on its line, and "Uppdaterad:" and "Ansvarig:" together on the next.
    assert_eq!(empty.len(), 3, "{problems:?}");
    for (label, line) in [("Publicerad", 2), ("Uppdaterad", 3), ("Ansvarig", 3)] {
        assert!(
            empty
                .iter()
                .any(|p| p.message.contains(label) && p.pos.line == line),
            "{label} on line {line}: {empty:?}"
        );
    }
    // The labels are not content of the first item, and the item is still read.
    let meeting = doc.to_meeting("").expect("date");
    assert_eq!(meeting.items.len(), 1);
    let content = format!("{:?}", meeting.items[0].content);
    assert!(!content.contains("Publicerad"), "{content}");
}

#[test]
fn a_title_date_without_its_year_is_incomplete_not_a_mismatch() {
    let (doc, problems) = problems("title-without-year.page.txt");
    let meeting = doc.to_meeting("").expect("date");
    // The year comes from elsewhere on the page (the publication date).
    assert_eq!(meeting.date.to_string(), "2022-10-14");
    assert!(
        problems.iter().all(|p| p.code != "title-date-mismatch"),
        "{problems:?}"
    );
    let incomplete = problems
        .iter()
        .find(|p| p.code == "title-date-incomplete")
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert!(
        incomplete.message.contains("14 oktober"),
        "{}",
        incomplete.message
    );
    assert!(incomplete.message.contains("2022"), "{}", incomplete.message);
    assert_eq!(incomplete.pos.line, 1);
}
