//! The minutes uploaded as a PDF, over real HTTP on SQLite and (with `SAMMAN_TEST_POSTGRES`) PostgreSQL:
//! the upload, the public download beside the page (only once published), the page's link, and the
//! refusals — oversize, not a PDF, no file, another body's editor, no session — with nothing saved.

mod support;

use std::net::SocketAddr;

use samman_domain::Minutes;
use samman_store::{State, Store};
use support::editor::*;
use support::http::{Reply, get};

const PATH: &str = "/redaktor/sro/2021-05-21/";
const UPLOAD: &str = "/redaktor/sro/2021-05-21/protokoll/fil";
const PUBLIC: &str = "/sro/2021-05-21/protokoll.pdf";

/// A small but real-looking PDF: the magic bytes, binary content, the end marker.
fn pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(5000));
    bytes.extend_from_slice(b"\n%%EOF\n");
    bytes
}

/// Uploads `file` as `browser`, at the meeting's current revision.
async fn upload(
    addr: SocketAddr,
    store: &dyn Store,
    browser: &Browser,
    file_name: &str,
    file: &[u8],
) -> Reply {
    let revision = current(store).await.map_or(0, |m| m.revision).to_string();
    let fields = [
        ("csrf", browser.csrf.as_str()),
        ("revision", &revision),
        ("approved", "2021-06-01"),
    ];
    browser
        .post_file(addr, UPLOAD, &fields, ("pdf", file_name, file))
        .await
}

async fn current(store: &dyn Store) -> Option<samman_store::StoredMeeting> {
    store
        .meeting("sro", support::date("2021-05-21"))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Asserts nothing was saved since `before` (the change counter) and no file is stored.
async fn nothing_saved(store: &dyn Store, before: i64, what: &str) {
    let after = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after, before, "{what} changed something");
    let id = current(store).await.map_or(0, |m| m.id);
    let file = store
        .editor()
        .minutes_file(id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(file.is_none(), "{what} stored a file");
}

/// Waits for the public site (its cache follows the store every 200 ms) to answer `path` with `status`.
async fn public(addr: SocketAddr, path: &str, status: u16) -> Reply {
    for _ in 0..50 {
        let reply = get(addr, path).await;
        if reply.status == status {
            return reply;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{path} never answered {status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn minutes_upload_is_checked_stored_and_served_beside_the_page() {
    for backend in support::backends() {
        let (store, server) = server_with_users(&backend).await;
        let addr = server.addr;
        let editor = sign_in(addr, "sro@example.se").await;
        let page = editor.get(addr, PATH).await.text();
        assert!(page.contains("enctype=\"multipart/form-data\""));
        assert!(page.contains("Protokollet (PDF, högst 20 MB)"));

        // Refused, with nothing saved: not a PDF, too big, no file, other body, no session.
        let before = store.change_counter().await.unwrap_or_else(|e| panic!("{e}"));
        let gif = upload(
            addr,
            store.as_ref(),
            &editor,
            "bild.pdf",
            b"GIF89a\x01\x00\x01\x00",
        )
        .await;
        assert_eq!(gif.status, 422, "{}", gif.text());
        assert!(gif.text().contains("Protokollet (PDF): filen"), "{}", gif.text());
        assert!(gif.text().contains("bild.pdf"));
        assert!(gif.text().contains("är ingen PDF"));
        let mut big = pdf();
        big.resize(20 * 1024 * 1024 + 1, b'x');
        let too_big = upload(addr, store.as_ref(), &editor, "stor.pdf", &big).await;
        assert_eq!(too_big.status, 413, "{}", too_big.text());
        assert!(too_big.text().contains("Protokollet (PDF)"));
        assert!(too_big.text().contains("större än 20 MB"));
        assert!(too_big.text().contains("Inget sparades"));
        let none = upload(addr, store.as_ref(), &editor, "", b"").await;
        assert_eq!(none.status, 422);
        assert!(none.text().contains("välj en PDF-fil"));
        let other = sign_in(addr, "nvs@example.se").await;
        assert_eq!(
            upload(addr, store.as_ref(), &other, "p.pdf", &pdf()).await.status,
            403
        );
        let anonymous = upload(addr, store.as_ref(), &Browser::default(), "p.pdf", &pdf()).await;
        assert_eq!(anonymous.status, 303);
        let forged = Browser {
            csrf: "fel".into(),
            ..editor.clone()
        };
        assert_eq!(
            upload(addr, store.as_ref(), &forged, "p.pdf", &pdf())
                .await
                .status,
            403
        );
        nothing_saved(store.as_ref(), before, "a refused upload").await;

        // Accepted: the record links the file, the preview serves it; the public one only once published.
        let ok = upload(addr, store.as_ref(), &editor, "protokoll 2021-05-21.pdf", &pdf()).await;
        assert_eq!(ok.status, 303, "{}", ok.text());
        let stored = current(store.as_ref()).await.unwrap_or_else(|| panic!("stored"));
        assert_eq!(
            stored.meeting.minutes,
            Minutes::Published {
                href: "protokoll.pdf".into(),
                date: Some(support::date("2021-06-01")),
            }
        );
        assert!(
            stored.source.contains("protokoll.pdf"),
            "saved in the source format"
        );
        let preview = editor
            .get(addr, &format!("{PATH}forhandsvisning/protokoll.pdf"))
            .await;
        assert_eq!(preview.status, 200);
        assert_eq!(preview.body, pdf());
        assert_eq!(
            get(addr, PUBLIC).await.status,
            404,
            "a draft's minutes are not public"
        );

        store
            .set_state(stored.id, State::Published, Some("test"), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let download = public(addr, PUBLIC, 200).await;
        assert_eq!(download.header("content-type"), Some("application/pdf"));
        assert_eq!(download.body, pdf(), "the bytes uploaded");
        let page = public(addr, "/sro/2021-05-21/", 200).await.text();
        assert!(
            page.contains("<a href=\"protokoll.pdf\">Läs mötesanteckningarna</a>"),
            "the page links the minutes"
        );
        assert!(!page.contains("publiceras senare"));

        // A new file replaces it (the download follows at once); a link instead stops serving it.
        let mut second = pdf();
        second.extend_from_slice(b"% andra versionen\n");
        let again = upload(addr, store.as_ref(), &editor, "nytt.pdf", &second).await;
        assert_eq!(again.status, 303, "{}", again.text());
        for _ in 0..50 {
            if get(addr, PUBLIC).await.body == second {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(get(addr, PUBLIC).await.body, second);
        let revision = current(store.as_ref())
            .await
            .map_or(0, |m| m.revision)
            .to_string();
        let link = editor
            .post(
                addr,
                &format!("{PATH}protokoll"),
                &[("revision", &revision), ("href", "https://example.se/p.pdf")],
            )
            .await;
        assert_eq!(link.status, 303, "{}", link.text());
        public(addr, PUBLIC, 404).await;

        let log = store
            .editor()
            .audit_log(50)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            log.iter().filter(|r| r.entry.action == "minutes-upload").count(),
            2
        );
    }
}
