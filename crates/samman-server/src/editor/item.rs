//! `/redaktor/{body}/{date}/punkt/{n}`: one item as a form — title, presenters (a person with an
//! organisation picked from the body's members, or a free role), content, timeline, events, position
//! (kind, text, points) and detail slides. `n` one past the last item adds an item.
//!
//! The form ↔ record mapping goes through the source format both ways, so it round-trips by the format's
//! own guarantee (`parse(write(m)) == m`): a field's text is what the canonical writer writes for that
//! part of the item, and a posted form is put together as the item's source text and parsed by the same
//! reader as the "källtext" view — a problem is reported with the field it is in. The meeting is then
//! saved in the canonical form (as `samman fmt` writes it).

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use samman_domain::{Body, Item, Meeting, PositionKind, Presenter};
use samman_store::{AuditEntry, NewRevision, Saved, StoreError, StoredMeeting};

use super::auth::Signed;
use super::edit::{open, open_for_post};
use super::page::{self, Frame};
use super::paths;
use crate::App;

/// Blank presenter rows offered besides the item's own.
const SPARE_ROWS: usize = 2;
/// The most presenter rows a post is read for.
const MAX_ROWS: usize = 30;

#[derive(Debug, Default, Clone)]
pub struct PresenterRow {
    pub name: String,
    pub organisation: String,
    pub role: String,
}

#[derive(Debug, Template)]
#[template(path = "editor/item.html")]
struct ItemPage {
    signed_in: Option<String>,
    csrf: String,
    body: String,
    date: samman_domain::Date,
    meeting_title: String,
    number: usize,
    is_new: bool,
    revision: i64,
    organisations: Vec<String>,
    fields: Fields,
    error: Option<String>,
}

/// The form's fields as text.
#[derive(Debug, Default, Clone)]
pub struct Fields {
    pub title: String,
    pub presenters: Vec<PresenterRow>,
    pub content: String,
    pub timeline: String,
    pub events: String,
    /// "" (none), "auto", or the writer's kind word: "noterar", "bakom", "beslut", "annat".
    pub kind: String,
    pub position: String,
    pub points: String,
    pub slides: String,
}

/// The item's form.
pub async fn form(
    State(app): State<App>,
    Path((id, date, number)): Path<(String, String, usize)>,
    signed: Signed,
) -> Response {
    let (body, stored) = match open(&app, &signed, &id, &date).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let Some(fields) = fields_of(&stored.meeting, number) else {
        return page::not_found(Frame::of(&signed));
    };
    let page = item_page(&signed, &body, &stored, number, stored.revision, fields, None);
    page::html(StatusCode::OK, &page)
}

fn item_page(
    signed: &Signed,
    body: &Body,
    stored: &StoredMeeting,
    number: usize,
    revision: i64,
    mut fields: Fields,
    error: Option<String>,
) -> ItemPage {
    fields
        .presenters
        .extend(std::iter::repeat_n(PresenterRow::default(), SPARE_ROWS));
    let frame = Frame::of(signed);
    ItemPage {
        signed_in: frame.signed_in,
        csrf: frame.csrf,
        body: body.id.clone(),
        date: stored.date,
        meeting_title: stored
            .meeting
            .title
            .clone()
            .unwrap_or_else(|| Meeting::derived_title(body, stored.date)),
        number,
        is_new: number == stored.meeting.items.len() + 1,
        revision,
        organisations: body.organisations.iter().map(|o| o.name.clone()).collect(),
        fields,
        error,
    }
}

/// The fields of item `number` (1-based); empty ones one past the last; `None` beyond.
pub fn fields_of(meeting: &Meeting, number: usize) -> Option<Fields> {
    if number == meeting.items.len() + 1 {
        return Some(Fields::default());
    }
    let item = meeting.items.get(number.checked_sub(1)?)?;
    let part = |only: Item| written(meeting, only);
    let position = item.position.as_ref();
    Some(Fields {
        title: item.title.clone(),
        presenters: item
            .presenters
            .iter()
            .map(|p| PresenterRow {
                name: p.name.clone(),
                organisation: p.organisation.clone().unwrap_or_default(),
                role: p.role.clone().unwrap_or_default(),
            })
            .collect(),
        content: part(Item {
            content: item.content.clone(),
            ..Item::default()
        }),
        timeline: entries(&part(Item {
            timeline: item.timeline.clone(),
            ..Item::default()
        })),
        events: entries(&part(Item {
            events: item.events.clone(),
            ..Item::default()
        })),
        kind: position.map_or(String::new(), |p| kind_word(p.kind).to_string()),
        position: position.map_or(String::new(), |p| p.text.clone()),
        points: position.map_or(String::new(), |p| p.points.join("\n")),
        slides: part(Item {
            slides: item.slides.clone(),
            ..Item::default()
        }),
    })
}

/// What the canonical writer writes for an item with only one part, without its heading.
fn written(meeting: &Meeting, only: Item) -> String {
    let mut stub = Meeting::new(meeting.body.clone(), meeting.date);
    stub.items = vec![only];
    let text = samman_source::format::write(&stub);
    let after = text.find("\n##\n").map_or("", |at| &text[at + "\n##\n".len()..]);
    after.trim().to_string()
}

