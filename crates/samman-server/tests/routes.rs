//! Every public route over real HTTP, for the shipped example and a corpus of several bodies and years,
//! on SQLite and (with `SAMMAN_TEST_POSTGRES`) on PostgreSQL.

mod support;

use std::io::Read;

use samman_store::State;
use support::http::{get, request};

/// The relative links of a page (no scheme, no fragment-only, no mailto), resolved against `base`.
fn links(html: &str, base: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let a = scraper::Selector::parse("a[href], link[href]").unwrap_or_else(|e| panic!("{e}"));
    doc.select(&a)
        .filter_map(|e| e.value().attr("href"))
        .filter(|h| !h.contains(':') && !h.starts_with('#'))
        .map(|h| resolve(base, h.split('#').next().unwrap_or_default()))
        .collect()
}

/// `href` relative to the directory path `base` ("/sro/2021-05-21/" + "../" → "/sro/").
fn resolve(base: &str, href: &str) -> String {
    if href.starts_with('/') {
        return href.to_string();
    }
    let mut parts: Vec<&str> = base
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let mut rest = href;
    loop {
        if let Some(r) = rest.strip_prefix("../") {
            parts.pop();
            rest = r;
        } else if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else {
            break;
        }
    }
    let mut out = String::from("/");
    for p in parts {
        out.push_str(p);
        out.push('/');
    }
    out.push_str(rest);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_and_every_link_leads_somewhere() {
    for backend in support::backends() {
        let (_store, server) = support::with_corpus(&backend).await;
        let addr = server.addr;

        let home = get(addr, "/").await;
        assert_eq!(home.status, 200, "{}", home.text());
        let text = home.text();
        for want in [
            "href=\"sro/\"",
            "href=\"nvs/\"",
            "href=\"sro/2021-05-21/\"",
            "href=\"kalender.ics\"",
        ] {
            assert!(text.contains(want), "start page lacks {want}:\n{text}");
        }
        assert!(
            !text.contains("href=\"tom/\""),
            "a body without meetings is not listed"
        );

        let sro = get(addr, "/sro/").await;
        assert_eq!(sro.status, 200);
        let t = sro.text();
        let order: Vec<usize> = ["id=\"ar-2021\"", "id=\"ar-2020\"", "id=\"ar-2019\""]
            .iter()
            .map(|s| t.find(s).unwrap_or_else(|| panic!("{s} missing on /sro/")))
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "years newest first: {order:?}"
        );
        assert_eq!(
            get(addr, "/tom/").await.status,
            200,
            "a configured body without meetings has a page"
        );

        let page = get(addr, "/sro/2021-05-21/").await;
        assert_eq!(page.status, 200);
        assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
        let t = page.text();
        assert!(t.contains("<h1>Sammanställning från SRO 21 maj 2021</h1>"), "{t}");
        assert!(t.contains("<div class=\"site\">"), "site navigation");

        let deck = get(addr, "/sro/2021-05-21/sammanstallning.pptx").await;
        assert_eq!(deck.status, 200);
        assert!(deck.body.starts_with(b"PK"), "a zip");
        assert!(
            deck.header("content-disposition")
                .is_some_and(|d| d.contains("attachment"))
        );
        let pdf = get(addr, "/sro/2021-05-21/sammanstallning.pdf").await;
        assert_eq!(pdf.status, 200);
        assert!(pdf.body.starts_with(b"%PDF"));
        let ics = get(addr, "/sro/2021-05-21/kalender.ics").await;
        assert!(ics.status == 200 && ics.text().starts_with("BEGIN:VCALENDAR"));
        let feed = get(addr, "/nvs/flode.atom").await;
        assert_eq!(feed.status, 200);
        assert_eq!(feed.text().matches("<entry>").count(), 3, "{}", feed.text());
        let all = get(addr, "/kalender.ics").await;
        assert!(all.status == 200 && all.text().starts_with("BEGIN:VCALENDAR"));
        let health = get(addr, "/health").await;
        assert_eq!((health.status, health.text().as_str()), (200, "ok\n"));

        // Every link on the start page, a body page and a summary page answers.
        for (base, html) in [
            ("/", home.text()),
            ("/sro/", sro.text()),
            ("/sro/2021-05-21/", page.text()),
        ] {
            for link in links(&html, base) {
                if link.contains("nyhetsbrev") {
                    continue; // the newsletter's routes come with the newsletter issue
                }
                let reply = get(addr, &link).await;
                assert_eq!(reply.status, 200, "{base} links to {link}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_the_right_4xx_never_a_500() {
    let backend = support::sqlite();
    let (_store, server) = support::with_corpus(&backend).await;
    let addr = server.addr;
    for (path, status) in [
        ("/sro/2021-13-45/", 404),
        ("/sro/2021-02-30/", 404),
        ("/sro/1999-01-01/", 404),
        ("/okand/", 404),
        ("/okand/2021-05-21/", 404),
        ("/okand/flode.atom", 404),
        ("/sro/..%2F..%2Fetc%2Fpasswd", 404),
        ("/sro/2021-05-21/..%2F..%2F..%2Fetc%2Fpasswd", 404),
        ("/../../etc/passwd", 404),
        ("/sro/2021-05-21/okand.txt", 404),
        ("/sro/2021-05-21/index.html", 404),
        ("/sro/%ff%fe/", 404),
        ("/sro/2021-05-21", 301),
        ("/sro", 301),
        ("/health/", 404),
    ] {
        let reply = get(addr, path).await;
        assert_eq!(reply.status, status, "{path}");
        if status == 404 {
            assert!(reply.text().contains("Sidan finns inte"), "{path}: Swedish 404");
        }
    }
    let moved = get(addr, "/sro/2021-05-21").await;
    assert_eq!(moved.header("location"), Some("/sro/2021-05-21/"));

    let huge = format!("/sro/?q={}", "a".repeat(10 * 1024 * 1024));
    let reply = get(addr, &huge).await;
    assert!(
        reply.status == 0 || (400..500).contains(&reply.status),
        "10 MB query: {}",
        reply.status
    );
    assert_eq!(
        get(addr, "/sro/?q=%00%ff&x=../..").await.status,
        200,
        "a query is ignored"
    );

    let post = request(addr, "POST", "/sro/2021-05-21/", &[("Content-Length", "0")]).await;
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));

    // HEAD: the headers of GET, no body.
    let full = get(addr, "/sro/2021-05-21/sammanstallning.pdf").await;
    let head = request(addr, "HEAD", "/sro/2021-05-21/sammanstallning.pdf", &[]).await;
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(full.body.len().to_string().as_str())
    );
    assert_eq!(head.header("etag"), full.header("etag"));

    // Range: one range → 206 with exactly those bytes; beyond the end → 416; several → the whole file.
    let part = request(
        addr,
        "GET",
        "/sro/2021-05-21/sammanstallning.pdf",
        &[("Range", "bytes=0-9")],
    )
    .await;
    assert_eq!(part.status, 206);
    assert_eq!(part.body, full.body[..10]);
    let len = full.body.len();
    assert_eq!(
        part.header("content-range"),
        Some(format!("bytes 0-9/{len}").as_str())
    );
    let tail = request(
        addr,
        "GET",
        "/sro/2021-05-21/sammanstallning.pdf",
        &[("Range", "bytes=-5")],
    )
    .await;
    assert_eq!((tail.status, tail.body.as_slice()), (206, &full.body[len - 5..]));
    let beyond = format!("bytes={len}-");
    let none = request(
        addr,
        "GET",
        "/sro/2021-05-21/sammanstallning.pdf",
        &[("Range", beyond.as_str())],
    )
    .await;
    assert_eq!(none.status, 416);
    assert_eq!(
        none.header("content-range"),
        Some(format!("bytes */{len}").as_str())
    );
    let many = request(
        addr,
        "GET",
        "/sro/2021-05-21/sammanstallning.pdf",
        &[("Range", "bytes=0-1,4-5")],
    )
    .await;
    assert_eq!((many.status, many.body.len()), (200, len));
    let junk = request(addr, "GET", "/sro/2021-05-21/", &[("Range", "bytes=zz")]).await;
    assert_eq!(junk.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validators_compression_and_security_headers() {
    let backend = support::sqlite();
    let (_store, server) = support::with_corpus(&backend).await;
    let addr = server.addr;
    let page = get(addr, "/sro/2021-05-21/").await;
    let etag = page.header("etag").unwrap_or_default().to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    let same = request(
        addr,
        "GET",
        "/sro/2021-05-21/",
        &[("If-None-Match", etag.as_str())],
    )
    .await;
    assert_eq!((same.status, same.body.len()), (304, 0));
    let other = request(
        addr,
        "GET",
        "/sro/2021-05-21/",
        &[("If-None-Match", "W/\"annan\"")],
    )
    .await;
    assert_eq!(other.status, 200);
    let modified = page.header("last-modified").unwrap_or_default().to_string();
    assert!(modified.ends_with(" GMT"), "{modified}");
    let since = request(
        addr,
        "GET",
        "/sro/2021-05-21/",
        &[("If-Modified-Since", modified.as_str())],
    )
    .await;
    assert_eq!(since.status, 304);
    let old = request(
        addr,
        "GET",
        "/sro/2021-05-21/",
        &[("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")],
    )
    .await;
    assert_eq!(old.status, 200);

    let gz = request(addr, "GET", "/sro/2021-05-21/", &[("Accept-Encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut plain = Vec::new();
    let decoded = flate2::read::GzDecoder::new(gz.body.as_slice()).read_to_end(&mut plain);
    assert!(decoded.is_ok(), "{decoded:?}");
    assert_eq!(plain, page.body);
    let br = request(addr, "GET", "/sro/2021-05-21/", &[("Accept-Encoding", "br")]).await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    let mut plain = Vec::new();
    let decoded = brotli::Decompressor::new(br.body.as_slice(), 4096).read_to_end(&mut plain);
    assert!(decoded.is_ok(), "{decoded:?}");
    assert_eq!(plain, page.body);
    let pdf = request(
        addr,
        "GET",
        "/sro/2021-05-21/sammanstallning.pdf",
        &[("Accept-Encoding", "gzip")],
    )
    .await;
    assert_eq!(
        pdf.header("content-encoding"),
        None,
        "a PDF is not compressed again"
    );
    // The deck's parts are stored, so it travels compressed.
    let deck = get(addr, "/sro/2021-05-21/sammanstallning.pptx").await;
    let gz = request(
        addr,
        "GET",
        "/sro/2021-05-21/sammanstallning.pptx",
        &[("Accept-Encoding", "gzip")],
    )
    .await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert!(
        gz.body.len() * 2 < deck.body.len(),
        "{} of {}",
        gz.body.len(),
        deck.body.len()
    );
    let mut plain = Vec::new();
    let decoded = flate2::read::GzDecoder::new(gz.body.as_slice()).read_to_end(&mut plain);
    assert!(decoded.is_ok(), "{decoded:?}");
    assert_eq!(plain, deck.body);

    for path in [
        "/",
        "/sro/",
        "/sro/2021-05-21/",
        "/sro/flode.atom",
        "/finns-inte/x/y/z",
    ] {
        let r = get(addr, path).await;
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("unsafe"),
            "{path}: {csp}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"), "{path}");
    }
    let csp = page.header("content-security-policy").unwrap_or_default();
    assert_eq!(
        csp,
        samman_site::page::csp(&page.text()),
        "the policy allows exactly the page's styles"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_unpublished_and_embargoed_meetings_are_on_no_public_route() {
    for backend in support::backends() {
        let (store, server) = support::with_corpus(&backend).await;
        let addr = server.addr;
        let hidden = [
            ("2022-01-14", State::Draft, None),
            ("2022-02-11", State::Unpublished, None),
            ("2022-03-11", State::Published, Some(4_102_444_800)), // embargo until 2100
        ];
        for (date, state, publish_at) in &hidden {
            let text = support::source("sro", date, "Hemligt ärende");
            support::save(store.as_ref(), &text, *state, *publish_at).await;
        }
        // Past the node's cache: the change counter moved.
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        for (date, ..) in &hidden {
            for path in [
                format!("/sro/{date}/"),
                format!("/sro/{date}/sammanstallning.pdf"),
                format!("/sro/{date}/kalender.ics"),
            ] {
                assert_eq!(get(addr, &path).await.status, 404, "{path}");
            }
            for listing in ["/", "/sro/", "/sro/flode.atom", "/kalender.ics"] {
                let text = get(addr, listing).await.text();
                assert!(
                    !text.contains(date) && !text.contains("Hemligt"),
                    "{listing} shows {date}"
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_shows_within_a_second_on_every_node() {
    for backend in support::backends() {
        let (store, first) = support::with_corpus(&backend).await;
        // A second node: its own store handle and cache on the same database.
        let second = support::start(support::open(&backend).await).await;
        for node in [first.addr, second.addr] {
            assert!(
                !get(node, "/nvs/").await.text().contains("2022-06-10"),
                "cached before the change"
            );
        }
        support::save(
            store.as_ref(),
            &support::source("nvs", "2022-06-10", "Nytt"),
            State::Published,
            None,
        )
        .await;
        for node in [first.addr, second.addr] {
            let started = std::time::Instant::now();
            loop {
                if get(node, "/nvs/").await.text().contains("2022-06-10") {
                    break;
                }
                assert!(
                    started.elapsed().as_millis() < 1000,
                    "{node} did not see the change in a second"
                );
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            assert_eq!(get(node, "/nvs/2022-06-10/").await.status, 200);
        }
    }
}
