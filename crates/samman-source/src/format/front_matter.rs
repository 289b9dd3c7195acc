//! The TOML front matter between `+++` lines: the meeting-level fields, each with its position.
//!
//! Values are read through `toml::Spanned` so every error — TOML syntax, an unknown key, a bad date —
//! points at the line and column in the *file*, not in the front matter alone.

use std::ops::Range;

use samman_domain::{Date, DateTime, Minutes, Time};
use serde::Deserialize;
use toml::{Spanned, Value};

use crate::ParseError;
use crate::document::Header;
use crate::located::{Located, Pos};

/// The front matter as written; every key optional here so that a missing one gets its own message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    body: Option<Spanned<Value>>,
    date: Option<Spanned<Value>>,
    start: Option<Spanned<Value>>,
    end: Option<Spanned<Value>>,
    place: Option<Spanned<Value>>,
    title: Option<Spanned<Value>>,
    lead: Option<Spanned<Value>>,
    updated: Option<Spanned<Value>>,
    minutes: Option<Spanned<RawMinutes>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMinutes {
    status: Option<Spanned<Value>>,
    href: Option<Spanned<Value>>,
    date: Option<Spanned<Value>>,
}

/// Where the front matter is in the file.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    /// 1-based line of the first front matter line (after the opening `+++`).
    pub first_line: usize,
    /// 1-based line of the closing `+++`.
    pub end_line: usize,
}

/// Converts a byte range inside the front matter text to a file position.
struct Locator<'a> {
    text: &'a str,
    first_line: usize,
}

impl Locator<'_> {
    fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        Pos::new(self.first_line + line, column)
    }

    fn at(&self, span: Range<usize>) -> Pos {
        self.pos(span.start)
    }
}

/// Parses the front matter `text` (the lines between the `+++`s) into a header.
pub fn parse(text: &str, span: Span) -> Result<Header, ParseError> {
    let loc = Locator {
        text,
        first_line: span.first_line,
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let pos = e.span().map_or(Pos::line(span.first_line), |s| loc.at(s));
        ParseError::new(pos, toml_message(&e))
    })?;
    let mut header = Header {
        keep_title: true,
        ..Header::default()
    };
    let Some(body) = raw.body else {
        return Err(ParseError::new(
            Pos::line(span.end_line),
            "body saknas i front matter: ange organets id, t.ex. body = \"sro\"",
        ));
    };
    header.body = Some(string(&loc, "body", body)?);
    let Some(date) = raw.date else {
        return Err(ParseError::new(
            Pos::line(span.end_line),
            "date saknas i front matter: ange mötesdatum, t.ex. date = 2021-05-21",
        ));
    };
    header.date = Some(date_value(&loc, "date", date)?);
    header.start = raw.start.map(|v| time_value(&loc, "start", v)).transpose()?;
    header.end = raw.end.map(|v| time_value(&loc, "end", v)).transpose()?;
    header.place = raw
        .place
        .map(|v| string(&loc, "place", v))
        .transpose()?
        .map(|l| l.value);
    header.title = raw.title.map(|v| string(&loc, "title", v)).transpose()?;
    header.lead = raw.lead.map(|v| string(&loc, "lead", v)).transpose()?;
    header.updated = raw
        .updated
        .map(|v| datetime_value(&loc, "updated", v))
        .transpose()?;
    if let Some(minutes) = raw.minutes {
        header.minutes = minutes_value(&loc, minutes)?;
    }
    Ok(header)
}

/// toml's message without its own excerpt (we give the position ourselves), in Swedish framing.
fn toml_message(e: &toml::de::Error) -> String {
    let message = e.message().trim();
    if let Some(key) = message
        .strip_prefix("unknown field `")
        .and_then(|m| m.split('`').next())
    {
        return format!(
            "okänd nyckel \"{key}\" i front matter; tillåtna: body, date, start, end, place, title, lead, \
             updated, [minutes] status, href, date"
        );
    }
    format!("front matter är inte giltig TOML: {message}")
}

fn string(loc: &Locator, key: &str, v: Spanned<Value>) -> Result<Located<String>, ParseError> {
    let pos = loc.at(v.span());
    match v.into_inner() {
        Value::String(s) => Ok(Located::new(s, pos)),
        other => Err(ParseError::new(
            pos,
            format!(
                "{key} ska vara en text inom citattecken, inte {}",
                kind_sv(&other)
            ),
        )),
    }
}

/// What a TOML value is, in Swedish ("ett heltal" where toml says "integer").
fn kind_sv(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "en text",
        Value::Integer(_) => "ett heltal",
        Value::Float(_) => "ett decimaltal",
        Value::Boolean(_) => "ett sanningsvärde",
        Value::Datetime(_) => "ett datum eller en tid",
        Value::Array(_) => "en lista",
        Value::Table(_) => "en tabell",
    }
}

/// TOML dates and times are accepted bare (`2021-05-21`) or as strings (`"2021-05-21"`).
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Datetime(dt) => Some(dt.to_string()),
        _ => None,
    }
}

