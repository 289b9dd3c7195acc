//! Rendition: html (to be written).
