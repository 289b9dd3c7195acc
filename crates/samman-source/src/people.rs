//! Presenters (*föredragande*) and positions (*ställningstagande*) as people write them.
//!
//! OWNED BY THE IMPORT WORK (stub: signatures fixed, bodies to be written).

use samman_domain::{Bodies, Position, PositionKind, Presenter};

/// Reads a presenters line (without its label): "Ann-Marie Svensson, VGR och Jeanette Andersson, VästKom"
/// → two people; "Charlotta Wilhelmsson Västkom" → organisation "VästKom"; "Josefin Lantz, kommunikatör
/// vårdsamverkan" → a role. Also reads the canonical form [`write_presenters`] writes.
pub fn parse_presenters(text: &str, bodies: &Bodies) -> Vec<Presenter> {
    let _ = bodies;
    if text.trim().is_empty() {
        return Vec::new();
    }
    vec![Presenter {
        name: text.trim().to_string(),
        organisation: None,
        role: None,
    }]
}

/// The canonical presenters line that [`parse_presenters`] reads back to the same presenters.
pub fn write_presenters(presenters: &[Presenter]) -> String {
    presenters
        .iter()
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a position sentence (without its label); points come separately.
pub fn parse_position(text: &str) -> Position {
    Position {
        kind: PositionKind::infer(text),
        text: text.trim().to_string(),
        points: Vec::new(),
    }
}
