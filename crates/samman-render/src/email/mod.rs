//! Rendition: email (being written).
use samman_domain::{Body, Meeting};
use crate::Options;
pub fn render(meeting: &Meeting, body: &Body, options: &Options, now: jiff::Timestamp) -> Vec<u8> {
    let _ = (meeting, body, options, now);
    Vec::new()
}
