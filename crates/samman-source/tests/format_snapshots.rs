//! The shipped example and the fixtures are in canonical form and read back to what they say; broken
//! inputs give a clear Swedish message at the right line and column.

use std::path::{Path, PathBuf};

use samman_domain::{Bodies, Minutes, PositionKind};
use samman_source::format::{parse, parse_meeting, write};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sro_bodies() -> Bodies {
    Bodies::from_toml(&read("config/bodies.toml")).expect("shipped bodies configuration")
}

#[test]
fn shipped_example_is_canonical_and_snapshot() {
    let text = read("examples/sro-2021-05-21.md");
    let meeting = parse_meeting(&text, &sro_bodies()).expect("example parses");
    let written = write(&meeting);
    similar_asserts(&text, &written);
    insta::assert_snapshot!("sro_example_written", written);
}

/// Shows the first differing line instead of two walls of text.
fn similar_asserts(expected: &str, actual: &str) {
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(expected.lines().count().min(actual.lines().count()), |i| i);
        panic!(
            "not canonical at line {}:\n  file:    {:?}\n  written: {:?}",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn shipped_example_holds_the_meeting_facts() {
    let meeting = parse_meeting(&read("examples/sro-2021-05-21.md"), &sro_bodies()).expect("parses");
    assert_eq!(meeting.body, "sro");
    assert_eq!(meeting.date.to_string(), "2021-05-21");
    assert_eq!(
        meeting.updated.map(|u| u.to_string()).as_deref(),
        Some("2021-05-24T09:51:00")
    );
    assert_eq!(meeting.minutes, Minutes::Pending);
    let titles: Vec<&str> = meeting.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Nära vård",
            "Kvinnofridssatsning, rekvirering av medel",
            "SRO september: Remiss hälso- och sjukvårdsavtalet",
            "Lägesrapport samverkansfrågor Covid-19",
            "Information ut från mötet",
        ]
    );
    let kinds: Vec<Option<PositionKind>> = meeting
        .items
        .iter()
        .map(|i| i.position.as_ref().map(|p| p.kind))
        .collect();
    use PositionKind::{Endorsed, Noted};
    assert_eq!(
        kinds,
        [Some(Noted), Some(Endorsed), Some(Noted), Some(Noted), Some(Noted)]
    );
    assert_eq!(
        meeting.items[1].position.as_ref().map(|p| p.points.len()),
        Some(2)
    );
    assert_eq!(meeting.items[0].slides.len(), 4);
    assert_eq!(meeting.items[1].slides.len(), 2);
    let starts: Vec<String> = meeting.items[2]
        .events
        .iter()
        .map(|e| e.start.to_string())
        .collect();
    assert_eq!(
        starts,
        [
            "2021-09-16T14:00:00",
            "2021-09-23T14:00:00",
            "2021-09-29T14:00:00"
        ]
    );
    assert!(
        meeting.items[2]
            .events
            .iter()
            .all(|e| e.end.map(|t| t.time().to_string()) == Some("15:30:00".into()))
    );
    let timeline = &meeting.items[0].timeline;
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[0].when.as_deref(), Some("Juni – oktober 2021"));
    assert_eq!(
        timeline[1].date.map(|d| d.to_string()).as_deref(),
        Some("2021-11-19")
    );
    assert!(meeting.closing.is_some());
    let people = |i: usize| -> Vec<(String, Option<String>, Option<String>)> {
        meeting.items[i]
            .presenters
            .iter()
            .map(|p| (p.name.clone(), p.organisation.clone(), p.role.clone()))
            .collect()
    };
    let p = |n: &str, o: Option<&str>, r: Option<&str>| (n.to_string(), o.map(Into::into), r.map(Into::into));
    assert_eq!(
        people(0),
        [
            p("Ann-Marie Svensson", Some("VGR"), None),
            p("Jeanette Andersson", Some("VästKom"), None)
        ]
    );
    assert_eq!(people(1), [p("Charlotta Wilhelmsson", Some("VästKom"), None)]);
    assert_eq!(
        people(4),
        [p("Josefin Lantz", None, Some("kommunikatör vårdsamverkan"))]
    );
}

#[test]
fn fixtures_are_canonical() {
    let dir = repo().join("fixtures/source");
    let bodies = Bodies::from_toml(&read("fixtures/source/bodies.toml")).expect("fixture bodies");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/source")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 4, "at least four fixture meetings");
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let document = parse(&text, &bodies).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            document.notes.is_empty(),
            "{}: {:?}",
            path.display(),
            document.notes
        );
        let meeting = parse_meeting(&text, &bodies).expect("parses");
        assert_eq!(write(&meeting), text, "{} is not canonical", path.display());
    }
}

