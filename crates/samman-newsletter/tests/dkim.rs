//! DKIM signatures checked by an independent verifier: keys made by `openssl` (RSA 2048 as PKCS#8 and
//! PKCS#1, Ed25519), the newsletter rendered by the e-mail rendition with its unsubscribe headers and the
//! outbox's Message-ID (as the worker sends it), signed, then verified by dkimpy (`tools/dkim/verify.py`,
//! the public key handed to it in place of DNS). A message changed after signing must fail.
//!
//! A missing tool (openssl, python3 with dkimpy and PyNaCl) skips the test with a message, unless
//! `SAMMAN_REQUIRE_TOOLS=1` (CI), which fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use samman_domain::Bodies;
use samman_newsletter::dkim::Signer;
use samman_newsletter::worker::with_message_id;
use samman_render::Options;
use samman_render::email::{self, Delivery, Mailbox, Unsubscribe};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tools_present() -> bool {
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
    eprintln!("skipped: openssl or python3 with dkimpy and PyNaCl (pip install dkimpy pynacl) is missing");
    false
}

fn openssl(args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("openssl: {e}"));
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The newsletter of the shipped example as the worker sends it to one recipient.
fn newsletter() -> Vec<u8> {
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let bodies = Bodies::from_toml(&read("config/bodies.toml")).unwrap_or_else(|e| panic!("{e}"));
    let meeting = samman_source::format::parse_meeting(&read("examples/sro-2021-05-21.md"), &bodies)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let body = bodies.get("sro").unwrap_or_else(|| panic!("sro")).clone();
    let options = Options {
        base_url: Some("https://samman.example.se/sro".into()),
        ..Options::default()
    };
    let from = Delivery::preview(&body, &options).from;
    let delivery = Delivery {
        to: Some(Mailbox::new(None, "anna.berg@example.se")),
        unsubscribe: Some(Unsubscribe {
            url: "https://samman.example.se/sro/nyhetsbrev/avsluta?t=abc".into(),
            mailto: None,
        }),
        from,
    };
    let bytes = email::render_to(&meeting, &body, &options, jiff::Timestamp::now(), &delivery);
    with_message_id(bytes, "<samman.c1.s2@samman.example.se>")
}

/// Runs the verifier on `message` with the TXT record `record`: (verified, its output).
fn verify(dir: &Path, message: &[u8], record: &str) -> (bool, String) {
    let m = dir.join("message.eml");
    let r = dir.join("record.txt");
    std::fs::write(&m, message).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&r, record).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("python3")
        .arg(root().join("tools/dkim/verify.py"))
        .args([&m, &r])
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(2), "{text}");
    (out.status.success(), text)
}

#[test]
fn signed_newsletters_verify_with_dkimpy() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = |name: &str| dir.path().join(name).display().to_string();
    openssl(&[
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        &path("rsa.pem"),
    ]);
    openssl(&[
        "pkey",
        "-in",
        &path("rsa.pem"),
        "-traditional",
        "-out",
        &path("rsa1.pem"),
    ]);
    openssl(&["genpkey", "-algorithm", "ed25519", "-out", &path("ed.pem")]);
    let rsa_public = STANDARD.encode(openssl(&[
        "pkey",
        "-in",
        &path("rsa.pem"),
        "-pubout",
        "-outform",
        "DER",
    ]));
    let ed_der = openssl(&["pkey", "-in", &path("ed.pem"), "-pubout", "-outform", "DER"]);
    // RFC 8463: the record holds the bare 32-byte key, the end of the SubjectPublicKeyInfo.
    let ed_public = STANDARD.encode(&ed_der[ed_der.len() - 32..]);

    let message = newsletter();
    let text = String::from_utf8_lossy(&message).into_owned();
    assert!(
        text.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
        "{text}"
    );
    for (key, record, algorithm) in [
        ("rsa.pem", format!("v=DKIM1; k=rsa; p={rsa_public}"), "rsa-sha256"),
        (
            "rsa1.pem",
            format!("v=DKIM1; k=rsa; p={rsa_public}"),
            "rsa-sha256",
        ),
        (
            "ed.pem",
            format!("v=DKIM1; k=ed25519; p={ed_public}"),
            "ed25519-sha256",
        ),
    ] {
        let signer = Signer::load(&dir.path().join(key), "samman.example.se", "nyhetsbrev")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(signer.algorithm(), algorithm);
        let signed = signer
            .sign(&message, jiff::Timestamp::now().as_second())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(signed.ends_with(&message), "the message itself is unchanged");
        let head = String::from_utf8_lossy(&signed[..signed.len() - message.len()]).into_owned();
        assert!(
            head.starts_with("DKIM-Signature: v=1; a=") && head.contains(algorithm),
            "{head}"
        );
        assert!(head.lines().all(|l| l.len() <= 78), "folded: {head}");

        let (ok, out) = verify(dir.path(), &signed, &record);
        assert!(ok, "{key}: dkimpy did not verify:\n{out}\n{head}");
        assert!(
            out.contains("h=from:to:subject:date:message-id:list-id:list-unsubscribe:list-unsubscribe-post"),
            "{key}: {out}"
        );

        // Changed after signing — the unsubscribe link, or the body — it fails.
        let forged = String::from_utf8_lossy(&signed).replacen("avsluta?t=abc", "avsluta?t=abd", 1);
        assert!(
            !verify(dir.path(), forged.as_bytes(), &record).0,
            "{key}: a changed header verified"
        );
        let mut tampered = signed.clone();
        let last = tampered.len() - 3;
        tampered[last] = if tampered[last] == b'x' { b'y' } else { b'x' };
        assert!(
            !verify(dir.path(), &tampered, &record).0,
            "{key}: a changed body verified"
        );
    }
}
