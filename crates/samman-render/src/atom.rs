//! Rendition: atom (being written).
use samman_domain::{Body, Meeting};
use crate::Options;
pub fn render(meetings: &[&Meeting], body: &Body, options: &Options) -> String {
    let _ = (meetings, body, options);
    String::new()
}
