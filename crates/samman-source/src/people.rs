//! Presenters (*föredragande*) and positions (*ställningstagande*) as people write them.
//!
//! Two forms of presenters line are read:
//!
//! * the **canonical** form that [`write_presenters`] writes and source files keep:
//!   `Ann-Marie Svensson, VGR; Josefin Lantz (kommunikatör vårdsamverkan)` — people separated by `"; "`,
//!   each `Name[, Organisation][ (role)]`. Read back exactly (organisations are kept as written there, so
//!   `check` can still point at a variant spelling in a source file).
//! * the **natural** forms found in existing decks and pages, where people are joined by "och" or commas
//!   and the organisation follows the name with or without a comma. Organisations the bodies configuration
//!   knows get their canonical spelling ("Västkom" → "VästKom").
//!
//! A line is read in the canonical form when it has a `;`, or is one presenter ending with a role in
//! parentheses; otherwise in the natural form (a single `Name, Organisation` reads the same either way).
//! One ambiguity remains: a single presenter without a role whose organisation has a comma
//! ("Anna Berg, Region Halland, avdelning 2") reads the natural way, the part after the second comma
//! being a role if it starts lower-case.

use samman_domain::{Bodies, Position, PositionKind, Presenter};

use crate::text::{normalize_ws, strip_emphasis};

/// Words that join two people in natural lines.
const JOINERS: [&str; 3] = [" och ", " & ", " and "];

/// Word endings that mark a capitalised phrase as an organisation rather than a person's name
/// ("Västra Götalandsregionen", "Fyrbodals kommunalförbund", "Skaraborgs sjukhus").
const ORGANISATION_ENDINGS: [&str; 14] = [
    "region",
    "regionen",
    "kommunen",
    "styrelsen",
    "förbund",
    "förbundet",
    "universitet",
    "förvaltningen",
    "nämnden",
    "sjukhus",
    "sjukhuset",
    "myndigheten",
    "föreningen",
    "verket",
];

/// Whole words that do the same ("Göteborgs Stad", "Borås kommun"); as endings they would catch
/// surnames ("Bergstad").
const ORGANISATION_WORDS: [&str; 5] = ["stad", "kommun", "samverkan", "centrum", "vården"];

/// Reads a presenters line (without its label): "Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom"
/// → two people; "Charlotta Wilhelmsson Västkom" → organisation "VästKom"; "Josefin Lantz, kommunikatör
/// vårdsamverkan" → a role. Also reads the canonical form [`write_presenters`] writes.
///
/// Natural-form rules, in order:
/// * Markdown emphasis is dropped and whitespace normalised.
/// * People are split at "och" (also "&", "and"), except where the text after it cannot start a person:
///   in "Anna Berg, Vård och Omsorg" the "och" belongs to the organisation (a comma came before it, and
///   what follows is one word with no comma of its own).
/// * Within one part, comma-separated segments after the first are an organisation (a known organisation,
///   or unknown text starting with a capital letter or digit), a role (text starting lower-case), or —
///   in lists of several people — the next person ("A, VGR, B, VästKom och C, VGR"): a segment that looks
///   like a personal name (two or three capitalised words, no organisation word) when the current person
///   already has an organisation, role, or the line names several people.
/// * A name without a comma whose last words are a known organisation ("Jan Kilhamn VGR") is split there.
/// * "A och B, VGR": the organisation is given to B only. Sharing it with A would be a guess; the line
///   as written only says it of B, and `check` can then point at A's missing organisation.
///
/// What it returns is what a source file will keep: the canonical line [`write_presenters`] makes of it
/// reads back to the same people (see [`settle`]). Lines joined into one item's list are settled again
/// as a whole.
pub fn parse_presenters(text: &str, bodies: &Bodies) -> Vec<Presenter> {
    let people = read_line(text, bodies);
    // A canonical line (what source files hold) is what its people are written as: settled already.
    if write_presenters(&people) == text {
        return people;
    }
    settle(people, bodies)
}

