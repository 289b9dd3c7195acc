//! `diff` on whole files: the two seeds (every row of the table in `product.md`, skipped when
//! `../shared/seeds` is absent) and the pairs in `fixtures/diff/`.

mod common;

use std::path::Path;

use common::{repo_root as repo, seeds};
use samman_domain::Bodies;
use samman_source::diff::{self, Change, Diff, Op};

fn bodies(path: &str) -> Bodies {
    let text = std::fs::read_to_string(repo().join(path)).expect("bodies file");
    Bodies::from_toml(&text).expect("bodies parse")
}

fn diff_files(a: &Path, b: &Path, bodies: &Bodies) -> Diff {
    let (la, da) = samman_source::load(a, None, bodies).unwrap_or_else(|e| panic!("{e}"));
    let (lb, db) = samman_source::load(b, None, bodies).unwrap_or_else(|e| panic!("{e}"));
    diff::diff_texts(&da, &la.text, &db, &lb.text, bodies)
}

/// The change of `kind` in the item whose title (on either side) contains `title`.
fn item_changes<'a>(d: &'a Diff, title: &str) -> Vec<&'a Change> {
    d.items
        .iter()
        .filter(|i| {
            [&i.a, &i.b]
                .into_iter()
                .flatten()
                .any(|r| r.title.contains(title))
        })
        .flat_map(|i| i.changes.iter())
        .collect()
}

fn deleted_and_inserted(c: &Change) -> (String, String) {
    let pick = |op| {
        c.words
            .iter()
            .filter(|s| s.op == op)
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("|")
    };
    (pick(Op::Delete), pick(Op::Insert))
}

