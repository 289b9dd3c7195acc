//! URLs that come from configuration (`--base-url`, a body's `base_url`): checked once, when read.
//!
//! Renditions paste the base URL into links, calendar lines, e-mail and feeds, so a value with a line
//! break could add calendar events and a `javascript:` one would become a link. Only an absolute
//! http(s) address with a host, without credentials, controls, spaces, query or fragment, is a base URL.

/// Why a configured URL cannot be used; the message is Swedish and says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("är ingen webbadress; skriv en fullständig adress som börjar med https://")]
    NotHttp,
    #[error("innehåller styrtecken eller blanksteg")]
    Control,
    #[error("får inte innehålla användarnamn eller lösenord")]
    Credentials,
    #[error("saknar ett giltigt värdnamn (som i https://exempel.se/)")]
    Host,
    #[error("får inte innehålla \"?\" eller \"#\" (en basadress har ingen fråga eller ankare)")]
    QueryOrFragment,
    #[error("innehåller tecknet '{0}', som inte får stå i en webbadress")]
    Character(char),
}

/// Checks a base URL: absolute http or https, a host, nothing that could break out of where it is written.
pub fn check_base_url(url: &str) -> Result<(), UrlError> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Err(UrlError::NotHttp);
    };
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(UrlError::Control);
    }
    if let Some(c) = url
        .chars()
        .find(|c| matches!(c, '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^' | '\''))
    {
        return Err(UrlError::Character(c));
    }
    if url.contains(['?', '#']) {
        return Err(UrlError::QueryOrFragment);
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Err(UrlError::Credentials);
    }
    // "[::1]:8080" keeps its brackets; elsewhere the port is after the last colon.
    let split = match authority.find(']') {
        Some(i) if authority.starts_with('[') => Some(authority.split_at(i + 1)),
        _ => authority.rfind(':').map(|i| authority.split_at(i)),
    };
    let (host, port) = split.unwrap_or((authority, ""));
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !port_ok {
        return Err(UrlError::Host);
    }
    let ipv6 = host.len() > 2
        && host.starts_with('[')
        && host.ends_with(']')
        && host[1..host.len() - 1]
            .chars()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
    let named = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
    if !(ipv6 || named) {
        return Err(UrlError::Host);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_pass() {
        for ok in [
            "https://samman.example.org/sro",
            "https://samman.example.org/sro/",
            "HTTP://localhost:8080",
            "https://västkom.se/sammanställningar",
            "https://[::1]:8080/x",
            "https://[::1]",
            "https://a.se/%20b",
        ] {
            assert_eq!(check_base_url(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn everything_else_is_refused_with_its_reason() {
        use UrlError::*;
        for (bad, why) in [
            ("javascript:alert(1)//", NotHttp),
            ("//x.example/", NotHttp),
            ("ftp://x.example/", NotHttp),
            ("x.example/sro", NotHttp),
            ("", NotHttp),
            ("https://x.example/\r\nEND:VEVENT", Control),
            ("https://x.example/\u{2028}", Control),
            ("https://x.example/a b", Control),
            ("https://user:pw@x.example/", Credentials),
            ("https://", Host),
            ("https:///path", Host),
            ("https://x.example:80a/", Host),
            ("https://x_y.example/", Host),
            ("https://x.example/?q=1", QueryOrFragment),
            ("https://x.example/#top", QueryOrFragment),
            ("https://x.example/\"><script>", Character('"')),
        ] {
            assert_eq!(check_base_url(bad), Err(why), "{bad:?}");
        }
    }
}
