//! Rendering meetings to PDF: every test meeting renders, the output is deterministic, and the view the
//! template walks (dates, presenters, safe links) is snapshot-tested.

mod common;

use std::path::PathBuf;

use samman_domain::Body;

/// Where rendered PDFs are left for a human to look at (`pdftoppm -png -r 60 FILE out`).
fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("samman-pdf");
    std::fs::create_dir_all(&dir).expect("create the output folder");
    dir
}

fn render_to(name: &str, meeting: &samman_domain::Meeting, body: &Body) -> Vec<u8> {
    let bytes = samman_pdf::render(meeting, body, &samman_render::Options::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(bytes.starts_with(b"%PDF-"), "{name}: not a PDF");
    std::fs::write(out_dir().join(format!("{name}.pdf")), &bytes).expect("write the PDF");
    bytes
}

#[test]
fn sro_meeting_renders_deterministically() {
    let body = common::sro_body();
    let meeting = common::sro_meeting();
    let first = render_to("sro", &meeting, &body);
    let second =
        samman_pdf::render(&meeting, &body, &samman_render::Options::default()).expect("second render");
    assert!(first == second, "two renders of one meeting differ");
    // A change in the record changes the document.
    let mut changed = meeting.clone();
    changed.items[0].title.push('!');
    assert!(
        samman_pdf::render(&changed, &body, &samman_render::Options::default()).expect("render") != first
    );
}

#[test]
fn forty_bullets_span_pages() {
    let (meeting, body) = common::forty_bullets();
    let bytes = render_to("forty", &meeting, &body);
    let again =
        samman_pdf::render(&meeting, &body, &samman_render::Options::default()).expect("second render");
    assert!(bytes == again, "two renders differ");
}

#[test]
fn hostile_text_renders_as_text() {
    let body = common::sro_body();
    let bytes = render_to("hostile", &common::hostile(), &body);
    // The injected `#set page(paper: "a5")` must not have taken effect; the A4 MediaBox is 595 x 842 pt.
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/MediaBox [0 0 595.2756 841.8898]") || text.contains("595.27"),
        "not A4"
    );
    // The javascript: link never becomes a link action.
    assert!(
        !text.to_ascii_lowercase().contains("javascript"),
        "unsafe link kept"
    );
}

#[test]
fn renders_in_parallel_threads_give_the_same_bytes() {
    // The web server and the static build render from many threads through one shared typst engine.
    let body = common::sro_body();
    let meeting = common::sro_meeting();
    let expected = samman_pdf::render(&meeting, &body, &samman_render::Options::default()).expect("render");
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    samman_pdf::render(&meeting, &body, &samman_render::Options::default())
                        .expect("render in a thread")
                })
            })
            .collect();
        for handle in handles {
            assert!(
                handle.join().expect("thread") == expected,
                "a thread rendered other bytes"
            );
        }
    });
}

#[test]
fn fixture_facts_come_from_the_seeds() {
    // The SRO fixture is written in our own words but its facts (titles, names) must match the seeds.
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(page) = std::fs::read_to_string(seeds.join("004_7e364ce69367e699.txt")) else {
        eprintln!("skipping: seeds not found at {}", seeds.display());
        return;
    };
    let meeting = common::sro_meeting();
    for item in &meeting.items {
        for p in &item.presenters {
            assert!(
                page.contains(&p.name),
                "presenter {:?} is not in the seed",
                p.name
            );
        }
        if let Some(position) = &item.position {
            assert!(
                page.contains(&position.text),
                "position {:?} is not in the seed",
                position.text
            );
        }
    }
    assert!(page.contains("2021-05-24 09:51"));
}

#[test]
fn empty_meeting_renders() {
    let body = Body::named("x", "X", "Ett organ utan konfiguration");
    let meeting = samman_domain::Meeting::new("x", samman_domain::Date::constant(2023, 1, 1));
    render_to("empty", &meeting, &body);
}

#[test]
fn sro_view_snapshot() {
    let view = samman_pdf::view(
        &common::sro_meeting(),
        &common::sro_body(),
        &samman_render::Options::default(),
    );
    insta::assert_json_snapshot!("sro_view", view);
}

/// Prints the time one render of the SRO meeting takes (run with `--release --ignored --nocapture`).
#[test]
#[ignore = "timing, not a check"]
fn render_time() {
    let body = common::sro_body();
    let meeting = common::sro_meeting();
    // The first render parses the fonts and template; report it separately.
    let start = std::time::Instant::now();
    samman_pdf::render(&meeting, &body, &samman_render::Options::default()).expect("render");
    let first = start.elapsed();
    let runs = 20;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        samman_pdf::render(&meeting, &body, &samman_render::Options::default()).expect("render");
    }
    let each = start.elapsed() / runs;
    println!("first render {first:?}, then {each:?} per render ({runs} runs)");
}
