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
        let bytes =
            samman_render::pptx::render(&meeting, &body, &samman_render::Options::default()).expect("deck");
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.pptx")), bytes).expect("write");
    }
}

#[test]
fn print_fill() {
    if std::env::var_os("SAMMAN_DECK_DIR").is_none() {
        return;
    }
    let body = pptx_support::sro();
    for (title, used, area) in samman_render::pptx::slide_fill(&pptx_support::sro_meeting(), &body) {
        println!(
            "{used:>8} / {area} ({:.0} %) {title}",
            used as f64 * 100.0 / area as f64
        );
    }
}

#[test]
fn write_logo_deck() {
    let Some(dir) = std::env::var_os("SAMMAN_DECK_DIR") else {
        return;
    };
    let mut body = pptx_support::sro();
    body.theme.logo_alt = Some("SRO:s logotyp".into());
    let png = pptx_support::tiny_png();
    let bytes = samman_render::pptx::render_with_logo(
        &pptx_support::odd_meeting(),
        &body,
        &samman_render::Options::default(),
        Some(&png),
    )
    .expect("deck");
    std::fs::write(std::path::Path::new(&dir).join("logo.pptx"), bytes).expect("write");
}

#[test]
fn time_the_example_deck() {
    if std::env::var_os("SAMMAN_DECK_DIR").is_none() {
        return;
    }
    let body = pptx_support::sro();
    let meeting = pptx_support::sro_meeting();
    let start = std::time::Instant::now();
    for _ in 0..10 {
        samman_render::pptx::render(&meeting, &body, &samman_render::Options::default()).expect("deck");
    }
    println!("one SRO deck: {:?}", start.elapsed() / 10);
}
