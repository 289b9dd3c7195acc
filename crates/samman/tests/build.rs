//! `samman build` as a user runs it: the site it writes equals, byte for byte, what `samman serve`
//! answers for the same meetings loaded and published; a second build renders nothing again and one
//! changed file renders one meeting; a broken source leaves OUT untouched and names the file; OUT that
//! no build wrote is refused; and the static search works in Chromium, degrading without JavaScript.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use samman_store::Location;

fn samman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("samman: {e}"))
}

fn ok(output: &Output) -> String {
    let err = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{err}");
    err
}

fn meeting(body: &str, date: &str, topic: &str) -> String {
    format!(
        "+++\nbody = \"{body}\"\ndate = {date}\n+++\n\n## {topic}\n\nFöredragande: Anna Berg, VGR\n\n\
         - Läget i arbetet med vården och {topic}.\n\nStällningstagande: SRO noterar informationen\n"
    )
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A folder of sources: the shipped example and a few more meetings.
fn sources(dir: &Path) -> PathBuf {
    let src = dir.join("källor");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sro-2021-05-21.md");
    let text = std::fs::read_to_string(example).unwrap_or_else(|e| panic!("{e}"));
    write(&src.join("sro-2021-05-21.md"), &text);
    write(
        &src.join("2020/a.md"),
        &meeting("sro", "2020-02-14", "Vårdavtalet"),
    );
    write(
        &src.join("2020/b.md"),
        &meeting("sro", "2020-10-02", "Beredskapen"),
    );
    write(
        &src.join("2019/c.md"),
        &meeting("sro", "2019-11-08", "Remisskonferenserna"),
    );
    src
}

/// GET over a plain socket: (status, body bytes). The server answers with a Content-Length.
fn get(addr: SocketAddr, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{addr}: {e}"));
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!(
        !head.to_ascii_lowercase().contains("transfer-encoding: chunked"),
        "{head}"
    );
    (status, raw[(end + 4).min(raw.len())..].to_vec())
}

/// Every file under `dir`, relative, in name order.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or_else(|e| panic!("{e}"));
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

/// The server path a built file answers (`None`: a file of the static site only).
fn served_path(file: &str) -> Option<String> {
    if file.starts_with("sok/") || file.starts_with('.') || file == "404.html" {
        return None;
    }
    if let Some(api) = file.strip_prefix("api/v1/") {
        // The lists are one page holding all on a static site; the bodies and each meeting are the same.
        if api.ends_with("/meetings.json") {
            return None;
        }
        return Some(format!("/api/v1/{}", api.trim_end_matches(".json")));
    }
    Some(match file.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{file}"),
    })
}

/// A temporary folder with the sources and where OUT goes (paths also as strings, for arguments).
struct Setup {
    dir: tempfile::TempDir,
    src: PathBuf,
    out: PathBuf,
    s: String,
    o: String,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = sources(dir.path());
    let out = dir.path().join("webbplats");
    let (s, o) = (
        src.to_string_lossy().to_string(),
        out.to_string_lossy().to_string(),
    );
    Setup { dir, src, out, s, o }
}

#[test]
fn the_built_site_is_the_served_site_byte_for_byte() {
    built_equals_served(None);
}

#[test]
fn with_a_public_address_too() {
    // `build --base-url` and `serve --base-url` (the site's `site_root`): feeds, calendars and the
    // API's JSON link to the public address, and still agree byte for byte.
    built_equals_served(Some("https://moten.example.net"));
}

