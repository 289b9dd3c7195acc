//! `samman newsletter export`: the subscribers as CSV on standard output, with a formula-like address
//! neutralised (a leading `'`) so a spreadsheet opening the file does not run it.

mod newsletter_support;

use samman_store::Location;
use samman_store::newsletter::NewSubscriber;

use newsletter_support::samman;

#[test]
fn export_neutralises_formula_like_cells() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data").display().to_string();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = samman_store::open(&Location::Dir(data.clone().into()))
            .await
            .unwrap();
        for address in [
            "anna@example.org",
            "=cmd|'/c calc'!a0@example.org",
            "+46@example.org",
        ] {
            let made = store
                .newsletter()
                .subscribe(NewSubscriber {
                    list: "sro".into(),
                    address: address.into(),
                    address_hash: format!("hash-{address}"),
                    token_hash: "t".into(),
                    token_expires: 4_000_000_000,
                    consent_version: "test".into(),
                    consent_source: "test".into(),
                    now: 1_700_000_000,
                })
                .await;
            assert!(made.is_ok(), "{made:?}");
        }
    });
    let out = samman(&["newsletter", "export", "--data", &data], &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains(",anna@example.org,pending,"), "{text}");
    assert!(
        text.contains(",'=cmd|'/c calc'!a0@example.org,pending,"),
        "{text}"
    );
    assert!(text.contains(",'+46@example.org,pending,"), "{text}");
    assert!(!text.contains(",=") && !text.contains(",+"), "{text}");
}