/// Parses `text` and renders the error as `line:column: message` for a snapshot.
fn error_of(text: &str) -> String {
    match parse(text, &Bodies::default()) {
        Ok(_) => "parsed without error".to_string(),
        Err(e) => format!("{}:{}: {}", e.pos.line, e.pos.column, e.message),
    }
}

const GOOD_FRONT: &str = "+++\nbody = \"sro\"\ndate = 2021-05-21\n+++\n";

#[test]
fn parse_errors() {
    let cases = [
        ("empty file", String::new()),
        ("only blank lines", "\n  \n\n".to_string()),
        ("no front matter", "## Nära vård\n".to_string()),
        (
            "missing closing",
            "+++\nbody = \"sro\"\ndate = 2021-05-21\n\n## Nära vård\n".to_string(),
        ),
        (
            "broken toml",
            "+++\nbody = \"sro\"\ndate = 2021-05-21\ntitle = \"Möte\n+++\n".to_string(),
        ),
        (
            "unknown key",
            "+++\nbody = \"sro\"\ndate = 2021-05-21\nplats = \"Vänersborg\"\n+++\n".to_string(),
        ),
        (
            "missing date",
            "+++\nbody = \"sro\"\n+++\n\n## Punkt\n".to_string(),
        ),
        ("missing body", "+++\ndate = 2021-05-21\n+++\n".to_string()),
        (
            "invalid date",
            "+++\nbody = \"sro\"\ndate = \"2021-02-30\"\n+++\n".to_string(),
        ),
        (
            "date with words",
            "+++\nbody = \"sro\"\ndate = \"21 maj 2021\"\n+++\n".to_string(),
        ),
        (
            "updated with zone",
            "+++\nbody = \"sro\"\ndate = 2021-05-21\nupdated = 2021-05-24T09:51:00Z\n+++\n".to_string(),
        ),
        (
            "bad time",
            "+++\nbody = \"sro\"\ndate = 2021-05-21\nstart = \"kl 9\"\n+++\n".to_string(),
        ),
        (
            "minutes status",
            "+++\nbody = \"sro\"\ndate = 2021-05-21\n[minutes]\nstatus = \"klar\"\n+++\n".to_string(),
        ),
        (
            "published without href",
            "+++\nbody = \"sro\"\ndate = 2021-05-21\n[minutes]\nstatus = \"published\"\n+++\n".to_string(),
        ),
        (
            "text before first item",
            format!("{GOOD_FRONT}\nInledning.\n\n## Punkt\n"),
        ),
        ("level one heading", format!("{GOOD_FRONT}\n# Möte\n")),
        ("slide before item", format!("{GOOD_FRONT}\n### Bild\n")),
        (
            "unknown position kind",
            format!("{GOOD_FRONT}\n## Punkt\n\nStällningstagande (kanske): SRO funderar\n"),
        ),
        (
            "doubled position",
            format!("{GOOD_FRONT}\n## Punkt\n\nStällningstagande: SRO noterar\n\nPosition: SRO noterar\n"),
        ),
        (
            "nested points",
            format!("{GOOD_FRONT}\n## Punkt\n\nStällningstagande: SRO ställer sig bakom\n- a\n  - b\n"),
        ),
        (
            "timeline without list",
            format!("{GOOD_FRONT}\n## Punkt\n\nTidsplan:\n\nText.\n"),
        ),
        (
            "timeline on the label line",
            format!("{GOOD_FRONT}\n## Punkt\n\nTidsplan: hösten\n"),
        ),
        (
            "timeline bad date",
            format!("{GOOD_FRONT}\n## Punkt\n\nTidsplan:\n- 2021-13-01: Beslut\n"),
        ),
        (
            "timeline without colon",
            format!("{GOOD_FRONT}\n## Punkt\n\nTidsplan:\n- 19 november beslut\n"),
        ),
        (
            "event in swedish words",
            format!("{GOOD_FRONT}\n## Punkt\n\nHändelser:\n- 16 sept kl 14:00: Konferens\n"),
        ),
        (
            "event bad end",
            format!("{GOOD_FRONT}\n## Punkt\n\nHändelser:\n- 2021-09-16 14:00–25:00: Konferens\n"),
        ),
        (
            "event ends before start",
            format!("{GOOD_FRONT}\n## Punkt\n\nHändelser:\n- 2021-09-16 14:00–13:00: Konferens\n"),
        ),
        (
            "label in slide",
            format!("{GOOD_FRONT}\n## Punkt\n\n### Bild\n\nFöredragande: A\n"),
        ),
        (
            "qualifier on presenters",
            format!("{GOOD_FRONT}\n## Punkt\n\nFöredragande (VGR): A\n"),
        ),
        (
            "two closing slides",
            format!("{GOOD_FRONT}\n## Avslutande bild: A\n\n## Avslutande bild: B\n"),
        ),
        (
            "slide under closing",
            format!("{GOOD_FRONT}\n## Avslutande bild: A\n\n### B\n"),
        ),
    ];
    let report: String = cases
        .iter()
        .map(|(name, text)| format!("{name}\n  {}\n", error_of(text)))
        .collect();
    insta::assert_snapshot!("parse_errors", report);
}