fn built_equals_served(root: Option<&str>) {
    let Setup { dir, out, s, o, .. } = setup();
    let mut build = vec!["build", &s, "-o", &o];
    build.extend(root.map(|r| ["--base-url", r]).into_iter().flatten());
    let said = ok(&samman(&build));
    assert!(said.contains("4 möten, 4 renderade, 0 oförändrade"), "{said}");
    let feed = std::fs::read_to_string(out.join("sro/flode.atom")).unwrap_or_else(|e| panic!("{e}"));
    match root {
        Some(root) => assert!(feed.contains(&format!("{root}/sro/2021-05-21/")), "{feed}"),
        None => assert!(!feed.contains("moten.example.net"), "{feed}"),
    }
    let data = dir.path().join("data");
    ok(&samman(&["load", &s, "--data", &data.to_string_lossy()]));

    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    let addr = runtime.block_on(async {
        let store = samman_store::open(&Location::Dir(data.clone()))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let bodies = samman_site::load_bodies(None).unwrap_or_else(|e| panic!("{e}"));
        let mut site = samman_site::Site::new(bodies);
        // What `serve --base-url` sets.
        site.options.site_root = root.map(str::to_string);
        let app = samman_server::App::new(store, site);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        tokio::spawn(samman_server::serve(app, listener, std::future::pending()));
        addr
    });
    let built = files(&out);
    let mut compared = 0;
    for file in &built {
        let Some(path) = served_path(file) else {
            continue;
        };
        let (status, body) = get(addr, &path);
        assert_eq!(status, 200, "{path}");
        let local = std::fs::read(out.join(file)).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            local == body,
            "{file} differs from GET {path}:\n{}\n---\n{}",
            String::from_utf8_lossy(&local),
            String::from_utf8_lossy(&body)
        );
        compared += 1;
    }
    // Every kind of file was compared: pages, feeds, calendars, decks, PDFs and the API's JSON.
    for needed in [
        "index.html",
        "kalender.ics",
        "sro/index.html",
        "sro/flode.atom",
        "sro/2021-05-21/index.html",
        "sro/2021-05-21/sammanstallning.pptx",
        "sro/2021-05-21/sammanstallning.pdf",
        "sro/2021-05-21/kalender.ics",
        "api/v1/bodies.json",
        "api/v1/bodies/sro/meetings/2021-05-21.json",
        "api/v1/bodies/sro/meetings.json",
        "404.html",
        "sok/index.html",
        "sok/index.json",
        "sok/sok.js",
    ] {
        assert!(built.iter().any(|f| f == needed), "{needed} not built: {built:?}");
    }
    assert!(compared >= 20, "{compared} files compared");
    // 404.html is the server's 404 page, whatever path was asked for.
    let (status, missing) = get(addr, "/finns/inte/alls");
    assert_eq!(status, 404);
    assert!(std::fs::read(out.join("404.html")).is_ok_and(|b| b == missing));
    // Everything the server answers for the meetings was built: each meeting's downloads.
    for date in ["2021-05-21", "2020-02-14", "2020-10-02", "2019-11-08"] {
        for name in [
            "index.html",
            "sammanstallning.pptx",
            "sammanstallning.pdf",
            "kalender.ics",
        ] {
            assert!(out.join(format!("sro/{date}/{name}")).is_file(), "{date}/{name}");
        }
    }
    runtime.shutdown_background();
}

