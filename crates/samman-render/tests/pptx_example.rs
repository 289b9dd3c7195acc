//! Writes the example decks to `$SAMMAN_DECK_DIR` (for looking at them); does nothing otherwise.

mod pptx_support;

#[test]
fn write_example_decks() {
    let Some(dir) = std::env::var_os("SAMMAN_DECK_DIR") else {
        return;
    };
    let body = pptx_support::sro();
    for (name, meeting) in [
        ("sro", pptx_support::sro_meeting()),
        ("long", pptx_support::long_meeting()),
        ("odd", pptx_support::odd_meeting()),
    ] {
        let bytes = samman_render::pptx::render(&meeting, &body).expect("deck");
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.pptx")), bytes).expect("write");
    }
}
