//! The start page, a body page, a summary page and the search page (with hits and with none), served for
//! real, in headless Chromium and the Nu Html
//! Checker (`tools/web/check-pages.mjs`): zero axe-core violations, zero vnu errors, nothing refused by
//! the page's Content-Security-Policy, and readable with JavaScript disabled.
//!
//! A missing tool skips the check with a message, unless `SAMMAN_REQUIRE_TOOLS=1` (CI), which fails it.

mod support;

use std::path::Path;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn served_pages_pass_axe_vnu_csp_and_work_without_javascript() {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/web");
    if !support::tools_present(&tools) {
        return;
    }
    let backend = support::sqlite();
    let (_store, server) = support::with_corpus(&backend).await;
    // The search page with hits and with none (the index syncs in the background: wait for it).
    let with_hits = "/sok/?q=v%C3%A5rdavtalen";
    let start = std::time::Instant::now();
    while !support::http::get(server.addr, with_hits)
        .await
        .text()
        .contains("class=\"traffar\"")
        && start.elapsed() < std::time::Duration::from_secs(10)
    {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let urls: Vec<String> = [
        "/",
        "/sro/",
        "/sro/2021-05-21/",
        with_hits,
        "/sok/?q=flygplatsen&organ=sro",
    ]
    .iter()
    .map(|p| format!("http://{}{p}", server.addr))
    .collect();
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let script = tools.join("check-pages.mjs");
    let output = tokio::process::Command::new("node")
        .arg(script)
        .arg("--out")
        .arg(out.path())
        .args(&urls)
        .output()
        .await
        .unwrap_or_else(|e| panic!("node: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}\n{stderr}");
    assert!(
        output.status.success(),
        "check-pages.mjs failed:\n{stdout}\n{stderr}"
    );
    assert_eq!(stdout.matches("nojs site-").count(), 5, "{stdout}");
}