#[test]
fn incremental_atomic_and_refusing() {
    let Setup { dir, src, out, s, o } = setup();
    let build = |extra: &[&str]| {
        let mut args = vec!["build", s.as_str(), "-o", o.as_str(), "--no-decks", "--no-pdf"];
        args.extend_from_slice(extra);
        samman(&args)
    };
    let first = ok(&build(&[]));
    assert!(first.contains("4 renderade, 0 oförändrade"), "{first}");
    assert!(!out.join("sro/2021-05-21/sammanstallning.pptx").exists());
    assert!(!out.join("sro/2021-05-21/sammanstallning.pdf").exists());
    let again = ok(&build(&[]));
    assert!(again.contains("0 renderade, 4 oförändrade"), "{again}");
    // One changed meeting is rendered again, and only it; its page shows the change.
    write(
        &src.join("2020/a.md"),
        &meeting("sro", "2020-02-14", "Primärvården"),
    );
    let changed = ok(&build(&[]));
    assert!(changed.contains("1 renderade, 3 oförändrade"), "{changed}");
    let page = std::fs::read_to_string(out.join("sro/2020-02-14/index.html")).unwrap_or_default();
    assert!(
        page.contains("Primärvården") && !page.contains("Vårdavtalet"),
        "{page}"
    );
    let api = out.join("api/v1/bodies/sro/meetings/2020-02-14.json");
    let api = std::fs::read_to_string(api).unwrap_or_default();
    assert!(api.contains("Primärvården"), "{api}");
    // A removed meeting is gone from the next site.
    std::fs::remove_file(src.join("2020/b.md")).unwrap_or_else(|e| panic!("{e}"));
    ok(&build(&[]));
    assert!(!out.join("sro/2020-10-02").exists());

    // A broken file: the build fails naming it and why, and OUT is exactly as it was.
    let before: Vec<(String, Vec<u8>)> = files(&out)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap_or_default()))
        .collect();
    write(
        &src.join("trasig.md"),
        "+++\nbody = \"sro\"\ndate = 2021-13-45\n+++\n\n## X\n",
    );
    let failed = build(&[]);
    assert_eq!(failed.status.code(), Some(2));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.contains("trasig.md") && err.contains("OUT lämnades orörd"),
        "{err}"
    );
    let after: Vec<(String, Vec<u8>)> = files(&out)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap_or_default()))
        .collect();
    assert!(before == after, "OUT changed after a failed build");
    // No temporary directory is left beside OUT.
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| {
            e.map(|e| e.file_name().to_string_lossy().to_string())
                .unwrap_or_default()
        })
        .collect();
    assert!(beside.iter().all(|n| !n.contains("bygge")), "{beside:?}");
    std::fs::remove_file(src.join("trasig.md")).unwrap_or_else(|e| panic!("{e}"));
    // A file that reads but has check errors is refused as `load` refuses it: file, line, column, code.
    let unsafe_link = meeting("sro", "2018-03-09", "Länken") + "\n- Se [bilden](javascript:alert(1))\n";
    write(&src.join("farlig.md"), &unsafe_link);
    let refused = build(&[]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{err}");
    assert!(err.contains("farlig.md:") && err.contains("unsafe-link"), "{err}");
    std::fs::remove_file(src.join("farlig.md")).unwrap_or_else(|e| panic!("{e}"));

    // Two files for one meeting are refused, naming both.
    write(&src.join("dubblett.md"), &meeting("sro", "2020-02-14", "Annat"));
    let twice = build(&[]);
    let err = String::from_utf8_lossy(&twice.stderr);
    assert_eq!(twice.status.code(), Some(2), "{err}");
    assert!(err.contains("dubblett.md") && err.contains("a.md"), "{err}");
    std::fs::remove_file(src.join("dubblett.md")).unwrap_or_else(|e| panic!("{e}"));

    // A folder no build wrote is never replaced.
    let foreign = dir.path().join("mina-filer");
    write(&foreign.join("viktig.txt"), "behåll mig");
    let refused = samman(&["build", &s, "-o", &foreign.to_string_lossy()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("inte tom"));
    assert!(foreign.join("viktig.txt").is_file());
}

#[test]
fn the_static_search_works_in_chromium_and_degrades_without_javascript() {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/web");
    let script = tools.join("static-search.mjs");
    let present = tools.join("node_modules/playwright-core").is_dir()
        && Command::new("node").arg("--version").output().is_ok();
    if !present {
        assert!(
            std::env::var("SAMMAN_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "node or tools/web/node_modules is missing and SAMMAN_REQUIRE_TOOLS=1"
        );
        eprintln!("skipping: node or tools/web/node_modules (npm ci in tools/web) is missing");
        return;
    }
    let Setup {
        dir: _dir, out, s, o, ..
    } = setup();
    ok(&samman(&["build", &s, "-o", &o, "--no-decks", "--no-pdf"]));
    let output = Command::new("node")
        .arg(&script)
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("node: {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{said}");
    assert!(said.contains("ok: stemmed hit"), "{said}");
    assert!(said.contains("ok: no hits"), "{said}");
    assert!(said.contains("ok: without javascript"), "{said}");
}

/// Every file under `dir` but the manifest, with its bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .filter(|f| !f.starts_with(".samman-bygge"))
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap_or_default()))
        .collect()
}

