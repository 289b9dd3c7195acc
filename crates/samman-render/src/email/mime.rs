//! The MIME plumbing of the newsletter: header encoding (RFC 2047), addresses, the Date header,
//! quoted-printable bodies and the multipart/alternative frame, all with CRLF line ends.
//!
//! Header values are cleaned of line breaks and control characters first, so no user text (a title with
//! "\r\nBcc: …") can add a header.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::escape::clean;

/// A display name and an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    pub address: String,
}

impl Mailbox {
    pub fn new(name: Option<&str>, address: &str) -> Self {
        Mailbox {
            name: name.map(Into::into),
            address: address.into(),
        }
    }

    /// `"Name" <addr>` or `=?UTF-8?B?…?= <addr>`; the address is stripped of anything that could end it.
    pub fn header_value(&self) -> String {
        let address: String = clean(&self.address)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | ',' | ';' | '"' | '(' | ')'))
            .collect();
        let name = self
            .name
            .as_deref()
            .map(|n| clean(n).split_whitespace().collect::<Vec<_>>().join(" "));
        match name.filter(|n| !n.is_empty()) {
            Some(name) => format!("{} <{address}>", phrase(&name)),
            None => address,
        }
    }
}

/// A display name: a quoted string when ASCII, else encoded words.
pub fn phrase(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        encoded_words(name)
    }
}

/// Unstructured header text (Subject): as is when plain ASCII, else RFC 2047 "B" encoded words, one per
/// ≤ 36 bytes of UTF-8 so no character is split and each folded line stays under 78 characters.
pub fn unstructured(text: &str) -> String {
    let text = clean(text);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = text.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) && !text.contains("=?");
    if plain && text.len() <= 900 {
        text
    } else {
        encoded_words(&text)
    }
}

fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 36 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", STANDARD.encode(w.as_bytes())))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

/// RFC 5322 date of an instant, in Stockholm time: "Mon, 24 May 2021 10:00:00 +0200".
pub fn date(now: jiff::Timestamp) -> String {
    now.to_zoned(samman_domain::swedish::stockholm())
        .strftime("%a, %d %b %Y %H:%M:%S %z")
        .to_string()
}

/// A text body as quoted-printable with CRLF line ends (soft breaks keep lines ≤ 76 characters): what
/// [`QuotedPrintable`] makes, in one piece (the tests hold it to this).
#[cfg(test)]
fn quoted_printable(text: &str) -> String {
    encode_crlf(&with_crlf(text))
}

/// `text` with every line ending (LF or CRLF) as CRLF.
fn with_crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Quoted-printable of a text whose line ends are CRLF already.
fn encode_crlf(text: &str) -> String {
    let encoded = quoted_printable::encode_to_str(text.as_bytes());
    // The encoder keeps CRLF as hard line breaks; make sure nothing else slipped through as a bare LF.
    encoded.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// [`quoted_printable`] of one text for many messages that differ only in one string of it (`personal`,
/// a recipient's unsubscribe link): the lines holding that string are encoded for each message, every
/// other line once. Quoted-printable goes line by line (each hard line break starts a line's count of
/// 76 characters afresh), so the pieces joined are the encoding of the whole text.
#[derive(Debug, Clone)]
pub struct QuotedPrintable {
    personal: String,
    /// The text, with CRLF line ends (for a replacement that would break a line).
    text: String,
    /// The encoding of the text as it is.
    whole: String,
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone)]
enum Piece {
    /// Lines without the personal string, encoded.
    Encoded(String),
    /// A line with it (and its CRLF), not encoded.
    Personal(String),
}

impl QuotedPrintable {
    pub fn new(text: &str, personal: &str) -> Self {
        let text = with_crlf(text);
        let mut pieces = Vec::new();
        let mut run = String::new();
        if !personal.is_empty() {
            for line in text.split_inclusive("\r\n") {
                if line.contains(personal) {
                    if !run.is_empty() {
                        pieces.push(Piece::Encoded(encode_crlf(&run)));
                        run.clear();
                    }
                    pieces.push(Piece::Personal(line.to_string()));
                } else {
                    run.push_str(line);
                }
            }
            if !run.is_empty() {
                pieces.push(Piece::Encoded(encode_crlf(&run)));
            }
        }
        QuotedPrintable {
            personal: personal.to_string(),
            whole: encode_crlf(&text),
            text,
            pieces,
        }
    }

    /// The encoding of the text as it is.
    pub fn whole(&self) -> &str {
        &self.whole
    }

