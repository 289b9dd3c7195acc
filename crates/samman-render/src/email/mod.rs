//! Rendition: email (to be written).