/// After any sequence of incremental builds, OUT holds exactly what a first build of the same sources
/// writes: changed, new and removed meetings, a body that appears and disappears (its pages and lists
/// go with it), a page removed by hand, and a change of flags (a whole build again).
#[test]
fn incremental_builds_equal_a_whole_build() {
    let Setup { dir, src, out, s, o } = setup();
    let fresh = dir.path().join("ny");
    let f = fresh.to_string_lossy().to_string();
    let build = |to: &str, extra: &[&str]| {
        let mut args = vec!["build", s.as_str(), "-o", to, "--no-decks", "--no-pdf"];
        args.extend_from_slice(extra);
        ok(&samman(&args))
    };
    let same_as_whole = |why: &str| {
        let _ = std::fs::remove_dir_all(&fresh);
        build(&f, &[]);
        let (built, whole) = (contents(&out), contents(&fresh));
        let names = |c: &[(String, Vec<u8>)]| c.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>();
        assert_eq!(names(&built), names(&whole), "{why}");
        for ((file, a), (_, b)) in built.iter().zip(&whole) {
            assert!(a == b, "{why}: {file} differs from a whole build");
        }
    };
    build(&o, &[]);
    write(
        &src.join("2020/a.md"),
        &meeting("sro", "2020-02-14", "Primärvården"),
    );
    write(&src.join("ny.md"), &meeting("nytt", "2022-01-10", "Nytt organ"));
    std::fs::remove_file(src.join("2019/c.md")).unwrap_or_else(|e| panic!("{e}"));
    let said = build(&o, &[]);
    assert!(said.contains("2 renderade, 2 oförändrade"), "{said}");
    assert!(out.join("nytt/2022-01-10/index.html").is_file());
    assert!(!out.join("sro/2019-11-08").exists());
    same_as_whole("a change, a new body, a removal");

    // The unconfigured body's last meeting goes: its page, feed and list go too.
    std::fs::remove_file(src.join("ny.md")).unwrap_or_else(|e| panic!("{e}"));
    build(&o, &[]);
    assert!(!out.join("nytt").exists(), "the body's directory is left");
    same_as_whole("a body gone");

    // A meeting's page removed by hand is rendered again, not trusted to the manifest.
    std::fs::remove_file(out.join("sro/2020-02-14/index.html")).unwrap_or_else(|e| panic!("{e}"));
    let said = build(&o, &[]);
    assert!(said.contains("1 renderade, 2 oförändrade"), "{said}");
    same_as_whole("a page removed by hand");

    // A manifest naming a path outside OUT is not trusted (a later build removes what it lists): a
    // whole build, and the file outside is left alone.
    let outside = dir.path().join("skydda.txt");
    write(&outside, "behåll mig");
    let manifest = out.join(".samman-bygge.json");
    let mut tampered: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).unwrap_or_default()).unwrap_or_default();
    if let Some(lists) = tampered["lists"].as_array_mut() {
        lists.push("../skydda.txt".into());
    }
    std::fs::write(&manifest, tampered.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let said = build(&o, &[]);
    assert!(said.contains("3 renderade, 0 oförändrade"), "{said}");
    assert!(outside.is_file(), "a file outside OUT was removed");
    same_as_whole("a tampered manifest");

    // Other flags make every file's inputs differ: a whole build, swapped in.
    let said = ok(&samman(&["build", &s, "-o", &o, "--no-pdf"]));
    assert!(said.contains("3 renderade, 0 oförändrade"), "{said}");
    assert!(out.join("sro/2021-05-21/sammanstallning.pptx").is_file());
    let said = build(&o, &[]);
    assert!(said.contains("3 renderade, 0 oförändrade"), "{said}");
    assert!(!out.join("sro/2021-05-21/sammanstallning.pptx").exists());
    same_as_whole("flags changed");
    // Nothing is left beside OUT.
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .collect();
    assert!(beside.iter().all(|n| !n.contains("bygge")), "{beside:?}");
}
