//! The editor's whole flow in headless Chromium (`tools/web/editor-flow.mjs`), with JavaScript and
//! without: sign in, create a meeting, two items with presenters and positions, move one, preview,
//! publish, the public page, (with JavaScript: autosave, the restored draft, the live preview), update
//! with a change note, the minutes as a link and as an uploaded PDF, sign out by keyboard, a meeting
//! started from a pasted page text, the 403 and 404 pages, the admin's audit log and accounts, and the
//! newsletter's page (its CSV file, removing a subscriber) — with axe-core
//! (WCAG 2.1 A/AA) reporting no violation on any editor page. On SQLite, and on PostgreSQL when
//! `SAMMAN_TEST_POSTGRES` is set (as in CI).
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
    for backend in support::backends() {
        let store = support::open(&backend).await;
        let password = "ett långt lösenord";
        let hash = samman_server::editor::auth::hash_password(password).unwrap_or_else(|e| panic!("{e}"));
        for (email, role, bodies) in [
            ("anna@example.se", Role::Editor, vec!["sro".to_string()]),
            ("admin@example.se", Role::Admin, vec![]),
        ] {
            store
                .editor()
                .add_user(NewUser {
                    email: email.into(),
                    password_hash: hash.clone(),
                    role,
                    bodies,
                })
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
        // Two subscribers of SRO's list, one for each run to remove on the newsletter's page.
        for address in ["en@example.se", "tva@example.se"] {
            support::editor::subscriber(store.as_ref(), "sro", address, true).await;
        }
        // The site runs the newsletter (no SMTP), so its pages show everything they can.
        let secret = samman_newsletter::Secret::from_text(&"s".repeat(40)).unwrap_or_else(|e| panic!("{e}"));
        let app = samman_server::App::new(store, samman_site::Site::new(support::bodies()))
            .with_newsletter(samman_server::newsletter::Newsletter::new(secret, None));
        let server = support::start_app(app).await;
        let output = tokio::process::Command::new("node")
            .arg(tools.join("editor-flow.mjs"))
            .arg(format!("http://{}", server.addr))
            .args(["anna@example.se", password])
            .arg(root.join("fixtures/import/sro-2021-12-10.page.txt"))
            .arg("admin@example.se")
            .output()
            .await
            .unwrap_or_else(|e| panic!("node: {e}"));
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        println!("{:?}\n{stdout}\n{stderr}", backend.location);
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
