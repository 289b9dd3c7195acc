//! The editor's whole flow in headless Chromium (`tools/web/editor-flow.mjs`), with JavaScript and
//! without: sign in, create a meeting, two items with presenters and positions, preview, publish, the
//! public page, update with a change note, sign out by keyboard, and a meeting started from a pasted page
//! text — with axe-core (WCAG 2.1 A/AA) reporting no violation on any editor page. On SQLite only: the
//! same routes run on PostgreSQL in `tests/editor.rs`, and a second browser run would double its minute.
//!
//! A missing tool skips the check with a message, unless `SAMMAN_REQUIRE_TOOLS=1` (CI), which fails it.

mod support;

use std::path::Path;

use samman_store::{NewUser, Role};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_flow_in_a_browser_with_and_without_javascript() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tools = root.join("tools/web");
    if !support::tools_present(&tools) {
        return;
    }
    {
        let backend = support::sqlite();
        let store = support::open(&backend).await;
        let password = "ett långt lösenord";
        let hash = samman_server::editor::auth::hash_password(password).unwrap_or_else(|e| panic!("{e}"));
        store
            .editor()
            .add_user(NewUser {
                email: "anna@example.se".into(),
                password_hash: hash,
                role: Role::Editor,
                bodies: vec!["sro".into()],
            })
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let server = support::start(store).await;
        let output = tokio::process::Command::new("node")
            .arg(tools.join("editor-flow.mjs"))
            .arg(format!("http://{}", server.addr))
            .args(["anna@example.se", password])
            .arg(root.join("fixtures/import/sro-2021-12-10.page.txt"))
            .output()
            .await
            .unwrap_or_else(|e| panic!("node: {e}"));
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        println!("{stdout}\n{stderr}");
        assert!(
            output.status.success(),
            "editor-flow.mjs failed:\n{stdout}\n{stderr}"
        );
        for mode in ["js", "nojs"] {
            assert!(stdout.contains(&format!("{mode}: flow done")), "{stdout}");
        }
        // Sign-in, the body, the meeting (and the second sign-in page) in both modes.
        assert!(stdout.matches(": 0 violation(s)").count() >= 8, "{stdout}");
    }
}