/// How many times [`settle`] writes and reads a line again before it gives up.
const SETTLE_ROUNDS: usize = 4;

/// `people` as the canonical line keeps them. Text the canonical form gives a meaning of its own — a
/// `*` that becomes emphasis once the writer puts a space before it, a name that holds a comma or a
/// parenthesis, a link's `](` — would read back as other people each time a file is saved (the fuzzers
/// found such lines). So the line is written and read again until it no longer changes, which one round
/// does for every line seen in real material; the source file then holds exactly what was read. Should
/// it not settle (parentheses inside a role, say), the characters the canonical form gives a meaning to
/// are taken out of the fields and it is tried again; only a line that settles neither way loses its
/// people (`check` then reports them missing; the file that was read still has the line).
pub fn settle(people: Vec<Presenter>, bodies: &Bodies) -> Vec<Presenter> {
    let people = match settled(people, bodies) {
        Ok(people) => return people,
        Err(people) => people.into_iter().map(plain_fields).collect(),
    };
    settled(people, bodies).unwrap_or_default()
}

/// Writes and reads `people` until they no longer change: `Err` with the last reading when they keep
/// changing.
fn settled(mut people: Vec<Presenter>, bodies: &Bodies) -> Result<Vec<Presenter>, Vec<Presenter>> {
    for _ in 0..SETTLE_ROUNDS {
        let again = read_line(&write_presenters(&people), bodies);
        if again == people {
            return Ok(people);
        }
        people = again;
    }
    Err(people)
}

/// A presenter without the characters that separate people and fields in the canonical line.
fn plain_fields(person: Presenter) -> Presenter {
    let plain = |s: &str| {
        let kept: String = s.chars().filter(|c| !"()*_;".contains(*c)).collect();
        Some(normalize_ws(&kept)).filter(|s| !s.is_empty())
    };
    Presenter {
        name: plain(&person.name).unwrap_or_default(),
        organisation: person.organisation.as_deref().and_then(plain),
        role: person.role.as_deref().and_then(plain),
    }
}

/// One reading of a presenters line, before [`settle`].
fn read_line(text: &str, bodies: &Bodies) -> Vec<Presenter> {
    let text = without_empty_segments(&normalize_ws(&strip_emphasis(text)));
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    // Canonical when people are separated by ";", or the line is one canonical presenter with a role.
    if text.contains(';') || is_canonical_single(text) {
        return text
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .flat_map(|p| {
                // The renditions' phrase joins the last person with "och" ("…; Lena Wik, samordnare
                // och Omar Haddad, VGR"): such a part is read as natural text.
                if !is_canonical_single(p) && JOINERS.iter().any(|j| p.contains(j)) {
                    parse_natural(p, bodies)
                } else {
                    vec![parse_canonical_one(p, bodies)]
                }
            })
            .collect();
    }
    // A natural line may end with a stray comma; the canonical form never does.
    parse_natural(text.trim_end_matches(',').trim(), bodies)
}

/// `text` with empty comma segments dropped ("Ek,,, VGR" → "Ek, VGR"): they separate nothing, and kept
/// in a name they made the written line read back with one comma more or less each time (found by fuzzing).
fn without_empty_segments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, segment) in text.split(',').enumerate() {
        if i > 0 && segment.trim().is_empty() {
            continue;
        }
        if i > 0 {
            out.push(',');
        }
        out.push_str(segment);
    }
    out
}

