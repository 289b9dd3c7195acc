//! The open-data API served for real: the OpenAPI document validates (`openapi-spec-validator`) and
//! every path in it answers as described, with ETags, CORS and JSON errors.

mod support;

use std::time::{Duration, Instant};

use serde_json::Value;
use support::http::{get, request};

fn json(reply: &support::http::Reply) -> Value {
    serde_json::from_slice(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.text()))
}

fn validator_present() -> bool {
    let ok = std::process::Command::new("openapi-spec-validator")
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("SAMMAN_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "openapi-spec-validator is missing and SAMMAN_REQUIRE_TOOLS=1"
        );
        eprintln!(
            "skipping the validator: openapi-spec-validator is missing (pip install openapi-spec-validator)"
        );
    }
    ok
}

/// The properties a schema (or the schema it refers to) requires.
fn required<'a>(doc: &'a Value, schema: &'a Value) -> Vec<&'a str> {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
        None => schema,
    };
    schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_validates_and_every_path_answers_as_described() {
    let backend = support::sqlite();
    let (_store, server) = support::with_corpus(&backend).await;
    let reply = get(server.addr, "/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200);
    let doc = json(&reply);
    if validator_present() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("openapi.json");
        std::fs::write(&file, &reply.body).unwrap();
        let out = std::process::Command::new("openapi-spec-validator")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Wait until the index has the corpus, so search answers with hits.
    let start = Instant::now();
    while json(&get(server.addr, "/api/v1/sok?q=psykiatrin").await)["data"]
        .as_array()
        .is_none_or(Vec::is_empty)
        && start.elapsed() < Duration::from_secs(10)
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let paths = doc["paths"].as_object().expect("paths");
    assert_eq!(paths.len(), 4, "{paths:?}");
    for (path, item) in paths {
        let get_op = &item["get"];
        let mut url = path.replace("{body}", "sro").replace("{date}", "2021-05-21");
        if path.ends_with("/sok") {
            url.push_str("?q=v%C3%A5rdavtalen");
        }
        let reply = get(server.addr, &url).await;
        assert_eq!(reply.status, 200, "{url}: {}", reply.text());
        assert!(get_op["responses"]["200"].is_object(), "{path} documents 200");
        assert_eq!(reply.header("content-type"), Some("application/json"), "{url}");
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"), "{url}");
        let body = json(&reply);
        let schema = &get_op["responses"]["200"]["content"]["application/json"]["schema"];
        for key in required(&doc, schema) {
            assert!(body.get(key).is_some(), "{url} lacks {key}: {body}");
        }
        // ETag: the same request with If-None-Match is 304.
        let etag = reply.header("etag").expect("an ETag").to_string();
        let again = request(server.addr, "GET", &url, &[("If-None-Match", &etag)]).await;
        assert_eq!(again.status, 304, "{url}");
        // Documented parameters are answered: a path parameter that names nothing is a JSON 404.
        if path.contains("{body}") {
            let missing = get(
                server.addr,
                &path.replace("{body}", "okant").replace("{date}", "2021-05-21"),
            )
            .await;
            assert_eq!(missing.status, 404, "{path}");
            assert_eq!(json(&missing)["error"]["status"], 404);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resources_pages_search_and_errors() {
    let backend = support::sqlite();
    let (_store, server) = support::with_corpus(&backend).await;
    let bodies = json(&get(server.addr, "/api/v1/bodies").await);
    let keys: Vec<&str> = bodies["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["sro", "nvs", "tom"]);
    assert_eq!(bodies["data"][0]["type"], "Body");
    assert_eq!(bodies["data"][0]["meetings"], "/api/v1/bodies/sro/meetings");

    let list = json(&get(server.addr, "/api/v1/bodies/sro/meetings").await);
    let dates: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2021-05-21", "2020-02-14", "2019-11-08"]);
    assert_eq!(list["data"][0]["id"], "/api/v1/bodies/sro/meetings/2021-05-21");
    assert_eq!(list["data"][0]["web"], "/sro/2021-05-21/");
    let paged = json(&get(server.addr, "/api/v1/bodies/sro/meetings?per_sida=2&sida=2").await);
    assert_eq!(paged["data"].as_array().unwrap().len(), 1);
    assert_eq!(paged["pagination"]["total"], 3);
    assert_eq!(paged["pagination"]["next"], Value::Null);
    assert!(paged["pagination"]["prev"].as_str().unwrap().contains("sida=1"));
    let year = json(&get(server.addr, "/api/v1/bodies/sro/meetings?ar=2020").await);
    assert_eq!(year["data"].as_array().unwrap().len(), 1);
    let empty = json(&get(server.addr, "/api/v1/bodies/tom/meetings").await);
    assert_eq!(empty["data"].as_array().unwrap().len(), 0);

    // One meeting: exactly the JSON rendition.
    let one = get(server.addr, "/api/v1/bodies/sro/meetings/2021-05-21").await;
    let (_, meeting) = samman_site::meeting_from_text(&support::example(), None, &support::bodies()).unwrap();
    let expected = samman_site::renditions::render(
        samman_site::Rendition::Json,
        &[(meeting, support::bodies().get("sro").unwrap().clone())],
        &Default::default(),
    )
    .unwrap();
    assert_eq!(one.body, expected);

    for (path, status, field) in [
        ("/api/v1/bodies/sro/meetings?ar=x", 400, Some("ar")),
        ("/api/v1/bodies/sro/meetings?sida=0", 400, Some("sida")),
        (
            "/api/v1/bodies/sro/meetings?per_sida=100000",
            400,
            Some("per_sida"),
        ),
        ("/api/v1/bodies/sro/meetings/2021-13-45", 404, None),
        ("/api/v1/bodies/sro/meetings/2030-01-01", 404, None),
        ("/api/v1/bodies/..%2F..%2Fetc/meetings", 404, None),
        ("/api/v1/finns-inte", 404, None),
        ("/api/v1/sok?q=v%C3%A5rd&organ=okant", 400, Some("organ")),
        ("/api/v1/sok?q=v%C3%A5rd&ar=tjugo", 400, Some("ar")),
    ] {
        let reply = get(server.addr, path).await;
        assert_eq!(reply.status, status, "{path}: {}", reply.text());
        let error = json(&reply);
        assert_eq!(error["error"]["status"], status, "{path}");
        assert!(!error["error"]["message"].as_str().unwrap().is_empty());
        assert_eq!(error["error"]["field"].as_str(), field, "{path}");
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    }
    let long = format!("/api/v1/sok?q={}", "a+".repeat(300));
    assert_eq!(get(server.addr, &long).await.status, 400);
    // 10 MB: refused by the HTTP layer before any handler (a 4xx or a closed connection), never a 5xx.
    let huge = get(
        server.addr,
        &format!("/api/v1/sok?q={}", "a".repeat(10 * 1024 * 1024)),
    )
    .await;
    assert!(
        huge.status == 0 || (400..500).contains(&huge.status),
        "{}",
        huge.status
    );
    for junk in [
        "%22",
        "AND%20OR",
        "*%3A*",
        "(((",
        "%5Bx%20TO%20y%7D",
        "%22unbalanced",
    ] {
        let reply = get(server.addr, &format!("/api/v1/sok?q={junk}")).await;
        assert_eq!(reply.status, 200, "{junk}");
        assert_eq!(json(&reply)["pagination"]["total"], 0, "{junk}");
    }
    let post = request(server.addr, "POST", "/api/v1/bodies", &[("Content-Length", "0")]).await;
    assert_eq!(post.status, 405);
    assert_eq!(json(&post)["error"]["status"], 405);
}