#[test]
fn the_seeds_differ_in_every_row_of_the_product_table() {
    let Some((deck, page)) = seeds() else { return };
    let d = diff_files(&deck, &page, &bodies("config/bodies.toml"));
    assert!(!d.is_empty());

    // Page title "Sammanställning från SRO 21 maj april": the titles differ, and the page's title
    // disagrees with its own date.
    let title = d
        .meeting
        .iter()
        .find(|c| c.kind == "title")
        .expect("title change");
    assert!(
        title.b.as_deref().is_some_and(|t| t.contains("21 maj april")),
        "{title:?}"
    );
    assert!(
        d.within
            .b
            .iter()
            .any(|f| f.code == "title-date-mismatch" && f.message.contains("21 maj april"))
    );

    // A consultation date: "sept kl 14:00-15:30" in the deck (no day), the 29 September conference on
    // the page.
    let september = item_changes(&d, "SRO september");
    // The deck's undated line and the page's event are shown as one change: the missing day.
    let event = september
        .iter()
        .find(|c| c.kind == "event")
        .expect("event change");
    assert_eq!(
        event.a.as_deref(),
        Some("sept kl 14:00-15:30 (dag saknas)"),
        "{september:#?}"
    );
    assert!(
        event
            .b
            .as_deref()
            .is_some_and(|e| e.starts_with("29 september 2021 kl. 14.00–15.30")),
        "{september:#?}"
    );
    assert!(
        !september
            .iter()
            .any(|c| c.kind == "sentence" && c.a.as_deref() == Some("sept kl 14:00-15:30"))
    );
    assert!(
        d.within
            .a
            .iter()
            .any(|f| f.code == "incomplete-date" && f.line == 75 && f.column == 5)
    );

    // A sentence: "länsgränsnivå" vs "länsgmensam nivå", the changed words marked.
    let nara = item_changes(&d, "Nära vård");
    let sentence = nara
        .iter()
        .find(|c| c.kind == "sentence" && c.a.as_deref().is_some_and(|a| a.contains("länsgränsnivå")))
        .expect("länsgränsnivå sentence");
    assert_eq!(
        deleted_and_inserted(sentence),
        ("länsgränsnivå.".into(), "länsgmensam nivå.".into())
    );

    // A word: "vaccination" vs "vacciation".
    let covid = item_changes(&d, "Covid-19");
    let word = covid
        .iter()
        .find(|c| c.kind == "sentence" && c.b.as_deref().is_some_and(|b| b.contains("vacciation")))
        .expect("vaccination sentence");
    assert_eq!(
        deleted_and_inserted(word),
        ("vaccination,".into(), "vacciation,".into())
    );

    // Item title: the Covid item is one item with two titles.
    let covid_item = d
        .items
        .iter()
        .find(|i| i.b.as_ref().is_some_and(|b| b.title == "Aktuellt läge Covid-19"))
        .expect("covid item on the page");
    assert_eq!(
        covid_item.a.as_ref().map(|a| a.title.as_str()),
        Some("Lägesrapport samverkansfrågor Covid-19")
    );
    assert!(covid_item.changes.iter().any(|c| c.kind == "item-title"));
    assert!(
        d.within
            .b
            .iter()
            .any(|f| f.code == "agenda-title-mismatch" && f.message.contains("Aktuellt läge Covid-19"))
    );

    // Item order: agenda order ≠ section order, in each rendition.
    assert!(d.within.a.iter().any(|f| f.code == "agenda-order"));
    assert!(d.within.b.iter().any(|f| f.code == "agenda-order"));

    // An organisation: "VästKom" and "Västkom" mixed, in each rendition.
    assert!(
        d.within
            .a
            .iter()
            .any(|f| f.code == "org-spelling" && f.message.contains("\"Västkom\""))
    );
    assert!(
        d.within
            .b
            .iter()
            .any(|f| f.code == "org-spelling" && f.message.contains("\"Västkom\""))
    );

    // Slide line breaks: "Kvinnofrids- satsning" and "Covid- 19" in the deck.
    for broken in ["Kvinnofrids- satsning", "Covid- 19"] {
        assert!(
            d.within
                .a
                .iter()
                .any(|f| f.code == "broken-word" && f.message.contains(broken)),
            "{broken}"
        );
    }
    assert!(!d.within.b.iter().any(|f| f.code == "broken-word"));

    // Slides only in the deck.
    for slide in [
        "Slutsatser CHI (sammanfattning)",
        "SKR:s kvinnofridssatsning 2021-2023",
    ] {
        assert!(
            d.changes()
                .any(|c| c.kind == "slide" && c.a.as_deref() == Some(slide) && c.b.is_none()),
            "{slide}"
        );
    }

    // "Senast uppdaterad" and the lead stand only on the page, but a deck shows neither, so it cannot
    // disagree with them: not reported.
    assert!(
        !d.meeting.iter().any(|c| c.kind == "updated" || c.kind == "lead"),
        "{:?}",
        d.meeting
    );
}

/// The seeds' sentences must not be copied into the repository, snapshots included: long texts are cut
/// to their first words, and unchanged stretches around marked words to two words each side.
fn shorten(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= 6 {
        text.to_string()
    } else {
        format!("{} …", words[..4].join(" "))
    }
}

fn shorten_equal(text: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= 5 {
        return text.to_string();
    }
    let head = if first {
        String::new()
    } else {
        words[..3].join(" ")
    };
    let tail = if last {
        String::new()
    } else {
        words[words.len() - 3..].join(" ")
    };
    format!("{head}…{tail}")
}