#[test]
fn positions_point_at_what_was_written() {
    let text = format!(
        "{GOOD_FRONT}\n## Punkt ett\n\nFöredragande: A\n\n- x\n\nStällningstagande: SRO noterar\n\n### Bild\n"
    );
    let doc = parse(&text, &Bodies::default()).expect("parses");
    let header = &doc.header;
    assert_eq!(
        header.body.as_ref().map(|b| (b.pos.line, b.pos.column)),
        Some((2, 8))
    );
    assert_eq!(header.date.as_ref().map(|d| d.pos.line), Some(3));
    assert!(header.keep_title);
    assert!(doc.agenda.is_none());
    let section = &doc.sections[0];
    assert_eq!((section.heading.pos.line, section.heading.pos.column), (6, 4));
    assert_eq!(section.presenters_pos.map(|p| p.line), Some(8));
    assert_eq!(section.position_pos.map(|p| p.line), Some(12));
    assert_eq!(section.slide_pos.iter().map(|p| p.line).collect::<Vec<_>>(), [14]);
}

#[test]
fn unknown_body_and_doubled_presenters_are_notes() {
    let text =
        "+++\nbody = \"okänt\"\ndate = 2021-05-21\n+++\n\n## P\n\nFöredragande: A\n\nFöredragande: B\n";
    let doc = parse(text, &sro_bodies()).expect("parses");
    let codes: Vec<(&str, usize)> = doc.notes.iter().map(|n| (n.code, n.pos.line)).collect();
    assert_eq!(codes, [("unknown-body", 2), ("doubled-label", 10)]);
}

#[test]
fn humans_may_write_loosely() {
    // English labels, other markers, tabs, soft-wrapped paragraphs, CRLF and a BOM all read fine.
    let text = "\u{feff}+++\r\nbody = \"sro\"\r\ndate = \"2021-05-21\"\r\nstart = \"13:00\"\r\n+++\r\n\r\n\
                ## Punkt\r\n\r\nPRESENTERS: A\r\n\r\nEn mening som\r\nfortsätter här.\r\n\r\n\
                * a\r\n\t* b\r\n\r\nPosition (decided): SRO tycker till\r\n* p1\r\n\r\n\
                Events:\r\n\r\n- 2021-09-16T14:00 - 2021-09-17 12:00: Två dagar\r\n\r\n\
                Timeline:\r\n- 2021-11-19 (mitten av november): Beslut\r\n- :\r\n";
    let meeting = parse_meeting(text, &Bodies::default()).expect("parses");
    let item = &meeting.items[0];
    assert_eq!(meeting.start.map(|t| t.to_string()).as_deref(), Some("13:00:00"));
    assert_eq!(item.content.len(), 2);
    assert_eq!(
        item.content[0].texts()[0].1.to_plain(),
        "En mening som fortsätter här."
    );
    assert_eq!(item.content[1].texts().len(), 2);
    let position = item.position.as_ref().expect("position");
    assert_eq!(position.kind, PositionKind::Decided);
    assert_eq!(position.points, ["p1"]);
    assert_eq!(
        item.events[0].end.map(|e| e.to_string()).as_deref(),
        Some("2021-09-17T12:00:00")
    );
    assert_eq!(item.timeline[0].when.as_deref(), Some("mitten av november"));
    assert_eq!(
        (item.timeline[1].date, item.timeline[1].when.as_deref()),
        (None, None)
    );
    // The canonical form of it reads back the same.
    assert_eq!(
        parse_meeting(&write(&meeting), &Bodies::default()).ok(),
        Some(meeting)
    );
}

/// The worked example in `docs/source-format.md` parses and is in canonical form.
#[test]
fn documented_example_is_canonical() {
    let doc = read("docs/source-format.md");
    let fence = "```markdown\n";
    let start = doc.find(fence).map(|i| i + fence.len()).expect("worked example");
    let end = doc[start..]
        .find("\n```")
        .map(|i| start + i + 1)
        .expect("closing fence");
    let example = &doc[start..end];
    let meeting = parse_meeting(example, &sro_bodies()).expect("worked example parses");
    similar_asserts(example, &write(&meeting));
    assert_eq!(meeting.items.len(), 4);
}
