//! What `check` accepts every rendition renders, and what no rendition can hold is refused where the
//! record is read, with the line: deep lists, too many items, absurdly nested HTML, and two meetings on one
//! date in one feed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(args)
        .output()
        .expect("samman runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samman-limits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf8 path")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const FRONT: &str = "+++\nbody = \"sro\"\ndate = 2021-05-21\n+++\n\n";

#[test]
fn a_list_nested_thirty_deep_is_reported_and_every_rendition_is_made() {
    let dir = temp_dir("deep");
    let list: String = (0..30)
        .map(|d| format!("{}- nivå {d}\n", "  ".repeat(d)))
        .collect();
    let path = dir.join("djup.md");
    std::fs::write(&path, format!("{FRONT}## Djup lista\n\n{list}")).expect("write");
    let check = run(&["check", s(&path)]);
    let out = text(&check.stdout);
    assert!(
        out.contains(":6:") && out.contains("deep-list"),
        "reported at the item's line: {out}"
    );
    let all = run(&["render", s(&path), "--all", "-o", s(&dir.join("ut"))]);
    assert!(all.status.success(), "{}", text(&all.stderr));
    let page = std::fs::read_to_string(dir.join("ut/index.html")).expect("page");
    assert!(page.contains("nivå 29"), "no text is lost");
}

#[test]
fn more_items_than_any_rendition_can_hold_are_refused_at_the_first_too_many() {
    let dir = temp_dir("items");
    let items: String = (0..1_001).map(|i| format!("## Punkt {i}\n\nText.\n\n")).collect();
    let path = dir.join("manga.md");
    std::fs::write(&path, format!("{FRONT}{items}")).expect("write");
    let line = 6 + 4 * 1_000;
    for args in [vec!["check", s(&path)], vec!["render", s(&path), "--to", "json"]] {
        let output = run(&args);
        let err = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!(":{line}:")),
            "{args:?}: at the first item too many: {err}"
        );
        assert!(err.contains("högst 1000"), "{args:?}: {err}");
    }
}

#[test]
fn html_nested_a_hundred_thousand_deep_is_refused_with_its_line() {
    let dir = temp_dir("html");
    let path = dir.join("djup.html");
    let html = format!(
        "<!doctype html><html><body>\n<h1>SRO 21 maj 2021</h1>\n{}text{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(&path, html).expect("write");
    let output = run(&["import", s(&path)]);
    let err = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("djup.html:3:") && err.contains("nästlad djupare"),
        "{err}"
    );
}

#[test]
fn two_meetings_of_one_body_on_one_date_are_not_one_feed_entry() {
    let dir = temp_dir("atom");
    let a = dir.join("a.md");
    let b = dir.join("b.md");
    std::fs::write(&a, format!("{FRONT}## Ett möte\n\nText.\n")).expect("write");
    std::fs::write(&b, format!("{FRONT}## Ett annat möte\n\nText.\n")).expect("write");
    let output = run(&["render", s(&a), s(&b), "--to", "atom"]);
    let err = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("samma dag (21 maj 2021)"), "{err}");
}
