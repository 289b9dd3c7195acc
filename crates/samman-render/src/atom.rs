//! Rendition: atom (to be written).
