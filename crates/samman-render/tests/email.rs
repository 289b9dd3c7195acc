//! Snapshot and behaviour tests of the newsletter e-mail.

mod web_fixtures;

use samman_render::Options;
use samman_render::email::{self, Delivery, Mailbox, Unsubscribe};

fn now() -> jiff::Timestamp {
    // 2021-05-24 10:00 in Stockholm.
    jiff::Timestamp::from_second(1_621_843_200).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn personal() -> Delivery {
    Delivery {
        from: Mailbox::new(Some("Nyhetsbrev Nära vård"), "nyhetsbrev@samman.example.org"),
        to: Some(Mailbox::new(Some("Åsa Öberg"), "asa.oberg@example.se")),
        unsubscribe: Some(Unsubscribe {
            url: "https://samman.example.org/sro/nyhetsbrev/avsluta?t=abc123".into(),
            mailto: Some("mailto:avsluta@samman.example.org?subject=abc123".into()),
        }),
    }
}

#[test]
fn every_fixture_message_snapshot() {
    for (name, meeting, body) in web_fixtures::all() {
        let (text, html) = email::bodies(
            &meeting,
            &body,
            &Options::default(),
            &Delivery::preview(&body, &Options::default()),
        );
        insta::assert_snapshot!(format!("email_text_{name}"), text);
        insta::assert_snapshot!(format!("email_html_{name}"), html);
    }
    let (m, b) = (web_fixtures::sro(), web_fixtures::sro_body());
    let raw = email::render_to(&m, &b, &Options::default(), now(), &personal());
    let raw = String::from_utf8(raw).unwrap_or_default();
    insta::assert_snapshot!("email_message_sro_personal", raw.replace("\r\n", "␍\n"));
}

#[test]
fn message_is_deterministic_7bit_crlf_and_small() {
    for (name, meeting, body) in web_fixtures::all() {
        let a = email::render(&meeting, &body, &Options::default(), now());
        assert_eq!(
            a,
            email::render(&meeting, &body, &Options::default(), now()),
            "{name}"
        );
        assert!(a.len() < 100 * 1024, "{name}: {} bytes", a.len());
        assert!(a.iter().all(|b| b.is_ascii()), "{name}: 8-bit bytes");
        let s = String::from_utf8(a).unwrap_or_default();
        assert!(!s.replace("\r\n", "").contains('\n'), "{name}: bare LF");
        assert!(s.split("\r\n").all(|l| l.len() <= 998), "{name}: long line");
    }
}

#[test]
fn sro_subject_headers_and_links() {
    let (m, b) = (web_fixtures::sro(), web_fixtures::sro_body());
    assert_eq!(email::subject(&m, &b), "Sammanställning från SRO 21 maj 2021");
    let raw = String::from_utf8(email::render_to(&m, &b, &Options::default(), now(), &personal()))
        .unwrap_or_default();
    for needle in [
        "To: =?UTF-8?B?",
        "Subject: =?UTF-8?B?",
        "Date: Mon, 24 May 2021 10:00:00 +0200\r\n",
        "List-Unsubscribe: <https://samman.example.org/sro/nyhetsbrev/avsluta?t=abc123>, \
         <mailto:avsluta@samman.example.org?subject=abc123>\r\n",
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
        "MIME-Version: 1.0\r\n",
        "Content-Type: multipart/alternative; boundary=",
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
        "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
    ] {
        assert!(raw.contains(needle), "missing {needle}");
    }
    let (text, html) = email::bodies(&m, &b, &Options::default(), &personal());
    assert!(
        text.contains("Avsluta prenumerationen: https://samman.example.org/sro/nyhetsbrev/avsluta?t=abc123")
    );
    assert!(html.contains("href=\"https://samman.example.org/sro/nyhetsbrev/avsluta?t=abc123\""));
    assert!(text.contains("https://samman.example.org/sro/2021-05-21/#punkt-3"));
    assert!(text.contains("Lägg till i kalender: https://samman.example.org/sro/2021-05-21/kalender.ics"));
    assert!(
        text.contains("Ställningstagande: SRO ställer sig bakom\n- planen för hur kvinnofridssatsningen")
    );
    // Every href in the HTML part is absolute.
    for href in html.split("href=\"").skip(1) {
        assert!(
            href.starts_with("https://"),
            "relative link: {}",
            &href[..href.len().min(40)]
        );
    }
    // The preview has no personal headers, and differs in Message-ID from the personal one.
    let preview = String::from_utf8(email::render(&m, &b, &Options::default(), now())).unwrap_or_default();
    assert!(!preview.contains("List-Unsubscribe"));
    assert!(preview.contains("To: undisclosed-recipients:;\r\n"));
    let id = |s: &str| {
        s.lines()
            .find(|l| l.starts_with("Message-ID:"))
            .unwrap_or("")
            .to_string()
    };
    assert_ne!(id(&preview), id(&raw));
}

#[test]
fn hostile_title_cannot_add_headers() {
    let (m, b) = (web_fixtures::hostile(), web_fixtures::sro_body());
    let raw = String::from_utf8(email::render(&m, &b, &Options::default(), now())).unwrap_or_default();
    let headers = raw.split("\r\n\r\n").next().unwrap_or("");
    assert!(!headers.contains("\r\nBcc:"), "{headers}");
    let (text, html) = email::bodies(
        &m,
        &b,
        &Options::default(),
        &Delivery::preview(&b, &Options::default()),
    );
    assert!(!html.contains("<script"));
    assert!(!html.contains("javascript:"));
    assert!(!text.contains("javascript:"));
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn html_part_parses_with_every_inline_style_intact() {
    for (name, meeting, body) in web_fixtures::all() {
        let (_, html) = email::bodies(
            &meeting,
            &body,
            &Options::default(),
            &Delivery::preview(&body, &Options::default()),
        );
        let doc = scraper::Html::parse_document(&html);
        assert!(doc.errors.is_empty(), "{name}: {:?}", doc.errors);
        let Ok(cards) = scraper::Selector::parse("td.card") else {
            panic!("selector")
        };
        let cards: Vec<_> = doc.select(&cards).collect();
        assert_eq!(cards.len(), 2, "{name}");
        for card in cards {
            // The last declaration survives only if no quote inside the attribute cut it short.
            let style = card.value().attr("style").unwrap_or("");
            assert!(style.contains("font-family:'Noto Sans'"), "{name}: {style}");
            assert!(style.contains("line-height"), "{name}: {style}");
        }
    }
}

#[test]
fn options_base_url_makes_every_link_absolute_on_that_site() {
    let (m, b) = (web_fixtures::sro(), web_fixtures::sro_body());
    let options = Options {
        base_url: Some("https://moten.example.se/sro".into()),
        ..Options::default()
    };
    let (text, html) = email::bodies(&m, &b, &options, &Delivery::preview(&b, &options));
    assert!(text.contains("https://moten.example.se/sro/2021-05-21/#punkt-1"));
    assert!(html.contains("href=\"https://moten.example.se/sro/2021-05-21/sammanstallning.pdf\""));
    // Nothing samman generates points at the body's configured site (the record's own content links may).
    assert!(!html.contains("samman.example.org/sro/2021-05-21"));
    let raw = String::from_utf8(email::render(&m, &b, &options, now())).unwrap_or_default();
    assert!(raw.contains("<nyhetsbrev@moten.example.se>"));
}

#[test]
fn date_of_a_meeting_is_its_last_update() {
    let m = web_fixtures::sro();
    assert_eq!(email::date_of(&m).to_string(), "2021-05-24T07:51:00Z");
    let mut undated = m.clone();
    undated.updated = None;
    assert_eq!(email::date_of(&undated).to_string(), "2021-05-20T22:00:00Z");
}

/// A campaign renders once and swaps each recipient's link in; every message must be exactly what a
/// fresh render for that recipient gives — links of the template's length and others, a token that HTML
/// escaping changes, and a preview (no personal link) as the template.
#[test]
fn a_prepared_campaign_gives_each_recipient_the_freshly_rendered_message() {
    let delivery = |address: &str, token: &str| Delivery {
        to: Some(Mailbox::new(None, address)),
        unsubscribe: Some(Unsubscribe {
            url: format!("https://samman.example.org/sro/nyhetsbrev/avsluta?t={token}"),
            mailto: None,
        }),
        ..personal()
    };
    let recipients = [
        delivery("anna@example.se", "AAAAAAAAAAAAAAAAAAAA"),
        delivery("bertil.svensson@example.org", "zZ9-_zZ9-_zZ9-_zZ9-_"),
        delivery("c@example.se", "short"),
        delivery("d@example.se", "a&b<c>d\"eAAAAAAAAAA"),
        personal(),
        Delivery::preview(&web_fixtures::sro_body(), &Options::default()),
    ];
    for (name, meeting, body) in web_fixtures::all() {
        let options = Options::default();
        for template in [&recipients[0], &recipients[5]] {
            let prepared = email::Prepared::new(&meeting, &body, &options, now(), template);
            for delivery in &recipients {
                let fresh = email::render_to(&meeting, &body, &options, now(), delivery);
                assert!(
                    prepared.message(delivery) == fresh,
                    "{name}: the prepared message for {:?} differs from a fresh render",
                    delivery.to
                );
            }
        }
    }
}
