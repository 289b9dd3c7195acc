//! Swedish phrases every rendition shares: presenters, event times, endorsed points.

use samman_domain::{Event, Presenter, swedish};

/// "Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom".
pub fn presenters(presenters: &[Presenter]) -> String {
    let each: Vec<String> = presenters.iter().map(presenter).collect();
    match each.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        // With three or more, commas inside "name, organisation" would blur who is who: use semicolons.
        [rest @ .., last] if rest.len() > 1 && each.iter().any(|p| p.contains(", ")) => {
            format!("{} och {last}", rest.join("; "))
        }
        [rest @ .., last] => format!("{} och {last}", rest.join(", ")),
    }
}

/// "Josefin Lantz, kommunikatör vårdsamverkan" or "Jan Kilhamn, VGR".
pub fn presenter(p: &Presenter) -> String {
    let mut parts = vec![p.name.trim()];
    parts.extend(p.role.as_deref().map(str::trim));
    parts.extend(p.organisation.as_deref().map(str::trim));
    parts.retain(|s| !s.is_empty());
    parts.join(", ")
}

/// "16 september 2021 kl. 14.00–15.30" (end on another day: "… – 17 september 2021 kl. 12.00").
pub fn event_when(e: &Event) -> String {
    let start = format!(
        "{} kl. {}",
        swedish::date(e.start.date()),
        swedish::time(e.start.time())
    );
    match e.end {
        Some(end) if end.date() == e.start.date() => format!("{start}–{}", swedish::time(end.time())),
        Some(end) => format!(
            "{start} – {} kl. {}",
            swedish::date(end.date()),
            swedish::time(end.time())
        ),
        None => start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::Date;

    #[test]
    fn presenters_read_as_a_sentence() {
        let a = Presenter::person("Ann-Marie Svensson", Some("VGR"));
        let b = Presenter::person("Jeanette Andersson", Some("VästKom"));
        let c = Presenter {
            name: "Josefin Lantz".into(),
            organisation: None,
            role: Some("kommunikatör vårdsamverkan".into()),
        };
        assert_eq!(presenters(&[]), "");
        assert_eq!(
            presenters(std::slice::from_ref(&c)),
            "Josefin Lantz, kommunikatör vårdsamverkan"
        );
        assert_eq!(
            presenters(&[a, b, c]),
            "Ann-Marie Svensson, VGR; Jeanette Andersson, VästKom och Josefin Lantz, kommunikatör vårdsamverkan"
        );
    }

    #[test]
    fn event_times_are_swedish() {
        let d = Date::constant(2021, 9, 16);
        let e = Event {
            start: d.at(14, 0, 0, 0),
            end: Some(d.at(15, 30, 0, 0)),
            summary: "Remisskonferens".into(),
        };
        assert_eq!(event_when(&e), "16 september 2021 kl. 14.00–15.30");
    }
}
