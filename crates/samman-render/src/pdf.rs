//! Rendition: pdf (to be written).
