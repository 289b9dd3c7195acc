//! `samman newsletter send --dkim-key FILE --dkim-domain D --dkim-selector S`: every newsletter that
//! reaches the SMTP server (`tools/smtp/sink.py`) carries a DKIM signature that dkimpy verifies
//! (`tools/dkim/verify.py`, given the public key), covering the unsubscribe headers; an incomplete or
//! broken DKIM setting stops the command with a Swedish message before anything is sent.
//!
//! Needs python3 with aiosmtpd, dkimpy and PyNaCl, and openssl; skipped without them unless
//! `SAMMAN_REQUIRE_TOOLS=1`.

mod newsletter_support;

use std::path::Path;
use std::process::Command;

use newsletter_support::{Sink, confirmed_subscribers, have_aiosmtpd, meeting, samman};
use samman_store::Location;

fn dkim_tools() -> bool {
    let python = Command::new("python3")
        .args(["-c", "import dkim, nacl"])
        .output()
        .is_ok_and(|o| o.status.success());
    let openssl = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if python && openssl {
        return true;
    }
    assert!(
        std::env::var("SAMMAN_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "openssl or python3 with dkimpy and PyNaCl is missing and SAMMAN_REQUIRE_TOOLS=1"
    );
    eprintln!("skipped: openssl or dkimpy/PyNaCl is missing");
    false
}

fn send(data: &str, sink: &Sink, dkim: &[&str]) -> std::process::Output {
    let mut args = vec![
        "newsletter",
        "send",
        "--data",
        data,
        "--base-url",
        "https://samman.example.org",
    ];
    let url = sink.url();
    args.extend(["--smtp", &url]);
    args.extend_from_slice(dkim);
    samman(&args, &[])
}

#[test]
fn sent_newsletters_carry_a_signature_dkimpy_verifies() {
    if !have_aiosmtpd() || !dkim_tools() {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data").display().to_string();
    confirmed_subscribers(&Location::Dir(data.clone().into()), 3);
    let source = temp.path().join("m.md");
    std::fs::write(&source, meeting("2021-05-21", "Covid-19")).unwrap();
    let published = samman(
        &[
            "publish",
            &source.display().to_string(),
            "--notify",
            "--data",
            &data,
        ],
        &[],
    );
    assert!(
        published.status.success(),
        "{}",
        String::from_utf8_lossy(&published.stderr)
    );
    let key = temp.path().join("dkim.pem").display().to_string();
    let made = Command::new("openssl")
        .args(["genpkey", "-algorithm", "ed25519", "-out", &key])
        .output()
        .unwrap();
    assert!(made.status.success());
    let der = Command::new("openssl")
        .args(["pkey", "-in", &key, "-pubout", "-outform", "DER"])
        .output()
        .unwrap()
        .stdout;
    // RFC 8463: the record holds the bare 32-byte key, the end of the SubjectPublicKeyInfo.
    let raw = temp.path().join("public.bin");
    std::fs::write(&raw, &der[der.len() - 32..]).unwrap();
    let encoded = Command::new("openssl")
        .args(["base64", "-A", "-in", &raw.display().to_string()])
        .output()
        .unwrap()
        .stdout;
    let public = String::from_utf8(encoded).unwrap();
    let record = temp.path().join("record.txt");
    std::fs::write(&record, format!("v=DKIM1; k=ed25519; p={public}")).unwrap();
    let sink = Sink::start(&temp.path().join("mail"), "accept", 0);

    // Incomplete or broken settings: refused before anything is sent.
    let partial = send(&data, &sink, &["--dkim-key", &key]);
    assert!(!partial.status.success());
    let said = String::from_utf8_lossy(&partial.stderr);
    assert!(said.contains("DKIM behöver alla tre"), "{said}");
    let bad = temp.path().join("bad.pem").display().to_string();
    std::fs::write(&bad, "inte en nyckel").unwrap();
    let broken = send(
        &data,
        &sink,
        &[
            "--dkim-key",
            &bad,
            "--dkim-domain",
            "example.org",
            "--dkim-selector",
            "s1",
        ],
    );
    assert!(!broken.status.success());
    let said = String::from_utf8_lossy(&broken.stderr);
    assert!(
        said.contains("bad.pem") && said.contains("ingen PEM-nyckel"),
        "{said}"
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(sink.mails().is_empty(), "nothing was sent");

    let out = send(
        &data,
        &sink,
        &[
            "--dkim-key",
            &key,
            "--dkim-domain",
            "samman.example.org",
            "--dkim-selector",
            "nyhetsbrev",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mails = sink.mails();
    assert_eq!(mails.len(), 3);
    let verify = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/dkim/verify.py");
    for (i, mail) in mails.iter().enumerate() {
        let raw = mail["raw"].as_str().unwrap();
        assert!(raw.starts_with("DKIM-Signature: v=1; a=ed25519-sha256;"), "{raw}");
        let file = temp.path().join(format!("mail{i}.eml"));
        std::fs::write(&file, raw).unwrap();
        let checked = Command::new("python3")
            .arg(&verify)
            .arg(&file)
            .arg(&record)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&checked.stdout);
        assert!(checked.status.success(), "{said}\n{raw}");
        assert!(said.contains("list-unsubscribe:list-unsubscribe-post"), "{said}");
    }
}
