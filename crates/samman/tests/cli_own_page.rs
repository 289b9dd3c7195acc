//! samman's own page read back (issue 12, finding 6): `render --to html`, then `import`/`diff` of the
//! page give the meeting it was made from — the items and nothing else (not the timeline heading, the
//! detail slides or the subscribe box as items, no "1." in titles), its events, timeline, slides,
//! minutes, time and place. The closing slide is the deck's, so a page is not compared on it.

mod common;

use common::{ok, s, samman, test_meetings};

use std::path::Path;

use serde_json::Value;

/// The meeting as JSON as a page shows it (`common::as_shown`), without the closing slide (the deck's)
/// and the title and lead (their words are compared by the diff).
fn facts(input: &Path, bodies: &Path) -> Value {
    let out = samman(&["--bodies", s(bodies), "render", s(input), "--to", "json"]);
    let mut json: Value = serde_json::from_str(&ok(&out)).expect("json");
    if let Value::Object(map) = &mut json {
        for key in [
            "closing",
            "title",
            "title_derived",
            "lead",
            "lead_derived",
            "generated",
        ] {
            map.remove(key);
        }
    }
    common::as_shown(&mut json);
    json
}

#[test]
fn samman_pages_read_back_to_the_same_meeting() {
    let dir = std::env::temp_dir().join(format!("samman-own-page-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    for (i, (source, bodies)) in test_meetings().iter().enumerate() {
        let page = dir.join(format!("m{i}.html"));
        ok(&samman(&[
            "--bodies",
            s(bodies),
            "render",
            s(source),
            "--to",
            "html",
            "-o",
            s(&page),
        ]));
        let diff = ok(&samman(&["--bodies", s(bodies), "diff", s(source), s(&page)]));
        assert!(diff.contains("Inga skillnader."), "{}: {diff}", source.display());
        assert_eq!(
            facts(source, bodies),
            facts(&page, bodies),
            "{} read back from its page",
            source.display()
        );
    }
}
