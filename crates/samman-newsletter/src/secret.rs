//! The server secret and what it signs.
//!
//! The secret comes from `SAMMAN_SECRET` (at least 32 characters; every node of one site must share it)
//! or from the file `secret` in the data directory, created on first use with 32 random bytes and mode
//! 600. From it come the keyed hash of an address (stored instead of the address once someone leaves,
//! so a copy of the database cannot be checked against a list of addresses) and HMAC-SHA256 signatures
//! on the links a subscriber gets:
//!
//! * a **confirmation** token: subscriber id, a random nonce (the store keeps only its hash and uses it
//!   up on confirmation, so a link works once) and its expiry;
//! * a **personal** token (unsubscribe, export, deletion): subscriber id and a prefix of the address
//!   hash, so a token names exactly one subscription and cannot be made without the secret.

use std::io::Write;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = hmac::Hmac<Sha256>;

/// The file the secret is kept in, inside the data directory.
pub const FILE_NAME: &str = "secret";

/// The shortest `SAMMAN_SECRET` accepted.
const MIN_LENGTH: usize = 32;

/// The server secret. Its `Debug` never shows it.
#[derive(Clone)]
pub struct Secret {
    key: [u8; 32],
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Why the secret could not be had.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("SAMMAN_SECRET måste vara minst {MIN_LENGTH} tecken lång")]
    TooShort,
    #[error("hemligheten i {path} kunde inte läsas eller skapas: {reason}")]
    File { path: String, reason: String },
}

/// A link's signed content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Confirms subscriber `id` once, until `expires` (unix seconds).
    Confirm { id: i64, nonce: String, expires: i64 },
    /// Unsubscribe, export and deletion for subscriber `id`; `hash` is a prefix of its address hash.
    Personal { id: i64, hash: String },
}

/// How much of the address hash a personal token carries.
const HASH_PREFIX: usize = 16;

impl Secret {
    /// `SAMMAN_SECRET` if set (non-empty), else the file in `dir`, created when missing.
    pub fn load(dir: Option<&Path>) -> Result<Option<Secret>, SecretError> {
        match std::env::var("SAMMAN_SECRET") {
            Ok(text) if !text.is_empty() => Secret::from_text(&text).map(Some),
            _ => dir.map(Secret::from_dir).transpose(),
        }
    }

    /// A secret from a configured text (`SAMMAN_SECRET`).
    pub fn from_text(text: &str) -> Result<Secret, SecretError> {
        if text.chars().count() < MIN_LENGTH {
            return Err(SecretError::TooShort);
        }
        Ok(Secret {
            key: Sha256::digest(text.as_bytes()).into(),
        })
    }

    /// The secret in `dir/secret`, created with mode 600 (and random content) when missing.
    pub fn from_dir(dir: &Path) -> Result<Secret, SecretError> {
        let path = dir.join(FILE_NAME);
        let failed = |reason: String| SecretError::File {
            path: path.display().to_string(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| failed(e.to_string()))?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                let text = URL_SAFE_NO_PAD.encode(random::<32>());
                file.write_all(text.as_bytes())
                    .and_then(|()| file.sync_all())
                    .map_err(|e| failed(e.to_string()))?;
                Secret::from_text(&text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let text = std::fs::read_to_string(&path).map_err(|e| failed(e.to_string()))?;
                Secret::from_text(text.trim()).map_err(|e| failed(e.to_string()))
            }
            Err(e) => Err(failed(e.to_string())),
        }
    }

    fn mac(&self, purpose: &str, data: &[u8]) -> HmacSha256 {
        let mut mac = <HmacSha256 as KeyInit>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(data);
        mac
    }

