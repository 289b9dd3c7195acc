//! The editor's addresses, spelled in one place.

use samman_domain::Date;

/// The sign-in page, returning to `back` (an editor path) afterwards.
pub fn sign_in(back: Option<&str>) -> String {
    match back.filter(|b| is_editor_path(b)) {
        Some(back) => format!("/redaktor/logga-in?till={}", encode(back)),
        None => "/redaktor/logga-in".to_string(),
    }
}

/// A body's meetings.
pub fn body(body: &str) -> String {
    format!("/redaktor/{body}/")
}

/// A meeting's "källtext" view.
pub fn meeting(body: &str, date: Date) -> String {
    format!("/redaktor/{body}/{date}/")
}

/// Only paths inside the editor are followed after sign-in (never another site: no open redirect).
pub fn is_editor_path(path: &str) -> bool {
    path.starts_with("/redaktor/") && !path.contains("//") && !path.contains('\\')
}

/// Percent-encodes what a query value cannot hold as is.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_returns_only_inside_the_editor() {
        assert_eq!(
            sign_in(Some("/redaktor/sro/")),
            "/redaktor/logga-in?till=/redaktor/sro/"
        );
        assert_eq!(sign_in(Some("//evil.se/redaktor/")), "/redaktor/logga-in");
        assert_eq!(sign_in(Some("/redaktor//evil.se")), "/redaktor/logga-in");
        assert_eq!(sign_in(Some("https://evil.se")), "/redaktor/logga-in");
    }
}
