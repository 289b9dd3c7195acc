//! A new meeting from an uploaded PowerPoint deck, over real HTTP on SQLite and (with
//! `SAMMAN_TEST_POSTGRES`) PostgreSQL: the deck read by the importer into a draft whose page shows what
//! to check; a file that is no deck, no file, a taken date and another body's editor refused with
//! nothing saved.

mod support;

use samman_store::State;
use support::editor::*;

const UPLOAD: &str = "/redaktor/sro/bildspel";

fn deck() -> Vec<u8> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pptx/minimal-2021-01-15.pptx");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_starts_from_an_uploaded_deck() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        let list = editor.get(addr, "/redaktor/sro/").await.text();
        assert!(list.contains("Bildspel (.pptx, högst 100 MB)"));
        let csrf = editor.csrf.clone();

        // Refused, nothing saved.
        let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
        let pdf = editor
            .post_file(
                addr,
                UPLOAD,
                &[("csrf", &csrf)],
                ("deck", "fel.pptx", b"%PDF-1.7\n"),
            )
            .await;
        assert_eq!(pdf.status, 422, "{}", pdf.text());
        assert!(
            pdf.text().contains("Bildspel (.pptx): filen är ingen .pptx"),
            "{}",
            pdf.text()
        );
        assert!(pdf.text().contains("Inget sparades"));
        let none = editor
            .post_file(addr, UPLOAD, &[("csrf", &csrf)], ("deck", "", b""))
            .await;
        assert_eq!(none.status, 422);
        assert!(none.text().contains("välj en fil"));
        let taken = editor
            .post_file(
                addr,
                UPLOAD,
                &[("csrf", &csrf), ("date", "2021-05-21")],
                ("deck", "möte.pptx", &deck()),
            )
            .await;
        assert_eq!(taken.status, 409, "the example's date is taken: {}", taken.text());
        let other = sign_in(addr, "nvs@example.se").await;
        let csrf_other = other.csrf.clone();
        let refused = other
            .post_file(
                addr,
                UPLOAD,
                &[("csrf", &csrf_other)],
                ("deck", "möte.pptx", &deck()),
            )
            .await;
        assert_eq!(refused.status, 403);
        let forged = editor
            .post_file(addr, UPLOAD, &[("csrf", "fel")], ("deck", "möte.pptx", &deck()))
            .await;
        assert_eq!(forged.status, 403);
        let after = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(after, before, "a refused deck saved something");

        // Accepted: a draft on the deck's date, its page with the importer's summary and check's findings.
        let made = editor
            .post_file(addr, UPLOAD, &[("csrf", &csrf)], ("deck", "möte.pptx", &deck()))
            .await;
        assert_eq!(made.status, 200, "{}", made.text());
        let page = made.text();
        assert!(page.contains("Mötet skapades som utkast från"), "{page}");
        assert!(page.contains("1 punkter ur"), "{page}");
        assert!(
            page.contains("Kontrollen hittade"),
            "check's findings are shown: {page}"
        );
        assert!(field(&page, "source").contains("## Ett enda ärende"));
        let stored = store
            .meeting("sro", support::date("2021-01-15"))
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("the deck's meeting is stored"));
        assert_eq!(stored.state, State::Draft);
        assert_eq!(stored.body, "sro", "the body is the one it was uploaded to");
        assert_eq!(stored.meeting.items.len(), 1);
        let log = store
            .editor()
            .audit_log(10)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            log.iter()
                .any(|r| r.entry.action == "create" && r.entry.date.as_deref() == Some("2021-01-15"))
        );
    }
}

/// A deck made by python-pptx with a doubled label and an empty field: the importer's notes are shown by
/// slide and paragraph on the new meeting's page.
const NOTED_DECK: &str = r#"
import sys
from pptx import Presentation
p = Presentation()
def slide(title, lines):
    s = p.slides.add_slide(p.slide_layouts[1])
    s.shapes.title.text = title
    tf = s.placeholders[1].text_frame
    tf.text = lines[0]
    for l in lines[1:]:
        tf.add_paragraph().text = l
slide("Sammanställning från SRO 6 februari 2026", ["Politiskt samrådsorgan"])
slide("Dagordning", ["Vårdavtalet", "Hemsjukvården"])
slide("Vårdavtalet", ["Föredragande: Föredragande: Anna Berg, VGR", "Läget i arbetet."])
slide("Hemsjukvården", ["Föredragande:", "Ny överenskommelse."])
p.save(sys.argv[1])
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_importers_notes_are_shown_by_slide() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("noterad.pptx");
    let made = std::process::Command::new("python3")
        .args(["-c", NOTED_DECK])
        .arg(&path)
        .output();
    if !made.as_ref().is_ok_and(|o| o.status.success()) {
        let required = std::env::var("SAMMAN_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "python-pptx is missing and SAMMAN_REQUIRE_TOOLS=1: {made:?}"
        );
        eprintln!("skipping: python-pptx is missing");
        return;
    }
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let backend = support::sqlite();
    let (_store, server) = server_with_users(&backend).await;
    let editor = sign_in(server.addr, "sro@example.se").await;
    let csrf = editor.csrf.clone();
    let made = editor
        .post_file(
            server.addr,
            UPLOAD,
            &[("csrf", &csrf)],
            ("deck", "noterad.pptx", &bytes),
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.text());
    let page = made.text();
    assert!(page.contains("Importen noterade"), "{page}");
    assert!(page.contains("bild 3, stycke 2: etiketten"), "{page}");
    assert!(page.contains("bild 4, stycke 2:"), "{page}");
    assert!(page.contains("2 punkter ur 4 bilder"), "{page}");
}