fn date_value(loc: &Locator, key: &str, v: Spanned<Value>) -> Result<Located<Date>, ParseError> {
    let pos = loc.at(v.span());
    let bad = || {
        ParseError::new(
            pos,
            format!("{key}: ogiltigt datum; skriv ÅÅÅÅ-MM-DD, t.ex. {key} = 2021-05-21"),
        )
    };
    let text = text_of(v.get_ref()).ok_or_else(bad)?;
    if !is_iso_date(&text) {
        return Err(bad());
    }
    text.parse::<Date>()
        .map(|d| Located::new(d, pos))
        .map_err(|_| bad())
}

fn time_value(loc: &Locator, key: &str, v: Spanned<Value>) -> Result<Time, ParseError> {
    let pos = loc.at(v.span());
    let bad = || {
        ParseError::new(
            pos,
            format!("{key}: ogiltig tid; skriv TT:MM, t.ex. {key} = 13:00:00 eller {key} = \"13:00\""),
        )
    };
    let text = text_of(v.get_ref()).ok_or_else(bad)?;
    if !text.contains(':') {
        return Err(bad());
    }
    text.parse::<Time>().map_err(|_| bad())
}

fn datetime_value(loc: &Locator, key: &str, v: Spanned<Value>) -> Result<Located<DateTime>, ParseError> {
    let pos = loc.at(v.span());
    let text = text_of(v.get_ref()).unwrap_or_default();
    if text.ends_with('Z') || text.get(19..).is_some_and(|t| t.contains(['+', '-'])) {
        return Err(ParseError::new(
            pos,
            format!("{key}: ange lokal tid i Stockholm utan tidszon, t.ex. {key} = 2021-05-24T09:51:00"),
        ));
    }
    let ok = text.len() >= 16 && text.get(..10).is_some_and(is_iso_date);
    ok.then(|| text.parse::<DateTime>().ok())
        .flatten()
        .map(|dt| Located::new(dt, pos))
        .ok_or_else(|| {
            ParseError::new(
                pos,
                format!(
                    "{key}: ogiltig tidpunkt; skriv ÅÅÅÅ-MM-DDTTT:MM:SS, t.ex. {key} = 2021-05-24T09:51:00"
                ),
            )
        })
}

fn minutes_value(loc: &Locator, m: Spanned<RawMinutes>) -> Result<Minutes, ParseError> {
    let table_pos = loc.at(m.span());
    let m = m.into_inner();
    let status = match m.status {
        Some(s) => Some(string(loc, "minutes.status", s)?),
        None => None,
    };
    match status.as_ref().map(|s| s.value.as_str()) {
        None | Some("pending") => {
            if let Some(href) = m.href {
                return Err(ParseError::new(
                    loc.at(href.span()),
                    "minutes.href kräver status = \"published\"",
                ));
            }
            if let Some(date) = m.date {
                return Err(ParseError::new(
                    loc.at(date.span()),
                    "minutes.date kräver status = \"published\"",
                ));
            }
            Ok(Minutes::Pending)
        }
        Some("published") => {
            let href = m.href.ok_or_else(|| {
                ParseError::new(
                    status.as_ref().map_or(table_pos, |s| s.pos),
                    "publicerade mötesanteckningar behöver en länk: href = \"https://…\"",
                )
            })?;
            let href = string(loc, "minutes.href", href)?.value;
            let date = m
                .date
                .map(|d| date_value(loc, "minutes.date", d))
                .transpose()?
                .map(|d| d.value);
            Ok(Minutes::Published { href, date })
        }
        Some(other) => Err(ParseError::new(
            status.as_ref().map_or(table_pos, |s| s.pos),
            format!("minutes.status \"{other}\" är okänd; skriv \"pending\" eller \"published\""),
        )),
    }
}

/// `YYYY-MM-DD` exactly (jiff alone would also take a date with a time after it).
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// A string as a TOML basic string (quotes and escapes as TOML needs them).
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the front matter (with both `+++` lines) in the canonical key order.
pub fn write(meeting: &samman_domain::Meeting) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&format!("body = {}\n", quoted(&meeting.body)));
    out.push_str(&format!("date = {}\n", meeting.date));
    if let Some(start) = meeting.start {
        out.push_str(&format!("start = {start}\n"));
    }
    if let Some(end) = meeting.end {
        out.push_str(&format!("end = {end}\n"));
    }
    let strings = [
        ("place", &meeting.place),
        ("title", &meeting.title),
        ("lead", &meeting.lead),
    ];
    for (key, value) in strings {
        if let Some(value) = value {
            out.push_str(&format!("{key} = {}\n", quoted(value)));
        }
    }
    if let Some(updated) = meeting.updated {
        out.push_str(&format!("updated = {updated}\n"));
    }
    out.push_str("\n[minutes]\n");
    match &meeting.minutes {
        Minutes::Pending => out.push_str("status = \"pending\"\n"),
        Minutes::Published { href, date } => {
            out.push_str("status = \"published\"\n");
            out.push_str(&format!("href = {}\n", quoted(href)));
            if let Some(date) = date {
                out.push_str(&format!("date = {date}\n"));
            }
        }
    }
    out.push_str("+++\n");
    out
}