/// The canonical presenters line that [`parse_presenters`] reads back to the same presenters.
pub fn write_presenters(presenters: &[Presenter]) -> String {
    presenters
        .iter()
        .map(|p| {
            let mut s = p.name.clone();
            if let Some(org) = p.organisation.as_deref().filter(|o| !o.is_empty()) {
                s.push_str(", ");
                s.push_str(org);
            }
            if let Some(role) = p.role.as_deref().filter(|r| !r.is_empty()) {
                s.push_str(" (");
                s.push_str(role);
                s.push(')');
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a position sentence (without its label); points come separately.
pub fn parse_position(text: &str) -> Position {
    let text = normalize_ws(&strip_emphasis(text));
    Position {
        kind: PositionKind::infer(&text),
        text,
        points: Vec::new(),
    }
}

/// Whether `text` is one canonical presenter with a role: `Name[, Organisation] (role)`, where the name
/// has no joiner or parenthesis and the organisation no parenthesis. "Anna Berg (samordnare) och Bo Lind,
/// VästKom" is not (it goes on after the parenthesis), nor is "Per Ek och Eva Lund (VGR)".
fn is_canonical_single(text: &str) -> bool {
    let (Some(open), true) = (text.rfind('('), text.ends_with(')')) else {
        return false;
    };
    let head = text.get(..open).unwrap_or("");
    let (name, org) = head.split_once(',').unwrap_or((head, ""));
    !name.contains(['(', ')'])
        && !org.contains(['(', ')'])
        && !JOINERS.iter().any(|j| name.contains(j))
        && text
            .get(open + 1..text.len() - 1)
            .is_some_and(|role| !role.contains(['(', ')']))
}

/// One canonical presenter: `Name[, Organisation][ (role)]`.
fn parse_canonical_one(text: &str, bodies: &Bodies) -> Presenter {
    let (rest, role) = match (text.rfind('('), text.ends_with(')')) {
        (Some(open), true) => {
            let role = text.get(open + 1..text.len() - 1).unwrap_or("").trim();
            let rest = text.get(..open).unwrap_or("").trim();
            (rest, (!role.is_empty()).then(|| role.to_string()))
        }
        _ => (text, None),
    };
    let (name, organisation) = match rest.split_once(", ") {
        Some((name, org)) => (name.trim().to_string(), Some(org.trim().to_string())),
        None => match rest.split_once(',') {
            Some((name, org)) => (name.trim().to_string(), Some(org.trim().to_string())),
            None => split_trailing_organisation(rest, bodies),
        },
    };
    Presenter {
        name,
        organisation: organisation.filter(|o| !o.is_empty()),
        role,
    }
}

/// Natural lines: people joined by "och" or commas, organisations with or without a comma.
fn parse_natural(text: &str, bodies: &Bodies) -> Vec<Presenter> {
    let parts = split_people(text);
    let several = parts.len() > 1;
    let mut people: Vec<Presenter> = Vec::new();
    for part in parts {
        for (i, segment) in split_top_commas(&part).into_iter().enumerate() {
            let (segment, paren) = take_paren(segment);
            let segment = segment.as_str();
            let current = people.last_mut().filter(|_| i > 0);
            match current {
                _ if segment.is_empty() => {}
                None => people.push(person_from_name(segment, bodies)),
                Some(current) => {
                    if let Some(canonical) = bodies.canonical_organisation(segment) {
                        if current.organisation.is_none() {
                            current.organisation = Some(canonical.to_string());
                        } else {
                            add_role(current, segment);
                        }
                    } else if starts_lower(segment) {
                        add_role(current, segment);
                    } else if looks_like_person(segment)
                        && (current.organisation.is_some() || current.role.is_some() || several)
                    {
                        people.push(person_from_name(segment, bodies));
                    } else if current.organisation.is_none() {
                        current.organisation = Some(segment.to_string());
                    } else {
                        add_role(current, segment);
                    }
                }
            }
            // "(samordnare)" after a name or an organisation: a role, or the organisation if known.
            if let (Some(paren), Some(current)) = (paren, people.last_mut()) {
                match bodies.canonical_organisation(&paren) {
                    Some(org) if current.organisation.is_none() => {
                        current.organisation = Some(org.to_string())
                    }
                    _ => add_role(current, &paren),
                }
            }
        }
    }
    people
}

/// Splits at commas outside parentheses: "Anna Berg (chef, enhet 2), VGR" → two segments.
fn split_top_commas(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(text.get(start..i).unwrap_or("").trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text.get(start..).unwrap_or("").trim());
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// Removes a "(…)" group from a segment: the text without it and the group's content.
fn take_paren(segment: &str) -> (String, Option<String>) {
    let (Some(open), Some(close)) = (segment.find('('), segment.rfind(')')) else {
        return (segment.to_string(), None);
    };
    if close < open {
        return (segment.to_string(), None);
    }
    let inner = segment.get(open + 1..close).unwrap_or("").trim().to_string();
    let outer = format!(
        "{} {}",
        segment.get(..open).unwrap_or(""),
        segment.get(close + 1..).unwrap_or("")
    );
    (normalize_ws(&outer), (!inner.is_empty()).then_some(inner))
}

/// Splits a natural line at the words that join people, keeping a joiner inside an organisation name
/// ("Anna Berg, Vård och Omsorg") when what follows it cannot start a person.
fn split_people(text: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = text;
    loop {
        let next = JOINERS
            .iter()
            .filter_map(|j| rest.find(j).map(|i| (i, j.len())))
            .min();
        let Some((i, len)) = next else {
            parts.push(rest.to_string());
            break;
        };
        let (left, right) = (rest.get(..i).unwrap_or(""), rest.get(i + len..).unwrap_or(""));
        // Commas inside parentheses ("(chef, enhet 2)") do not separate anything.
        let right_segments = split_top_commas(right);
        let right_head = take_paren(right_segments.first().copied().unwrap_or("")).0;
        let starts_person = !right_head.is_empty()
            && !starts_lower(&right_head)
            && (split_top_commas(left).len() < 2
                || right_segments.len() > 1
                || looks_like_person(&right_head));
        if starts_person {
            parts.push(left.to_string());
            rest = right;
        } else {
            // Keep the joiner: continue searching after it, but inside the same part.
            let glued_len = i + len;
            let tail = split_people(right);
            let mut first = rest.get(..glued_len).unwrap_or("").to_string();
            let mut tail = tail.into_iter();
            if let Some(t) = tail.next() {
                first.push_str(&t);
            }
            parts.push(first);
            parts.extend(tail);
            break;
        }
    }
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// A person from a name that may end with a known organisation ("Charlotta Wilhelmsson Västkom").
fn person_from_name(text: &str, bodies: &Bodies) -> Presenter {
    let (name, organisation) = split_trailing_organisation(text, bodies);
    Presenter {
        name,
        organisation,
        role: None,
    }
}

/// Splits off the last one to three words when they are a known organisation, leaving at least one word.
fn split_trailing_organisation(text: &str, bodies: &Bodies) -> (String, Option<String>) {
    let text = text.trim();
    // Where the text before the last one, two and three words ends. The tails are compared as written:
    // organisation names are matched with their spacing folded.
    let mut heads = [None; 3];
    let mut head = text;
    for slot in &mut heads {
        let Some(space) = head.rfind(char::is_whitespace) else {
            break;
        };
        head = head.get(..space).unwrap_or("").trim_end();
        *slot = Some(head.len());
    }
    for end in heads.into_iter().rev().flatten() {
        let tail = text.get(end..).unwrap_or("");
        if let Some(canonical) = bodies.canonical_organisation(tail) {
            let name = text.get(..end).unwrap_or("").split_whitespace();
            return (name.collect::<Vec<_>>().join(" "), Some(canonical.to_string()));
        }
    }
    (text.to_string(), None)
}

fn add_role(person: &mut Presenter, text: &str) {
    person.role = Some(match person.role.take() {
        Some(role) => format!("{role}, {text}"),
        None => text.to_string(),
    });
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Two or three capitalised words and no organisation word: "Per Ek", "Ann-Marie Svensson".
fn looks_like_person(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let organisation_word = words.iter().any(|w| {
        let w = w.to_lowercase();
        ORGANISATION_WORDS.contains(&w.as_str()) || ORGANISATION_ENDINGS.iter().any(|e| w.ends_with(e))
    });
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase() || c == '-')
        })
        && !organisation_word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_comma_segments_separate_nothing_and_the_line_is_stable() {
        let bodies = bodies();
        for line in ["Sofia Ek,,, VGR", "So(fia Ek,,, VGR", "Sofia Ek, , VGR,"] {
            let once = write_presenters(&parse_presenters(line, &bodies));
            let twice = write_presenters(&parse_presenters(&once, &bodies));
            assert_eq!(once, twice, "{line}");
        }
        assert_eq!(
            write_presenters(&parse_presenters("Sofia Ek,,, VGR", &bodies)),
            "Sofia Ek, VGR"
        );
    }

    /// What a source file keeps of a line reads back to the same people: lines the fuzzers found, where
    /// one write and read changed them again (a `*` that became emphasis after the writer's space, a role
    /// cut from a link's parenthesis, a label inside the line).
    #[test]
    fn what_is_read_is_what_the_written_line_reads_back_to() {
        let bodies = bodies();
        for line in [
            "Föredragande: Ann-Marie Svensson,*VGR",
            "Karin Lund, Skaraborgs sjukhus; Länk till underlaget: [Handlingsplan (pdf)](https://example.org/plan.pdf)",
            "Anna Berg, Skaraborgs Kommunalförbwebbplats](https://example.org/vgr) och i [nyhetsbrevet](https://example.org/nyheter)",
            "Anna Berg, Skaraborgs Kommunalförbwebbplats] och i [nyhetsbrev] (ht ohälsa (https://example.org/vgr)",
        ] {
            let people = parse_presenters(line, &bodies);
            assert!(!people.is_empty(), "{line}");
            assert_eq!(
                parse_presenters(&write_presenters(&people), &bodies),
                people,
                "{line}"
            );
        }
    }

    proptest::proptest! {
        /// Any line, however odd: what is read is a fixed point of writing and reading, alone and when
        /// several lines' people are joined into one item's list.
        #[test]
        fn reading_settles(
            lines in proptest::collection::vec(
                "([A-Za-zÅÄÖåö]{1,6}|och|,|;|\\(|\\)|\\*|_|\\[|\\]|:| |VGR|Västkom|https://x.se/a)*",
                1..3,
            )
        ) {
            let bodies = bodies();
            let mut people = Vec::new();
            for line in &lines {
                let one = parse_presenters(line, &bodies);
                proptest::prop_assert_eq!(&parse_presenters(&write_presenters(&one), &bodies), &one);
                people.extend(one);
            }
            let people = settle(people, &bodies);
            proptest::prop_assert_eq!(&parse_presenters(&write_presenters(&people), &bodies), &people);
        }
    }

    proptest::proptest! {
        /// Organisations are found at the end of a name as when the last words were joined by single
        /// spaces and compared (how it was first written).
        #[test]
        fn trailing_organisation_as_joined_words(
            text in "( |\t|\u{a0}|Anna|Berg|VGR|Västkom|Västra|Götalandsregionen|VÄST|Kom)*"
        ) {
            let bodies = bodies();
            let words: Vec<&str> = text.split_whitespace().collect();
            let joined = (1..=3.min(words.len().saturating_sub(1))).rev().find_map(|take| {
                let split = words.len() - take;
                let canonical = bodies.canonical_organisation(&words[split..].join(" "))?;
                Some((words[..split].join(" "), Some(canonical.to_string())))
            });
            let expected = joined.unwrap_or_else(|| (text.trim().to_string(), None));
            proptest::prop_assert_eq!(split_trailing_organisation(&text, &bodies), expected);
        }
    }

    fn bodies() -> Bodies {
        Bodies::from_toml(
            r#"
            [[body]]
            id = "sro"
            short_name = "SRO"
            name = "Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen"
            [[body.organisation]]
            name = "VästKom"
            variants = ["Västkom"]
            [[body.organisation]]
            name = "VGR"
            full_name = "Västra Götalandsregionen"
            "#,
        )
        .unwrap_or_default()
    }

    fn p(name: &str, org: Option<&str>, role: Option<&str>) -> Presenter {
        Presenter {
            name: name.into(),
            organisation: org.map(Into::into),
            role: role.map(Into::into),
        }
    }

    #[test]
    fn two_people_joined_by_och() {
        assert_eq!(
            parse_presenters(
                "Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom",
                &bodies()
            ),
            vec![
                p("Ann-Marie Svensson", Some("VGR"), None),
                p("Jeanette Andersson", Some("VästKom"), None)
            ]
        );
    }

    #[test]
    fn organisation_without_comma_gets_canonical_spelling() {
        assert_eq!(
            parse_presenters("Charlotta Wilhelmsson Västkom", &bodies()),
            vec![p("Charlotta Wilhelmsson", Some("VästKom"), None)]
        );
        assert_eq!(
            parse_presenters("*Jan Kilhamn VGR och Thomas Wahlberg, VGR*", &bodies()),
            vec![
                p("Jan Kilhamn", Some("VGR"), None),
                p("Thomas Wahlberg", Some("VGR"), None)
            ]
        );
    }

    #[test]
    fn lower_case_text_after_comma_is_a_role() {
        assert_eq!(
            parse_presenters("**Josefin Lantz, kommunikatör   vårdsamverkan**", &bodies()),
            vec![p("Josefin Lantz", None, Some("kommunikatör vårdsamverkan"))]
        );
    }

    #[test]
    fn unknown_capitalised_text_is_an_organisation() {
        assert_eq!(
            parse_presenters("Anna Berg, Länsstyrelsen", &bodies()),
            vec![p("Anna Berg", Some("Länsstyrelsen"), None)]
        );
        assert_eq!(
            parse_presenters("Anna Berg, Vård och Omsorg", &bodies()),
            vec![p("Anna Berg", Some("Vård och Omsorg"), None)]
        );
        assert_eq!(
            parse_presenters("Anna Berg, Region Halland, utvecklingsledare", &bodies()),
            vec![p("Anna Berg", Some("Region Halland"), Some("utvecklingsledare"))]
        );
    }

    #[test]
    fn shared_organisation_goes_to_the_last_person_only() {
        assert_eq!(
            parse_presenters("Per Ek och Eva Lund, VGR", &bodies()),
            vec![p("Per Ek", None, None), p("Eva Lund", Some("VGR"), None)]
        );
    }

    #[test]
    fn comma_separated_lists_of_people() {
        assert_eq!(
            parse_presenters("Per Ek, VGR, Eva Lund, Västkom och Ola Nord, VGR", &bodies()),
            vec![
                p("Per Ek", Some("VGR"), None),
                p("Eva Lund", Some("VästKom"), None),
                p("Ola Nord", Some("VGR"), None)
            ]
        );
        assert_eq!(
            parse_presenters(
                "Per Abrahamsson, Eva Bergstad och Ola Nord, Borås Stad",
                &bodies()
            ),
            vec![
                p("Per Abrahamsson", None, None),
                p("Eva Bergstad", None, None),
                p("Ola Nord", Some("Borås Stad"), None)
            ]
        );
        assert_eq!(
            parse_presenters("Per Ek, Eva Lund och Ola Nord", &bodies()),
            vec![
                p("Per Ek", None, None),
                p("Eva Lund", None, None),
                p("Ola Nord", None, None)
            ]
        );
    }

    #[test]
    fn canonical_form_round_trips() {
        let people = vec![
            p("Ann-Marie Svensson", Some("VGR"), None),
            p("Josefin Lantz", None, Some("kommunikatör vårdsamverkan")),
            p("Anna Berg", Some("Länsstyrelsen"), Some("ordförande")),
            p(
                "Bo",
                Some("Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen"),
                None,
            ),
            p("Eva Lund", Some("Vård och Omsorg, Norra"), Some("chef, enhet 2")),
        ];
        let line = write_presenters(&people);
        assert_eq!(
            line,
            "Ann-Marie Svensson, VGR; Josefin Lantz (kommunikatör vårdsamverkan); \
             Anna Berg, Länsstyrelsen (ordförande); \
             Bo, Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen; \
             Eva Lund, Vård och Omsorg, Norra (chef, enhet 2)"
        );
        assert_eq!(parse_presenters(&line, &bodies()), people);
        for one in &people {
            let single = std::slice::from_ref(one);
            assert_eq!(
                parse_presenters(&write_presenters(single), &bodies()),
                single,
                "{one:?}"
            );
        }
    }

    #[test]
    fn roles_in_parentheses_in_natural_lines() {
        assert_eq!(
            parse_presenters("Anna Berg (samordnare) och Bo Lind, Västkom", &bodies()),
            vec![
                p("Anna Berg", None, Some("samordnare")),
                p("Bo Lind", Some("VästKom"), None)
            ]
        );
        assert_eq!(
            parse_presenters(
                "Eva Lund, Vård och Omsorg (chef, enhet 2) och Per Ek (VGR)",
                &bodies()
            ),
            vec![
                p("Eva Lund", Some("Vård och Omsorg"), Some("chef, enhet 2")),
                p("Per Ek", Some("VGR"), None)
            ]
        );
    }

    #[test]
    fn empty_lines_have_no_presenters() {
        assert!(parse_presenters("  ** ** ", &bodies()).is_empty());
        assert_eq!(write_presenters(&[]), "");
    }

    #[test]
    fn positions_get_their_kind() {
        let noted = parse_position("**SRO  noterar informationen**");
        assert_eq!(noted.kind, PositionKind::Noted);
        assert_eq!(noted.text, "SRO noterar informationen");
        assert_eq!(
            parse_position("SRO ställer sig bakom").kind,
            PositionKind::Endorsed
        );
        assert_eq!(
            parse_position("SRO noterar informationen och ställer sig bakom förslaget").kind,
            PositionKind::Endorsed
        );
        assert_eq!(
            parse_position("Styrgruppen beslutar att").kind,
            PositionKind::Decided
        );
    }

    proptest::proptest! {
        /// The canonical form reads back exactly for every presenter the contract allows.
        #[test]
        fn canonical_round_trip(people in proptest::collection::vec(presenter(), 1..4)) {
            let line = write_presenters(&people);
            proptest::prop_assert_eq!(parse_presenters(&line, &bodies()), people, "{}", line);
        }
    }

    fn presenter() -> impl proptest::strategy::Strategy<Value = Presenter> {
        use proptest::prelude::*;
        let name = prop_oneof![
            Just("Anna Berg"),
            Just("Ann-Marie Svensson"),
            Just("Åsa Öberg"),
            Just("Per"),
            Just("Jan Kilhamn"),
        ];
        let org = proptest::option::of(prop_oneof![
            Just("VGR"),
            Just("VästKom"),
            Just("Länsstyrelsen"),
            Just("Vård och Omsorg"),
            Just("Skaraborgs Kommunalförbund"),
            Just("1177 Vårdguiden"),
        ]);
        let role = proptest::option::of(prop_oneof![
            Just("kommunikatör vårdsamverkan"),
            Just("chef, enhet 2"),
            Just("ordförande"),
            Just("VGR:s samordnare"),
        ]);
        (name, org, role).prop_map(|(n, o, r)| Presenter {
            name: n.into(),
            organisation: o.map(Into::into),
            role: r.map(Into::into),
        })
    }
}