/// A labelled list ("Tidsplan:\n- a\n- b") as one entry per line.
fn entries(list: &str) -> String {
    list.lines()
        .skip(1)
        .map(|l| l.strip_prefix("- ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn kind_word(kind: PositionKind) -> &'static str {
    match kind {
        PositionKind::Noted => "noterar",
        PositionKind::Endorsed => "bakom",
        PositionKind::Decided => "beslut",
        PositionKind::Other => "annat",
    }
}

/// What a post to an item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Save,
    Remove,
    /// Swap with the item before (`true`) or after.
    Move {
        up: bool,
    },
}

/// The posted fields, by name (repeated presenter rows are `name0`, `org0`, `role0`, …).
fn posted(pairs: &[(String, String)]) -> (Fields, String, i64, Action) {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.replace("\r\n", "\n"))
            .unwrap_or_default()
    };
    let presenters = (0..MAX_ROWS)
        .map(|i| PresenterRow {
            name: get(&format!("name{i}")).trim().to_string(),
            organisation: get(&format!("org{i}")).trim().to_string(),
            role: get(&format!("role{i}")).trim().to_string(),
        })
        .filter(|r| !(r.name.is_empty() && r.organisation.is_empty() && r.role.is_empty()))
        .collect();
    let fields = Fields {
        title: get("title").trim().to_string(),
        presenters,
        content: get("content"),
        timeline: get("timeline"),
        events: get("events"),
        kind: get("kind"),
        position: get("position").trim().to_string(),
        points: get("points"),
        slides: get("slides"),
    };
    let revision = get("revision").trim().parse().unwrap_or(0);
    let action = match (get("remove").is_empty(), get("move").as_str()) {
        (false, _) => Action::Remove,
        (true, "upp") => Action::Move { up: true },
        (true, "ned") => Action::Move { up: false },
        _ => Action::Save,
    };
    (fields, get("csrf"), revision, action)
}

/// The item the fields describe, read by the source format's reader; a Swedish message naming the
/// field when it cannot be.
pub fn item_from(meeting: &Meeting, fields: &Fields, bodies: &samman_domain::Bodies) -> Result<Item, String> {
    if fields.title.is_empty() {
        return Err("Rubrik: punkten behöver en rubrik.".into());
    }
    let heading = {
        let mut stub = Meeting::new(meeting.body.clone(), meeting.date);
        stub.items = vec![Item {
            title: fields.title.replace('\n', " "),
            ..Item::default()
        }];
        let text = samman_source::format::write(&stub);
        text.lines()
            .find(|l| l.starts_with("## "))
            .unwrap_or("##")
            .to_string()
    };
    let mut front = Meeting::new(meeting.body.clone(), meeting.date);
    front.title = meeting.title.clone();
    let mut text = samman_source::format::write(&front);
    // (first line of the part, its field's label), to name the field a problem is in.
    let mut parts: Vec<(usize, &str)> = Vec::new();
    let mut push = |text: &mut String, label: &'static str, part: &str| {
        let part = part.trim();
        if part.is_empty() {
            return;
        }
        text.push('\n');
        parts.push((text.lines().count() + 1, label));
        text.push_str(part);
        text.push('\n');
    };
    push(&mut text, "Rubrik", &heading);
    let presenters: Vec<Presenter> = fields
        .presenters
        .iter()
        .map(|r| Presenter {
            name: r.name.clone(),
            organisation: Some(r.organisation.clone()).filter(|o| !o.is_empty()),
            role: Some(r.role.clone()).filter(|o| !o.is_empty()),
        })
        .collect();
    if !presenters.is_empty() {
        let line = format!(
            "Föredragande: {}",
            samman_source::people::write_presenters(&presenters)
        );
        push(&mut text, "Föredragande", &line);
    }
    push(&mut text, "Innehåll", &fields.content);
    push(&mut text, "Tidsplan", &labelled("Tidsplan:", &fields.timeline));
    push(&mut text, "Händelser", &labelled("Händelser:", &fields.events));
    if !fields.kind.is_empty() || !fields.position.is_empty() {
        let label = match fields.kind.as_str() {
            "" | "auto" => "Ställningstagande:".to_string(),
            word => format!("Ställningstagande ({word}):"),
        };
        let line = format!("{label} {}", fields.position.replace('\n', " "));
        push(
            &mut text,
            "Ställningstagande",
            &labelled(line.trim_end(), &fields.points),
        );
    }
    push(&mut text, "Bilder till punkten", &fields.slides);
    let parsed = samman_source::format::parse_meeting(&text, bodies).map_err(|e| {
        let field = parts
            .iter()
            .rev()
            .find(|(first, _)| *first <= e.pos.line)
            .map_or("Punkten", |(_, label)| label);
        format!("{field}: {}", e.message)
    })?;
    match parsed.items.as_slice() {
        [item] => Ok(item.clone()),
        _ => Err(
            "Innehåll och Bilder till punkten: en rubrik på nivå två (##) skulle starta en ny punkt; \
                  använd ### för en bild."
                .into(),
        ),
    }
}

