//! DKIM signing (RFC 6376) of the raw message the e-mail rendition writes: `rsa-sha256` or
//! `ed25519-sha256` (RFC 8463), relaxed/relaxed canonicalisation, covering the headers a receiver
//! judges a newsletter by — From, To, Subject, Date, Message-ID, List-Id and both unsubscribe headers
//! (RFC 8058 requires List-Unsubscribe and List-Unsubscribe-Post to be signed for one-click to count).
//!
//! Signing works on bytes, not on a mail builder's type, because the worker sends the rendition's bytes
//! with the outbox row's Message-ID swapped in; the signature is made last, over exactly what is sent.
//! The keys are ring's (already in the build through rustls): RSA of 2048–8192 bits (PKCS#8 or PKCS#1
//! PEM) or Ed25519 (PKCS#8 PEM, as `openssl genpkey -algorithm ed25519` writes it).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ring::signature::{Ed25519KeyPair, RSA_PKCS1_SHA256, RsaKeyPair};
use sha2::{Digest, Sha256};

/// The headers signed, in this order, when the message has them.
pub const SIGNED_HEADERS: [&str; 8] = [
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
];

/// A signing key with the domain and selector its public key is published under
/// (`{selector}._domainkey.{domain}` TXT).
pub struct Signer {
    domain: String,
    selector: String,
    key: Key,
    rng: ring::rand::SystemRandom,
}

enum Key {
    Rsa(RsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

impl std::fmt::Debug for Signer {
    // Never the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("domain", &self.domain)
            .field("selector", &self.selector)
            .field("algorithm", &self.algorithm())
            .finish_non_exhaustive()
    }
}

impl Signer {
    /// A signer from a PEM private key; the error (Swedish) says what is wrong with it.
    pub fn from_pem(pem: &str, domain: &str, selector: &str) -> Result<Signer, String> {
        let name_ok = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
        };
        if !name_ok(domain) {
            return Err(format!("domänen {domain:?} är inget domännamn"));
        }
        if !name_ok(selector) {
            return Err(format!("selektorn {selector:?} är ingen giltig DKIM-selektor"));
        }
        let (label, der) = pem_block(pem)?;
        let key = match label.as_str() {
            "RSA PRIVATE KEY" => RsaKeyPair::from_der(&der)
                .map(Key::Rsa)
                .map_err(|e| format!("RSA-nyckeln kan inte läsas ({e}); den ska ha 2048–8192 bitar"))?,
            "PRIVATE KEY" => match RsaKeyPair::from_pkcs8(&der) {
                Ok(key) => Key::Rsa(key),
                Err(rsa) => Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der)
                    .map(Key::Ed25519)
                    .map_err(|_| format!("nyckeln är varken RSA (2048–8192 bitar; {rsa}) eller Ed25519"))?,
            },
            other => return Err(format!("PEM-blocket {other:?} är ingen privat nyckel")),
        };
        Ok(Signer {
            domain: domain.to_string(),
            selector: selector.to_string(),
            key,
            rng: ring::rand::SystemRandom::new(),
        })
    }

    /// A signer from a PEM file.
    pub fn load(path: &std::path::Path, domain: &str, selector: &str) -> Result<Signer, String> {
        let pem = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Signer::from_pem(&pem, domain, selector).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// `rsa-sha256` or `ed25519-sha256`.
    pub fn algorithm(&self) -> &'static str {
        match self.key {
            Key::Rsa(_) => "rsa-sha256",
            Key::Ed25519(_) => "ed25519-sha256",
        }
    }

    /// `message` with a `DKIM-Signature` header in front, signed at `now` (unix seconds). A message
    /// with no header/body separator is signed as all header, with an empty body. Fails only when the
    /// system's random source does (RSA blinding).
    pub fn sign(&self, message: &[u8], now: i64) -> Result<Vec<u8>, String> {
        let (head, body) = match find(message, b"\r\n\r\n") {
            Some(i) => (&message[..i + 2], &message[i + 4..]),
            None => (message, &b""[..]),
        };
        let fields = header_fields(head);
        let mut names = Vec::new();
        let mut signed = Vec::new();
        for name in SIGNED_HEADERS {
            // The last occurrence, as a verifier picks it (bottom-up).
            if let Some((_, raw)) = fields.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                names.push(name);
                signed.extend_from_slice(relaxed_header(raw).as_bytes());
            }
        }
        let body_hash = STANDARD.encode(Sha256::digest(relaxed_body(body)));
        // Folded so that lines stay within 78 characters (the h= list at its colons, which allow it).
        let unsigned = format!(
            "DKIM-Signature: v=1; a={}; c=relaxed/relaxed;\r\n\td={}; s={};\r\n\th={};\r\n\tt={now}; bh={body_hash};\r\n\tb=",
            self.algorithm(),
            self.domain,
            self.selector,
            folded(&names),
        );
        // The signature header itself is signed with an empty b= and without its final line break.
        let canonical = relaxed_header(&unsigned);
        signed.extend_from_slice(canonical.trim_end_matches("\r\n").as_bytes());
        let signature = STANDARD.encode(self.signature(&signed)?);
        let mut out = Vec::with_capacity(message.len() + unsigned.len() + signature.len() + 16);
        out.extend_from_slice(unsigned.as_bytes());
        for (i, chunk) in signature.as_bytes().chunks(72).enumerate() {
            if i > 0 {
                out.extend_from_slice(b"\r\n\t");
            }
            out.extend_from_slice(chunk);
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(message);
        Ok(out)
    }

    fn signature(&self, data: &[u8]) -> Result<Vec<u8>, String> {
        match &self.key {
            Key::Rsa(key) => {
                let mut signature = vec![0; key.public().modulus_len()];
                key.sign(&RSA_PKCS1_SHA256, &self.rng, data, &mut signature)
                    .map_err(|e| format!("DKIM: RSA-signeringen misslyckades ({e})"))?;
                Ok(signature)
            }
            // RFC 8463: Ed25519 signs the SHA-256 hash of the data.
            Key::Ed25519(key) => Ok(key.sign(&Sha256::digest(data)).as_ref().to_vec()),
        }
    }
}

