//! Bad and odd input never panics an importer: arbitrary text in every form, truncated seeds and
//! fixtures, and inputs made of the markers the readers look for.

mod common;

use proptest::prelude::*;
use samman_source::{Format, import};

use common::{all_bodies, repo_root};

const FORMS: [Format; 3] = [Format::DeckMarkdown, Format::PageText, Format::PageHtml];

/// Lines built from the pieces the readers react to.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# ".to_string()),
        Just("## Föredragande: ".to_string()),
        Just("Ställningstagande:".to_string()),
        Just("Föredragande: Föredragande:".to_string()),
        Just(" • ".to_string()),
        Just("  - ".to_string()),
        Just("Agenda SRO 21 maj 2021".to_string()),
        Just("2021-05-21 Sammanställning från SRO, PowerPoint".to_string()),
        Just("Senast uppdaterad: 2021-05-24 09:51".to_string()),
        Just("16 sept kl 14:00-15:30".to_string()),
        Just("sept kl 14:00".to_string()),
        Just("Tidsplan".to_string()),
        Just("19 november 2021 – x".to_string()),
        Just("<li>".to_string()),
        Just("</ul>".to_string()),
        Just("<h2>".to_string()),
        Just("[a](".to_string()),
        Just("**".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("  \n".to_string()),
        "[a-zåäö ,;:()–-]{0,12}",
        "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_markup_never_panics(text in markup()) {
        let bodies = all_bodies();
        let _ = import::detect(&text);
        for form in FORMS {
            if let Ok(doc) = import::read(&text, Some(form), &bodies) {
                let _ = doc.to_meeting("x");
                for note in &doc.notes {
                    prop_assert!(note.pos.line >= 1 && note.pos.column >= 1);
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let bodies = all_bodies();
        for form in FORMS {
            let _ = import::read(&text, Some(form), &bodies);
        }
    }
}

#[test]
fn every_prefix_of_every_fixture_imports_or_fails_cleanly() {
    let bodies = all_bodies();
    let mut files: Vec<_> = ["fixtures/import", "fixtures/import/forms"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(repo_root().join(dir)).expect("fixtures"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    let seeds = repo_root().join("../shared/seeds");
    if let Ok(dir) = std::fs::read_dir(&seeds) {
        files.extend(dir.filter_map(|e| e.ok().map(|e| e.path())));
    } else {
        eprintln!("seeds not found at {}: only fixtures are cut", seeds.display());
    }
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(37).collect();
        for cut in cuts {
            let part = &text[..cut];
            for form in FORMS {
                if let Err(e) = import::read(part, Some(form), &bodies) {
                    assert!(e.pos.line >= 1, "{}: {e}", path.display());
                }
            }
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let bodies = all_bodies();
    let depth = 2_000;
    let html = format!(
        "<html><body><h1>Sammanställning från SRO 21 maj 2021</h1><h2>Budget</h2><p>Föredragande: Per Ek</p>{}x{}</body></html>",
        "<ul><li>a".repeat(depth),
        "</li></ul>".repeat(depth)
    );
    let doc = import::read(&html, Some(Format::PageHtml), &bodies).expect("deep HTML reads");
    assert_eq!(doc.sections.len(), 1);
    let mut text = String::from("Sammanställning från SRO 21 maj 2021\nBudget\nFöredragande: Per Ek\n");
    let mut deck = String::from("# Budget\n\nFöredragande: Per Ek\n\n");
    for i in 0..3000 {
        text.push_str(&format!("{}• punkt {i}\n", " ".repeat(i)));
        deck.push_str(&format!("{}- punkt {i}\n", " ".repeat(i)));
    }
    let doc = import::read(&text, Some(Format::PageText), &bodies).expect("deep bullets read");
    assert_eq!(doc.sections.len(), 1);
    let doc = import::read(&deck, Some(Format::DeckMarkdown), &bodies).expect("deep deck reads");
    assert_eq!(doc.sections.len(), 1);
}

#[test]
fn unusable_input_is_an_error_with_a_place() {
    let bodies = all_bodies();
    for (text, form) in [
        ("<html><body><script>x()</script></body></html>", Format::PageHtml),
        ("   \n\n", Format::PageText),
        ("\n\n", Format::DeckMarkdown),
    ] {
        let err = import::read(text, Some(form), &bodies).expect_err(text);
        assert_eq!(err.pos.line, 1, "{err}");
    }
    // Text from which no date can be found is still a document, without a date.
    let doc = import::read(
        "# Agenda\n\n- Budget\n\n# Budget\n\nFöredragande: Per Ek\n",
        None,
        &bodies,
    )
    .expect("a deck without a date");
    assert!(doc.header.date.is_none());
    assert_eq!(doc.sections.len(), 1);
    assert!(doc.to_meeting("x").is_none());
}
