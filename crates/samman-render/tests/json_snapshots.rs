//! The stable JSON of the shipped SRO meeting and of a fixture meeting: snapshots, plus the facts a
//! consumer relies on checked one by one.

use std::path::{Path, PathBuf};

use samman_domain::{Bodies, Body, Meeting};
use samman_render::json::render;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(meeting: &str, bodies: &str) -> (Meeting, Body) {
    let read = |p: &str| std::fs::read_to_string(repo().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let bodies = Bodies::from_toml(&read(bodies)).expect("bodies");
    let meeting = samman_source::format::parse_meeting(&read(meeting), &bodies).expect("meeting");
    let body = bodies.get(&meeting.body).expect("body configured").clone();
    (meeting, body)
}

#[test]
fn sro_example() {
    let (meeting, body) = load("examples/sro-2021-05-21.md", "config/bodies.toml");
    let json = render(&meeting, &body);
    assert_eq!(render(&meeting, &body), json, "deterministic");
    assert!(json.ends_with("}\n"));
    let v: Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["schema"], "samman/meeting/1");
    assert_eq!(v["body"]["id"], "sro");
    assert_eq!(v["body"]["short_name"], "SRO");
    assert_eq!(v["date"], "2021-05-21");
    assert_eq!(v["title"], "Sammanställning från SRO 21 maj 2021");
    assert_eq!(v["updated"], "2021-05-24T09:51:00+02:00");
    assert_eq!(v["minutes"]["status"], "pending");
    let items = v["items"].as_array().expect("items");
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["number"], 1);
    assert_eq!(items[0]["presenters"][1]["organisation"], "VästKom");
    assert_eq!(items[4]["presenters"][0]["organisation"], Value::Null);
    assert_eq!(items[4]["presenters"][0]["role"], "kommunikatör vårdsamverkan");
    assert_eq!(items[1]["position"]["kind"], "endorsed");
    assert_eq!(items[1]["position"]["points"].as_array().map(Vec::len), Some(2));
    assert_eq!(items[2]["events"][2]["start"], "2021-09-29T14:00:00+02:00");
    assert_eq!(items[2]["events"][2]["end"], "2021-09-29T15:30:00+02:00");
    assert_eq!(items[0]["timeline"][1]["date"], "2021-11-19");
    assert_eq!(items[0]["timeline"][1]["when_label"], "19 november 2021");
    assert_eq!(items[0]["timeline"][0]["date"], Value::Null);
    assert_eq!(items[0]["slides"].as_array().map(Vec::len), Some(4));
    assert_eq!(items[0]["content"][0]["type"], "list");
    assert_eq!(
        items[0]["content"][0]["items"][1]["children"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        items[4]["content"][0]["items"][0]["children"][1]["inlines"][1]["type"],
        "link"
    );
    assert!(v["closing"]["title"].is_string());
    insta::assert_snapshot!("sro_example_json", json);
}

#[test]
fn fixture_with_published_minutes_times_and_winter_offset() {
    let (meeting, body) = load(
        "fixtures/source/fyrbodal-2023-03-10.md",
        "fixtures/source/bodies.toml",
    );
    let json = render(&meeting, &body);
    let v: Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["start"], "2023-03-10T09:00:00+01:00");
    assert_eq!(v["place"], "Kommunalförbundets lokaler, Vänersborg");
    assert_eq!(v["minutes"]["status"], "published");
    assert_eq!(v["minutes"]["date"], "2023-03-31");
    assert_eq!(
        v["items"][0]["content"][0]["items"].as_array().map(Vec::len),
        Some(40)
    );
    assert_eq!(v["items"][1]["position"]["kind"], "decided");
    assert_eq!(v["closing"], Value::Null);
    insta::assert_snapshot!("fyrbodal_fixture_json", json);
}

#[test]
fn paragraphs_links_and_no_position() {
    let (meeting, body) = load(
        "fixtures/source/skaraborg-2022-11-04.md",
        "fixtures/source/bodies.toml",
    );
    let v: Value = serde_json::from_str(&render(&meeting, &body)).expect("valid JSON");
    assert_eq!(v["title"], "Sammanställning från DPS Skaraborg i november");
    assert_eq!(v["title_derived"], false);
    assert_eq!(v["updated"], Value::Null);
    let paragraph = &v["items"][0]["content"][1];
    assert_eq!(paragraph["type"], "paragraph");
    assert_eq!(
        paragraph["inlines"][1]["href"],
        "https://example.org/vgr/psykisk-halsa"
    );
    assert!(
        paragraph["text"]
            .as_str()
            .is_some_and(|t| t.contains("regionens webbplats"))
    );
    assert_eq!(v["items"][2]["position"], Value::Null);
    assert_eq!(v["items"][0]["presenters"].as_array().map(Vec::len), Some(6));
}

/// The full example in `docs/json.md` is what `render` gives for the source shown next to it.
#[test]
fn documented_example_is_current() {
    let doc = std::fs::read_to_string(repo().join("docs/json.md")).expect("docs/json.md");
    let block = |fence: &str| -> String {
        let start = doc.find(fence).map(|i| i + fence.len()).expect("fenced block");
        let end = doc[start..]
            .find("\n```")
            .map(|i| start + i)
            .expect("closing fence");
        format!("{}\n", doc[start..end].trim_start_matches('\n'))
    };
    let source = block("```markdown\n");
    let json = block("```json\n");
    let bodies =
        Bodies::from_toml(&std::fs::read_to_string(repo().join("config/bodies.toml")).expect("bodies"))
            .expect("bodies");
    let meeting = samman_source::format::parse_meeting(&source, &bodies).expect("documented source parses");
    let body = bodies.get("sro").expect("sro");
    assert_eq!(render(&meeting, body), json);
}