    /// The encoding of the text with every `personal` replaced by `replacement`.
    pub fn with(&self, replacement: &str) -> String {
        if self.personal.is_empty() {
            return self.whole.clone();
        }
        if replacement.contains(['\r', '\n']) {
            return encode_crlf(&with_crlf(&self.text.replace(&self.personal, replacement)));
        }
        let mut out = String::with_capacity(self.whole.len() + 2 * replacement.len());
        for piece in &self.pieces {
            match piece {
                Piece::Encoded(encoded) => out.push_str(encoded),
                Piece::Personal(line) => {
                    out.push_str(&encode_crlf(&line.replace(&self.personal, replacement)));
                }
            }
        }
        out
    }
}

/// FNV-1a, for stable, short, non-secret identifiers (Message-ID, boundary).
pub fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_subject_is_encoded_in_short_words() {
        let s = unstructured("Sammanställning från SRO 21 maj 2021");
        assert!(s.starts_with("=?UTF-8?B?"));
        for line in s.split("\r\n") {
            assert!(line.len() < 78, "{line}");
        }
        let decoded: String = s
            .split("\r\n ")
            .map(|w| {
                let b64 = w.trim_start_matches("=?UTF-8?B?").trim_end_matches("?=");
                String::from_utf8(STANDARD.decode(b64).unwrap_or_default()).unwrap_or_default()
            })
            .collect();
        assert_eq!(decoded, "Sammanställning från SRO 21 maj 2021");
    }

    #[test]
    fn header_injection_is_impossible() {
        assert_eq!(
            unstructured("Hej\r\nBcc: x@example.org"),
            "Hej Bcc: x@example.org"
        );
        let m = Mailbox::new(Some("Eve \"x\"\r\nBcc: y"), "a@b.se>\r\nBcc: z@c.se");
        assert_eq!(m.header_value(), "\"Eve \\\"x\\\" Bcc: y\" <a@b.seBcc:z@c.se>");
        assert!(
            Mailbox::new(Some("Åsa"), "a@b.se")
                .header_value()
                .starts_with("=?UTF-8?B?")
        );
    }

    #[test]
    fn date_header_uses_stockholm_offset() {
        let t = jiff::Timestamp::from_second(1_621_843_200).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        assert_eq!(date(t), "Mon, 24 May 2021 10:00:00 +0200");
    }

    proptest::proptest! {
        /// Made once and personalised, the encoding is what encoding the personalised text gives.
        #[test]
        fn a_prepared_encoding_equals_encoding_afresh(
            lines in proptest::collection::vec("[a-zåäö =\t\r]{0,90}", 0..12),
            marked in proptest::collection::vec(proptest::bool::ANY, 12),
            ends in proptest::collection::vec(proptest::bool::ANY, 12),
            replacement in "[a-z0-9:/?=&.\\- åä]{0,120}",
            last_end in proptest::bool::ANY,
        ) {
            let personal = "https://exempel.se/avsluta?t=abc";
            let mut text = String::new();
            for (i, line) in lines.iter().enumerate() {
                text.push_str(line);
                if marked[i] {
                    text.push_str(personal);
                    text.push_str(line);
                }
                if i + 1 < lines.len() || last_end {
                    text.push_str(if ends[i] { "\r\n" } else { "\n" });
                }
            }
            let prepared = QuotedPrintable::new(&text, personal);
            proptest::prop_assert_eq!(prepared.whole(), quoted_printable(&text));
            proptest::prop_assert_eq!(
                prepared.with(&replacement),
                quoted_printable(&text.replace(personal, &replacement))
            );
        }
    }

    #[test]
    fn a_replacement_with_a_line_break_is_encoded_afresh() {
        let text = "Avsluta: LÄNK\nHej då\n";
        let prepared = QuotedPrintable::new(text, "LÄNK");
        assert_eq!(
            prepared.with("a\nb"),
            quoted_printable(&text.replace("LÄNK", "a\nb"))
        );
        assert_eq!(QuotedPrintable::new(text, "").with("x"), quoted_printable(text));
    }

    #[test]
    fn quoted_printable_has_short_crlf_lines() {
        let qp = quoted_printable(&format!("Rad ett åäö\n{}\n", "x".repeat(200)));
        assert!(qp.starts_with("Rad ett =C3=A5=C3=A4=C3=B6\r\n"));
        assert!(qp.split("\r\n").all(|l| l.len() <= 76));
        assert!(!qp.replace("\r\n", "").contains('\n'));
    }
}