    /// The keyed hash of an address (case-insensitive): the identity that stays when the address goes.
    pub fn address_hash(&self, address: &str) -> String {
        let mac = self.mac("address", address.to_lowercase().as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// What the store keeps of a confirmation nonce.
    pub fn nonce_hash(&self, nonce: &str) -> String {
        let mac = self.mac("nonce", nonce.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// A fresh random nonce for a confirmation link.
    pub fn new_nonce() -> String {
        URL_SAFE_NO_PAD.encode(random::<18>())
    }

    /// The personal token of subscriber `id` with address hash `address_hash`.
    pub fn personal(&self, id: i64, address_hash: &str) -> String {
        let hash: String = address_hash.chars().take(HASH_PREFIX).collect();
        self.sign(&Token::Personal { id, hash })
    }

    /// The token as it goes into a link: payload and signature, both base64url.
    pub fn sign(&self, token: &Token) -> String {
        let payload = match token {
            Token::Confirm { id, nonce, expires } => format!("c.{id}.{nonce}.{expires}"),
            Token::Personal { id, hash } => format!("p.{id}.{hash}"),
        };
        let signature = self.mac("token", payload.as_bytes()).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(signature)
        )
    }

    /// The token in `text` if its signature is ours; `None` for anything forged, altered or malformed.
    /// (Expiry and single use are checked by the caller and the store.)
    pub fn verify(&self, text: &str) -> Option<Token> {
        if text.len() > 512 {
            return None;
        }
        let (payload, signature) = text.split_once('.')?;
        let payload = URL_SAFE_NO_PAD.decode(payload).ok()?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.mac("token", &payload).verify_slice(&signature).ok()?;
        let payload = String::from_utf8(payload).ok()?;
        let mut parts = payload.split('.');
        let token = match (parts.next()?, parts.next()?.parse().ok()?) {
            ("c", id) => Token::Confirm {
                id,
                nonce: parts.next()?.to_string(),
                expires: parts.next()?.parse().ok()?,
            },
            ("p", id) => Token::Personal {
                id,
                hash: parts.next()?.to_string(),
            },
            _ => return None,
        };
        parts.next().is_none().then_some(token)
    }

    /// Whether a personal token's hash prefix belongs to `address_hash`.
    pub fn personal_matches(hash: &str, address_hash: &str) -> bool {
        hash.len() == HASH_PREFIX && address_hash.starts_with(hash)
    }
}

/// `N` bytes from the operating system's random source.
fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // Without a working random source no token may be made at all.
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> Secret {
        Secret::from_text("en hemlighet som är minst trettiotvå tecken").unwrap()
    }

    #[test]
    fn tokens_round_trip_and_forgeries_fail() {
        let s = secret();
        let confirm = Token::Confirm {
            id: 7,
            nonce: Secret::new_nonce(),
            expires: 1_900_000_000,
        };
        let text = s.sign(&confirm);
        assert_eq!(s.verify(&text), Some(confirm));
        let personal = s.personal(7, &s.address_hash("a@example.org"));
        assert!(matches!(s.verify(&personal), Some(Token::Personal { id: 7, .. })));
        // Another secret, an altered payload, a truncated signature, junk.
        let other = Secret::from_text("en annan hemlighet som också är lång nog").unwrap();
        assert_eq!(other.verify(&personal), None);
        let (payload, signature) = personal.split_once('.').unwrap();
        let forged = format!("{}.{signature}", URL_SAFE_NO_PAD.encode("p.8.AAAAAAAAAAAAAAAA"));
        assert_eq!(s.verify(&forged), None);
        assert_eq!(s.verify(&format!("{payload}.{}", &signature[..10])), None);
        for junk in ["", ".", "abc", "a.b.c", "\r\n", &"x".repeat(600)] {
            assert_eq!(s.verify(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn address_hashes_ignore_case_and_need_the_secret() {
        let s = secret();
        assert_eq!(s.address_hash("A@Example.org"), s.address_hash("a@example.org"));
        assert_ne!(s.address_hash("a@example.org"), s.address_hash("b@example.org"));
        let other = Secret::from_text("en annan hemlighet som också är lång nog").unwrap();
        assert_ne!(
            s.address_hash("a@example.org"),
            other.address_hash("a@example.org")
        );
    }

    #[test]
    fn the_secret_file_is_created_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = Secret::from_dir(dir.path()).unwrap();
        let second = Secret::from_dir(dir.path()).unwrap();
        assert_eq!(first.address_hash("a@b.se"), second.address_hash("a@b.se"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(FILE_NAME))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(matches!(Secret::from_text("kort"), Err(SecretError::TooShort)));
    }
}