/// A label line with one list entry per non-empty line of `lines` ("" when there are none and the
/// label alone would say nothing).
fn labelled(label: &str, lines: &str) -> String {
    let entries: Vec<&str> = lines.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if entries.is_empty() && label.ends_with(':') && !label.starts_with("Ställningstagande") {
        return String::new();
    }
    let mut out = label.to_string();
    for entry in entries {
        out.push_str("\n- ");
        out.push_str(entry);
    }
    out
}

/// Saves the item (or adds it, removes it with "Ta bort punkten", or moves it up or down a place).
pub async fn save(
    State(app): State<App>,
    Path((id, date, number)): Path<(String, String, usize)>,
    signed: Signed,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (fields, token, revision, action) = posted(&pairs);
    let (body, stored) = match open_for_post(&app, &signed, &id, &date, &token).await {
        Ok(found) => found,
        Err(answer) => return *answer,
    };
    let count = stored.meeting.items.len();
    let target = match action {
        Action::Move { up: true } => number.checked_sub(1),
        Action::Move { up: false } => Some(number + 1),
        _ => Some(number),
    };
    let exists = |n: usize| (1..=count).contains(&n);
    let fits = match action {
        Action::Save => (1..=count + 1).contains(&number),
        _ => exists(number) && target.is_some_and(exists),
    };
    if !fits {
        return page::not_found(Frame::of(&signed));
    }
    let again = |error: String, status: StatusCode, revision: i64| {
        let page = item_page(
            &signed,
            &body,
            &stored,
            number,
            revision,
            fields.clone(),
            Some(error),
        );
        page::html(status, &page)
    };
    let mut meeting = stored.meeting.clone();
    let action = if action == Action::Remove {
        meeting.items.remove(number - 1);
        "remove-item"
    } else if let (Action::Move { .. }, Some(other)) = (action, target) {
        meeting.items.swap(number - 1, other - 1);
        "move-item"
    } else {
        let item = match item_from(&meeting, &fields, &app.site.bodies) {
            Ok(item) => item,
            Err(message) => {
                return again(
                    format!("Inget sparades. {message}"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                    revision,
                );
            }
        };
        if number > count {
            meeting.items.push(item);
        } else {
            meeting.items[number - 1] = item;
        }
        "save-item"
    };
    let audit = AuditEntry::new(signed.email(), action)
        .about(&body.id, stored.date)
        .detail(Some(format!("punkt {number}")));
    match save_record(&app, &signed, &stored, meeting, revision, audit).await {
        Ok(_) => page::see_other(&paths::meeting(&body.id, stored.date)),
        Err(StoreError::Conflict { current }) => again(
            format!(
                "Inget sparades: någon annan har sparat mötet (nu version {current}) sedan du öppnade det. \
                 Det du skrev finns kvar nedan; sparar du igen ersätter det punkten i den sparade versionen."
            ),
            StatusCode::CONFLICT,
            current,
        ),
        Err(StoreError::Invalid(message)) => again(
            format!("Inget sparades: {message}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            revision,
        ),
        Err(e) => page::store_failed(&e),
    }
}

/// Saves `meeting` — the stored one with a part changed — in the canonical source form, in its current
/// state, if the meeting is still at `revision`; with its audit row.
pub async fn save_record(
    app: &App,
    signed: &Signed,
    stored: &StoredMeeting,
    meeting: Meeting,
    revision: i64,
    audit: AuditEntry,
) -> Result<Saved, StoreError> {
    let new = record_revision(signed, stored, meeting, revision);
    app.store.editor().save_audited(new, audit).await
}

/// The revision that stores `meeting` (the stored one with a part changed) in the canonical source
/// form, in its current state, if the meeting is still at `revision`.
pub fn record_revision(
    signed: &Signed,
    stored: &StoredMeeting,
    meeting: Meeting,
    revision: i64,
) -> NewRevision {
    NewRevision {
        body: stored.body.clone(),
        date: stored.date,
        source: samman_source::format::write(&meeting),
        meeting,
        author: Some(signed.email().to_string()),
        note: None,
        state: stored.state,
        publish_at: stored.publish_at,
        expected_revision: Some(revision),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Meeting {
        let text = include_str!("../../../../examples/sro-2021-05-21.md");
        let bodies = samman_site::load_bodies(None).unwrap_or_else(|e| panic!("{e}"));
        samman_source::format::parse_meeting(text, &bodies).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_item_of_the_example_round_trips_through_its_form() {
        let meeting = example();
        let bodies = samman_site::load_bodies(None).unwrap_or_else(|e| panic!("{e}"));
        assert!(!meeting.items.is_empty());
        for (i, item) in meeting.items.iter().enumerate() {
            let fields = fields_of(&meeting, i + 1).unwrap_or_default();
            let back =
                item_from(&meeting, &fields, &bodies).unwrap_or_else(|e| panic!("item {}: {e}", i + 1));
            assert_eq!(&back, item, "item {} changed on the way through its form", i + 1);
        }
    }
}