/// A rendered diff line with long sentences shortened (see [`shorten`]).
fn redact_line(line: &str) -> String {
    // Headings (item titles) and `check` findings (our own messages) stay whole.
    let own = line.starts_with("Punkt ") || line.trim_start().starts_with(|c: char| c.is_ascii_digit());
    let Some((label, body)) = line.split_once(": ").filter(|_| !own) else {
        return line.to_string();
    };
    if !body.contains("[-") && !body.contains("{+") {
        return format!("{label}: {}", shorten(body));
    }
    // Keep the markers whole; shorten the unchanged text between them.
    let mut out = String::new();
    let mut rest = body;
    let mut first = true;
    while !rest.is_empty() {
        let next = [rest.find("[-"), rest.find("{+")].into_iter().flatten().min();
        let Some(start) = next else {
            out.push_str(&shorten_equal(rest, false, true));
            break;
        };
        out.push_str(&shorten_equal(&rest[..start], first, false));
        let close = if rest[start..].starts_with("[-") {
            "-]"
        } else {
            "+}"
        };
        let end = rest[start..].find(close).map_or(rest.len(), |e| start + e + 2);
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
        first = false;
    }
    format!("{label}: {out}")
}

fn redact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match (key.as_str(), v) {
                    ("a" | "b", serde_json::Value::String(s)) => *s = shorten(s),
                    ("words", serde_json::Value::Array(segments)) => {
                        let n = segments.len();
                        for (i, seg) in segments.iter_mut().enumerate() {
                            if seg["op"] == "equal"
                                && let Some(text) = seg["text"].as_str()
                            {
                                seg["text"] = shorten_equal(text, i == 0, i + 1 == n).into();
                            }
                        }
                    }
                    (_, v) => redact_json(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

#[test]
fn seed_diff_snapshots() {
    let Some((deck, page)) = seeds() else { return };
    let d = diff_files(&deck, &page, &bodies("config/bodies.toml"));
    let text = diff::render_text(&d, "000.txt", "004.txt", false);
    let redacted: Vec<String> = text.lines().map(redact_line).collect();
    insta::assert_snapshot!("seeds.txt", redacted.join("\n"));
    let mut json = diff::to_json(&d);
    redact_json(&mut json);
    insta::assert_json_snapshot!("seeds.json", json);
}

#[test]
fn redaction_keeps_the_marked_words() {
    assert_eq!(
        redact_line("  mening: Översyn av strukturen: det finns ett underlag för ny [-nivåx.-]{+nivå y.+}"),
        "  mening: …för ny [-nivåx.-]{+nivå y.+}"
    );
    assert_eq!(
        redact_line("  bild bara i A: Slutsatser (kort)"),
        "  bild bara i A: Slutsatser (kort)"
    );
    assert_eq!(
        redact_line("  x: ett två tre fyra fem sex sju"),
        "  x: ett två tre fyra …"
    );
}

#[test]
fn a_file_equals_itself() {
    let mut files = vec![
        repo().join("fixtures/diff/fyrbodal-deck.md"),
        repo().join("fixtures/diff/fyrbodal-page.txt"),
    ];
    if let Some((deck, page)) = seeds() {
        files.extend([deck, page]);
    }
    let bodies = bodies("fixtures/check/bodies.toml");
    for file in files {
        let d = diff_files(&file, &file, &bodies);
        assert!(d.is_empty(), "{}: {d:#?}", file.display());
        let text = diff::render_text(&d, "a", "b", false);
        assert!(text.contains("Inga skillnader."), "{text}");
        assert_eq!(diff::to_json(&d)["equal"], true);
    }
}

#[test]
fn a_deck_and_its_page_of_another_body() {
    let bodies = bodies("fixtures/check/bodies.toml");
    let d = diff_files(
        &repo().join("fixtures/diff/fyrbodal-deck.md"),
        &repo().join("fixtures/diff/fyrbodal-page.txt"),
        &bodies,
    );
    insta::assert_snapshot!(
        "fyrbodal.txt",
        diff::render_text(&d, "fyrbodal-deck.md", "fyrbodal-page.txt", false)
    );
    insta::assert_json_snapshot!("fyrbodal.json", diff::to_json(&d));

    let mobil = item_changes(&d, "Mobila team");
    let has = |kind: &str, a: Option<&str>, b: Option<&str>| {
        mobil
            .iter()
            .any(|c| c.kind == kind && c.a.as_deref() == a && c.b.as_deref() == b)
    };
    assert!(
        has(
            "item-title",
            Some("Mobil närvård"),
            Some("Mobila team i närvården")
        ),
        "{mobil:#?}"
    );
    assert!(
        has("presenter", None, Some("Sara Lind, Fyrbodals kommunalförbund")),
        "{mobil:#?}"
    );
    assert!(
        has("slide", Some("Erfarenheter från försöket"), None),
        "{mobil:#?}"
    );
    let event = mobil.iter().find(|c| c.kind == "event").expect("event change");
    assert_eq!(deleted_and_inserted(event), ("19".into(), "26".into()));
    let point = mobil
        .iter()
        .find(|c| c.kind == "position-point")
        .expect("point change");
    assert!(point.a.as_deref().is_some_and(|a| a.ends_with("december 2023")));
    let budget = item_changes(&d, "Budget 2024");
    assert!(budget.iter().any(|c| c.kind == "position" && c.a.is_none()));
    assert!(d.within.a.iter().any(|f| f.code == "agenda-without-section"));
}

#[test]
fn colour_marks_words_red_and_green() {
    let bodies = bodies("fixtures/check/bodies.toml");
    let d = diff_files(
        &repo().join("fixtures/diff/fyrbodal-deck.md"),
        &repo().join("fixtures/diff/fyrbodal-page.txt"),
        &bodies,
    );
    let plain = diff::render_text(&d, "a", "b", false);
    assert!(plain.contains("[-våren.-]{+hösten.+}"), "{plain}");
    assert!(!plain.contains('\x1b'));
    let coloured = diff::render_text(&d, "a", "b", true);
    assert!(
        coloured.contains("\x1b[31mvåren.\x1b[0m\x1b[32mhösten.\x1b[0m"),
        "{coloured}"
    );
    assert!(!coloured.contains("[-"));
}

#[test]
fn a_source_file_and_its_html_page() {
    let bodies = bodies("fixtures/check/bodies.toml");
    let d = diff_files(
        &repo().join("fixtures/diff/sro-2021-11-19.md"),
        &repo().join("fixtures/diff/sro-2021-11-19.html"),
        &bodies,
    );
    insta::assert_snapshot!(
        "sro-2021-11-19.txt",
        diff::render_text(&d, "sro-2021-11-19.md", "sro-2021-11-19.html", false)
    );
    insta::assert_json_snapshot!("sro-2021-11-19.json", diff::to_json(&d));

    // The source file's derived title is the page's title; its derived lead is worded differently.
    assert!(!d.meeting.iter().any(|c| c.kind == "title"), "{:#?}", d.meeting);
    assert!(d.meeting.iter().any(|c| c.kind == "lead" && !c.words.is_empty()));
    let structure = item_changes(&d, "samverkansstruktur");
    let kind = structure
        .iter()
        .find(|c| c.kind == "position-kind")
        .expect("position kind");
    assert_eq!(
        (kind.a.as_deref(), kind.b.as_deref()),
        (Some("Ställer sig bakom"), Some("Noterar informationen"))
    );
    assert!(
        structure
            .iter()
            .any(|c| c.kind == "position-point" && c.b.is_none())
    );
    let timeline = structure.iter().find(|c| c.kind == "timeline").expect("timeline");
    assert_eq!(deleted_and_inserted(timeline), ("18".into(), "25".into()));
    let nesting = structure.iter().find(|c| c.kind == "nesting").expect("nesting");
    assert!(nesting.minor);
    let vaccination = item_changes(&d, "Vaccinationsläget");
    assert_eq!(vaccination.len(), 1);
    assert_eq!(deleted_and_inserted(vaccination[0]), ("65".into(), "70".into()));
    let only_b: Vec<&str> = d
        .items
        .iter()
        .filter(|i| i.a.is_none())
        .filter_map(|i| i.b.as_ref())
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(only_b, vec!["Övrigt"]);
}
