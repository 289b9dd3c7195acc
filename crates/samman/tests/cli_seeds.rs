//! The acceptance path through the binary: import the two seed documents, render their JSON, check and
//! diff them. Skips (saying so) when `../shared/seeds` is absent.

use std::path::PathBuf;
use std::process::{Command, Output};

fn samman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(args)
        .output()
        .expect("samman runs")
}

fn seeds() -> Option<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let deck = dir.join("000_484dff92c3137b0a.txt");
    let page = dir.join("004_7e364ce69367e699.txt");
    if deck.exists() && page.exists() {
        Some((deck.display().to_string(), page.display().to_string()))
    } else {
        eprintln!("skipping: seeds not found at {}", dir.display());
        None
    }
}

fn json_of(path: &str) -> serde_json::Value {
    let out = samman(&["render", path, "--to", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn both_seeds_render_the_same_meeting_facts() {
    let Some((deck, page)) = seeds() else { return };
    for path in [&deck, &page] {
        let json = json_of(path);
        assert_eq!(json["date"], "2021-05-21", "{path}");
        assert_eq!(json["body"]["short_name"], "SRO", "{path}");
        let items = json["items"].as_array().expect("items");
        assert_eq!(items.len(), 5, "{path}");
        assert_eq!(items[1]["position"]["kind"], "endorsed", "{path}");
        assert_eq!(
            items[1]["position"]["points"].as_array().map(Vec::len),
            Some(2),
            "{path}"
        );
        let presenters = &items[0]["presenters"];
        assert_eq!(presenters[0]["name"], "Ann-Marie Svensson", "{path}");
        assert_eq!(presenters[0]["organisation"], "VGR", "{path}");
        assert_eq!(presenters[1]["organisation"], "VästKom", "{path}");
        assert_eq!(items[1]["presenters"][0]["organisation"], "VästKom", "{path}");
        assert_eq!(
            items[4]["presenters"][0]["role"], "kommunikatör vårdsamverkan",
            "{path}"
        );
        assert_eq!(
            items[4]["presenters"][0]["organisation"],
            serde_json::Value::Null,
            "{path}"
        );
        let events = items[2]["events"].as_array().expect("events");
        assert_eq!(events[0]["start"], "2021-09-16T14:00:00+02:00", "{path}");
        assert_eq!(events[0]["end"], "2021-09-16T15:30:00+02:00", "{path}");
        let timeline = items[0]["timeline"].as_array().expect("timeline");
        assert!(timeline.iter().any(|t| t["date"] == "2021-11-19"), "{path}");
    }
    let deck_json = json_of(&deck);
    assert_eq!(deck_json["items"][0]["slides"].as_array().map(Vec::len), Some(4));
    assert_eq!(deck_json["items"][2]["events"].as_array().map(Vec::len), Some(2));
    let page_json = json_of(&page);
    assert_eq!(page_json["items"][2]["events"].as_array().map(Vec::len), Some(3));
    assert_eq!(page_json["updated"], "2021-05-24T09:51:00+02:00");
}

#[test]
fn import_writes_a_source_file_that_renders_the_same() {
    let Some((deck, _)) = seeds() else { return };
    let dir = std::env::temp_dir().join(format!("samman-cli-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let source = dir.join("sro.md");
    let out = samman(&["import", &deck, "-o", source.to_str().expect("utf8")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json_of(source.to_str().expect("utf8")), json_of(&deck));
    let fmt = samman(&["fmt", "--check", source.to_str().expect("utf8")]);
    assert_eq!(
        fmt.status.code(),
        Some(0),
        "an imported file is already canonical"
    );
}

#[test]
fn check_finds_the_errors_and_exits_1() {
    let Some((deck, page)) = seeds() else { return };
    let out = samman(&["check", &page]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("error[title-date-mismatch]"), "{text}");
    assert!(text.contains("[org-spelling]"), "{text}");
    assert!(
        text.lines().all(|l| l.starts_with(&page)),
        "every line names the file: {text}"
    );

    let out = samman(&["check", "--format", "json", &deck]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let codes: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert!(codes.contains(&"incomplete-date"), "{codes:?}");
    assert!(codes.contains(&"org-spelling"), "{codes:?}");
    for problem in json.as_array().expect("array") {
        assert!(problem["line"].as_u64().is_some_and(|l| l > 0), "{problem}");
        assert!(problem["column"].as_u64().is_some_and(|c| c > 0), "{problem}");
    }
}

#[test]
fn diff_of_the_seeds_differs_and_a_file_equals_itself() {
    let Some((deck, page)) = seeds() else { return };
    let out = samman(&["diff", "--color", "never", &deck, &page]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "länsgränsnivå",
        "länsgmensam",
        "vacciation",
        "Aktuellt läge Covid-19",
        "Slutsatser CHI",
    ] {
        assert!(text.contains(needle), "diff mentions {needle}: {text}");
    }
    let same = samman(&["diff", &page, &page]);
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );
}
