//! Rendition: ics (being written).
use samman_domain::{Body, Meeting};
use crate::Options;
pub fn render(meetings: &[(&Meeting, &Body)], options: &Options) -> String {
    let _ = (meetings, options);
    String::new()
}
