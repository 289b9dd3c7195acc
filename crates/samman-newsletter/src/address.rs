//! Which e-mail addresses are accepted: one mailbox `local@domain` in plain ASCII, as a form field gives
//! it (surrounding spaces trimmed). Everything a header could be smuggled through — CR, LF, other
//! controls, commas, angle brackets, quotes, spaces — is refused, and so is junk: no dot in the domain,
//! empty labels, overlong parts (RFC 5321 limits). The normalised form (domain in lower case) is what is
//! stored and hashed, so "Anna@Example.org" and "Anna@example.org " are one subscriber.

/// Why an address was refused (shown to the person who typed it, in Swedish).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("ange en e-postadress")]
    Empty,
    #[error("e-postadressen är för lång")]
    TooLong,
    #[error("e-postadressen innehåller tecken som inte är tillåtna")]
    BadCharacter,
    #[error("e-postadressen ska se ut som namn@exempel.se")]
    Malformed,
}

/// The address as stored, or why it is refused.
pub fn check_address(input: &str) -> Result<String, AddressError> {
    // Only ordinary spaces around the address are forgiven; a CR or LF anywhere is refused below.
    let address = input.trim_matches(' ');
    if address.is_empty() {
        return Err(AddressError::Empty);
    }
    if address.len() > 254 {
        return Err(AddressError::TooLong);
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.@".contains(c);
    if !address.chars().all(allowed) {
        return Err(AddressError::BadCharacter);
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Err(AddressError::Malformed);
    };
    if local.is_empty() || local.len() > 64 || local.contains('@') {
        return Err(AddressError::Malformed);
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(AddressError::Malformed);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if labels.len() < 2 || !labels.iter().all(label_ok) {
        return Err(AddressError::Malformed);
    }
    if labels
        .last()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(AddressError::Malformed);
    }
    Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_addresses_are_normalised() {
        assert_eq!(
            check_address(" Anna.Berg@Example.ORG ").as_deref(),
            Ok("Anna.Berg@example.org")
        );
        assert_eq!(
            check_address("a+nyhetsbrev@vgregion.se").as_deref(),
            Ok("a+nyhetsbrev@vgregion.se")
        );
    }

    #[test]
    fn injection_and_junk_are_refused() {
        for bad in [
            "",
            "   ",
            "anna@example.org\r\nBcc: all@example.org",
            "anna@example.org\nX: y",
            "anna@example.org\r",
            "Anna <anna@example.org>",
            "anna@example.org, eve@example.org",
            "\"a b\"@example.org",
            "anna",
            "anna@",
            "@example.org",
            "anna@localhost",
            "anna@example..org",
            "anna@-example.org",
            "anna..b@example.org",
            ".anna@example.org",
            "anna@1.2.3.4",
            "anna@exämple.org",
            "anna\0@example.org",
            "a@b@example.org",
        ] {
            assert!(check_address(bad).is_err(), "{bad:?} was accepted");
        }
        let long = format!("{}@example.org", "a".repeat(65));
        assert_eq!(check_address(&long), Err(AddressError::Malformed));
        let longer = format!("a@{}.se", "b".repeat(260));
        assert_eq!(check_address(&longer), Err(AddressError::TooLong));
    }
}
