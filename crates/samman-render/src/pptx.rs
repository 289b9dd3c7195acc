//! Rendition: pptx (to be written).
