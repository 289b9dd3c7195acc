//! Rendition: ics (to be written).