/// Header names joined by `:`, a line break after a colon before a line passes 72 characters.
fn folded(names: &[&str]) -> String {
    let mut out = String::new();
    let mut width = 2; // "h="
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push(':');
            width += 1;
            if width + name.len() > 72 {
                out.push_str("\r\n\t");
                width = 0;
            }
        }
        out.push_str(name);
        width += name.len();
    }
    out
}

/// The first PEM block's label and its decoded bytes.
fn pem_block(pem: &str) -> Result<(String, Vec<u8>), String> {
    let mut lines = pem.lines().map(str::trim);
    let label = lines
        .by_ref()
        .find_map(|l| l.strip_prefix("-----BEGIN ")?.strip_suffix("-----"))
        .ok_or("ingen PEM-nyckel (raden \"-----BEGIN … PRIVATE KEY-----\" saknas)")?
        .to_string();
    let mut text = String::new();
    for line in lines {
        if line.starts_with("-----END ") {
            let der = STANDARD
                .decode(text.as_bytes())
                .map_err(|e| format!("PEM-blocket är inte base64: {e}"))?;
            return Ok((label, der));
        }
        text.push_str(line);
    }
    Err("PEM-blocket tar aldrig slut (\"-----END\" saknas)".into())
}

/// The header block's fields: (name, the whole field with its continuation lines).
fn header_fields(head: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(head);
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        if line.starts_with([' ', '\t']) {
            if let Some((_, raw)) = fields.last_mut() {
                raw.push_str("\r\n");
                raw.push_str(line);
            }
        } else {
            let name = line.split(':').next().unwrap_or_default().trim().to_string();
            fields.push((name, line.to_string()));
        }
    }
    fields
}

/// RFC 6376 3.4.2: the name lowercased, the value unfolded, runs of white space made one space, none
/// around the colon or at the end; then CRLF.
fn relaxed_header(raw: &str) -> String {
    let (name, value) = raw.split_once(':').unwrap_or((raw, ""));
    let unfolded = value.replace("\r\n", "");
    format!(
        "{}:{}\r\n",
        name.trim().to_ascii_lowercase(),
        squeeze(&unfolded).trim()
    )
}

/// RFC 6376 3.4.4: white space at line ends dropped, runs of it made one space, empty lines at the end
/// dropped, and a non-empty body ends with CRLF.
fn relaxed_body(body: &[u8]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = body
        .split_inner_crlf()
        .map(|line| {
            let mut out = Vec::with_capacity(line.len());
            let mut space = false;
            for &b in line {
                if b == b' ' || b == b'\t' {
                    space = true;
                } else {
                    if space {
                        out.push(b' ');
                    }
                    space = false;
                    out.push(b);
                }
            }
            out
        })
        .collect();
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    let mut out = Vec::with_capacity(body.len());
    for line in lines {
        out.extend_from_slice(&line);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Runs of spaces and tabs as one space.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c == ' ' || c == '\t' {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Splitting bytes at CRLF.
trait SplitCrlf {
    fn split_inner_crlf(&self) -> impl Iterator<Item = &[u8]>;
}

impl SplitCrlf for [u8] {
    fn split_inner_crlf(&self) -> impl Iterator<Item = &[u8]> {
        let mut rest = Some(self);
        std::iter::from_fn(move || {
            let text = rest?;
            match find(text, b"\r\n") {
                Some(i) => {
                    rest = Some(&text[i + 2..]);
                    Some(&text[..i])
                }
                None => {
                    rest = None;
                    Some(text)
                }
            }
        })
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relaxed_canonicalisation_follows_the_rfc_example() {
        // RFC 6376 3.4.6.
        let head = b"A: X\r\nB : Y\t\r\n\tZ  \r\n";
        let fields = header_fields(head);
        let canon: String = fields.iter().map(|(_, raw)| relaxed_header(raw)).collect();
        assert_eq!(canon, "a:X\r\nb:Y Z\r\n");
        let body = b" C \r\nD \t E\r\n\r\n\r\n";
        assert_eq!(relaxed_body(body), b" C\r\nD E\r\n");
        assert_eq!(relaxed_body(b""), b"");
        assert_eq!(relaxed_body(b"\r\n\r\n"), b"");
        assert_eq!(relaxed_body(b"x"), b"x\r\n");
    }

    #[test]
    fn bad_keys_and_names_are_refused_in_swedish() {
        let e = Signer::from_pem("inget", "example.se", "s1")
            .err()
            .unwrap_or_default();
        assert!(e.contains("ingen PEM-nyckel"), "{e}");
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        let e = Signer::from_pem(pem, "example.se", "s1")
            .err()
            .unwrap_or_default();
        assert!(e.contains("varken RSA"), "{e}");
        let e = Signer::from_pem(pem, "exa mple.se", "s1")
            .err()
            .unwrap_or_default();
        assert!(e.contains("domännamn"), "{e}");
        let e = Signer::from_pem(pem, "example.se", "s;1")
            .err()
            .unwrap_or_default();
        assert!(e.contains("selektor"), "{e}");
    }
}
