//! One meeting, every rendition, the same words: an event's "when" and the meeting's date and time are
//! phrased once (`samman_domain::swedish`) and must stand, letter for letter, in the page, the deck, the
//! PDF, the e-mail (both parts), the calendar and the feed.
//!
//! The PDF's text is read back with poppler's `pdftotext`; without it that one check is skipped with a
//! message, unless `SAMMAN_REQUIRE_TOOLS=1`.

use std::io::Read;
use std::process::Command;

use samman_domain::{Body, Date, Event, Item, Meeting, Time, swedish};
use samman_render::Options;

fn meeting() -> Meeting {
    let day = |d| Date::constant(2021, 9, d);
    let mut m = Meeting::new("sro", Date::constant(2021, 5, 21));
    m.start = Some(Time::constant(9, 0, 0, 0));
    m.end = Some(Time::constant(12, 0, 0, 0));
    m.items.push(Item {
        title: "Remisser".into(),
        events: vec![
            // A time range on one day, a meeting over two days, and one with an open end.
            Event {
                start: day(16).at(14, 0, 0, 0),
                end: Some(day(16).at(15, 30, 0, 0)),
                summary: "Remisskonferens".into(),
            },
            Event {
                start: day(22).at(13, 0, 0, 0),
                end: Some(day(23).at(12, 0, 0, 0)),
                summary: "Internat".into(),
            },
            Event {
                start: day(30).at(9, 0, 0, 0),
                end: None,
                summary: "Dialogmöte".into(),
            },
        ],
        ..Item::default()
    });
    m
}

fn body() -> Body {
    Body {
        base_url: Some("https://samman.example.org/sro".into()),
        ..Body::named("sro", "SRO", "Politiskt samrådsorgan")
    }
}

/// Whitespace folded to one space, so a phrase wrapped over lines (e-mail text, PDF) still reads as one.
fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markup removed: what a reader sees of an HTML or XML text.
fn text_of(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    folded(&out)
}

fn deck_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("deck is a zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        if part.name().is_ok_and(|n| n.starts_with("ppt/slides/slide")) {
            let mut xml = String::new();
            part.read_to_string(&mut xml).expect("utf-8 part");
            // Runs of one paragraph sit next to each other; only paragraphs are separated.
            all.push_str(&text_of(
                &xml.replace("</a:t></a:r><a:r>", "").replace("</a:p>", " </a:p>"),
            ));
            all.push(' ');
        }
    }
    folded(&all)
}

/// The calendar's TEXT values unfolded and unescaped.
fn calendar_text(ics: &str) -> String {
    folded(
        &ics.replace("\r\n ", "")
            .replace("\\n", " ")
            .replace("\\,", ",")
            .replace("\\;", ";"),
    )
}

fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("samman-phrases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let pdf = dir.join("m.pdf");
    std::fs::write(&pdf, bytes).ok()?;
    let out = Command::new("pdftotext").arg(&pdf).arg("-").output();
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(out) if out.status.success() => Some(folded(&String::from_utf8_lossy(&out.stdout))),
        _ if std::env::var_os("SAMMAN_REQUIRE_TOOLS").is_some_and(|v| v == "1") => {
            panic!("pdftotext (poppler-utils) is required")
        }
        _ => {
            eprintln!("skipping the PDF's text: pdftotext (poppler-utils) is not installed");
            None
        }
    }
}

#[test]
fn every_rendition_phrases_dates_and_times_alike() {
    let (m, b, o) = (meeting(), body(), Options::default());
    let phrases: Vec<String> = m.items[0].events.iter().map(swedish::event_when).collect();
    assert_eq!(
        phrases,
        [
            "16 september 2021 kl. 14.00–15.30",
            "22 september 2021 kl. 13.00 – 23 september 2021 kl. 12.00",
            "30 september 2021 kl. 09.00",
        ]
    );
    let (mail_text, mail_html) =
        samman_render::email::bodies(&m, &b, &o, &samman_render::email::Delivery::preview(&b, &o));
    let mut renditions = vec![
        ("page", text_of(&samman_render::html::render(&m, &b, &o))),
        (
            "deck",
            deck_text(&samman_render::pptx::render(&m, &b, &o).expect("deck")),
        ),
        ("e-mail text", folded(&mail_text)),
        ("e-mail html", text_of(&mail_html)),
        (
            "calendar",
            calendar_text(&samman_render::ics::render(&[(&m, &b)], &o)),
        ),
        (
            "feed",
            text_of(
                &text_of(&samman_render::atom::render(&[&m], &b, &o))
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            ),
        ),
    ];
    let pdf = samman_pdf::render(&m, &b, &o).expect("pdf");
    if let Some(text) = pdf_text(&pdf) {
        renditions.push(("pdf", text));
    }
    for (name, text) in &renditions {
        for phrase in &phrases {
            assert!(
                text.contains(phrase.as_str()),
                "{name} lacks \"{phrase}\":\n{text}"
            );
        }
    }
    // The meeting's own date and time, where a rendition shows it.
    let when = swedish::meeting_when(&m);
    assert_eq!(when, "21 maj 2021 kl. 09.00–12.00");
    for (name, text) in renditions
        .iter()
        .filter(|(n, _)| matches!(*n, "page" | "deck" | "pdf"))
    {
        assert!(text.contains(&when), "{name} lacks \"{when}\":\n{text}");
    }
}
