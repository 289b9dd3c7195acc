//! `/sok/` served for real over a real store: stemmed hits linking to the item's anchor, escaped
//! highlighted snippets, filters, the "inga träffar" page with suggestions, and bad input that gets a
//! clear page (400) — never a 500.

mod support;

use std::time::{Duration, Instant};

use support::http::{Reply, get};

/// Asks `path` until its page has hits (the index syncs in the background after start).
async fn until_hits(addr: std::net::SocketAddr, path: &str) -> Reply {
    let start = Instant::now();
    loop {
        let reply = get(addr, path).await;
        if reply.text().contains("class=\"traffar\"") || start.elapsed() > Duration::from_secs(10) {
            return reply;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn enc(q: &str) -> String {
    let mut out = String::new();
    for b in q.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_stemmed_words_and_links_to_the_item() {
    for backend in support::backends() {
        let (_store, server) = support::with_corpus(&backend).await;
        // "vårdavtalen" (plural, definite) finds the item titled "Vårdavtalet".
        let reply = until_hits(server.addr, &format!("/sok/?q={}", enc("vårdavtalen"))).await;
        assert_eq!(reply.status, 200);
        let html = reply.text();
        assert!(html.contains("1 träff för ”vårdavtalen”"), "{html}");
        assert!(
            html.contains("<a href=\"../sro/2020-02-14/#punkt-1\"><mark>Vårdavtalet</mark></a>"),
            "{html}"
        );
        assert!(html.contains("SRO · 14 februari 2020 · punkt 1"), "{html}");
        assert_eq!(reply.header("cache-control"), Some("no-cache"));
        let policy = reply.header("content-security-policy").unwrap_or_default();
        assert!(
            policy.contains("default-src 'none'") && !policy.contains("script"),
            "{policy}"
        );

        // Filters narrow; a filter with no hits suggests searching without it.
        let sro = get(server.addr, "/sok/?q=l%C3%A4get&organ=nvs&ar=2021")
            .await
            .text();
        assert!(sro.contains("1 träff"), "{sro}");
        assert!(sro.contains("Elevhälsan"), "{sro}");
        let none = get(server.addr, "/sok/?q=elevh%C3%A4lsan&organ=sro").await;
        assert_eq!(none.status, 200);
        let none = none.text();
        assert!(none.contains("<h2>Inga träffar</h2>"), "{none}");
        assert!(
            none.contains("Sök utan filter för organ och år</a> – då blir det 1 träff"),
            "{none}"
        );
        let nothing = get(server.addr, "/sok/?q=flygplatsen").await.text();
        assert!(nothing.contains("Inga träffar") && nothing.contains("Kontrollera stavningen"));

        // The form alone, and the form in every page's navigation (relative to the page).
        let form = get(server.addr, "/sok/").await;
        assert_eq!(form.status, 200);
        assert!(form.text().contains("<form class=\"sokform\" role=\"search\""));
        let page = get(server.addr, "/sro/2021-05-21/").await.text();
        assert!(page.contains("action=\"../../sok/\" method=\"get\""), "{page}");
        let missing = get(server.addr, "/finns/inte/alls").await.text();
        assert!(missing.contains("action=\"/sok/\""), "{missing}");
        // Without the slash: redirected, the query kept.
        let moved = get(server.addr, "/sok?q=v%C3%A5rd").await;
        assert_eq!(moved.status, 301);
        assert_eq!(moved.header("location"), Some("/sok/?q=v%C3%A5rd"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_search_input_gets_a_clear_page_never_a_500() {
    let backend = support::sqlite();
    let (_store, server) = support::with_corpus(&backend).await;
    until_hits(server.addr, "/sok/?q=psykiatrin").await;
    for (query, status, says) in [
        ("q=%22", 200, "Inga träffar"),
        ("q=AND%20OR", 200, "Inga träffar"),
        ("q=*%3A*", 200, "Inga träffar"),
        ("q=((psykiatrin", 200, "1 träff"),
        ("q=%5Bpsykiatrin%5D%7D", 200, "1 träff"),
        // "TO" is a word like any other (no range syntax), and no item holds it.
        ("q=%5Bpsykiatrin%20TO", 200, "Inga träffar"),
        (
            "q=psykiatrin&organ=finns-inte",
            400,
            "Det finns inget organ som heter ”finns-inte”",
        ),
        ("q=psykiatrin&ar=tjugo", 400, "”tjugo” är inget årtal"),
        ("q=psykiatrin&ar=99999", 400, "är inget årtal"),
        ("q=psykiatrin&sida=0", 400, "Sidnumret"),
        ("q=psykiatrin&sida=x", 400, "Sidnumret"),
        (
            "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            200,
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        ),
        ("q=%FF%FE", 200, ""),
        ("okand=1&q=psykiatrin", 200, "1 träff"),
    ] {
        let reply = get(server.addr, &format!("/sok/?{query}")).await;
        assert_eq!(reply.status, status, "{query}: {}", reply.text());
        assert!(reply.text().contains(says), "{query}: {}", reply.text());
        assert!(!reply.text().contains("<script"), "{query}");
    }
    let long = format!("/sok/?q={}", "v%C3%A5rd+".repeat(500));
    let reply = get(server.addr, &long).await;
    assert_eq!(reply.status, 400);
    assert!(reply.text().contains("Sökfrågan är för lång"), "{}", reply.text());
    // 10 MB: refused by the HTTP layer before any handler (a 4xx or a closed connection), never a 5xx.
    let huge = format!("/sok/?q={}", "a".repeat(10 * 1024 * 1024));
    let reply = get(server.addr, &huge).await;
    assert!(
        reply.status == 0 || (400..500).contains(&reply.status),
        "{}",
        reply.status
    );
    // The server still answers.
    assert_eq!(get(server.addr, "/sok/?q=psykiatrin").await.status, 200);
}
