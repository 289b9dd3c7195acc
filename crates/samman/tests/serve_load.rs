//! `samman load` and `samman serve` as a user runs them: a folder with a broken file, a reload that
//! changes nothing, a load killed halfway, the demo, and a graceful stop on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn samman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("samman: {e}"))
}

fn meeting(body: &str, date: &str, topic: &str) -> String {
    format!(
        "+++\nbody = \"{body}\"\ndate = {date}\n+++\n\n## {topic}\n\nFöredragande: Anna Berg, VGR\n\n\
         - Läget i arbetet med {topic}.\n\nStällningstagande: SRO noterar informationen\n"
    )
}

fn write(path: &Path, text: &[u8]) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A running `samman serve`; killed when dropped.
struct Serve {
    child: Child,
    url: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `samman serve ARGS --addr 127.0.0.1:0` and waits for the line with its address.
fn serve(args: &[&str]) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samman"))
        .arg("serve")
        .args(args)
        .args(["--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("samman serve: {e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = String::new();
    let url = loop {
        let Some(Ok(line)) = lines.next() else {
            panic!("samman serve ended before it listened:\n{seen}");
        };
        seen.push_str(&line);
        seen.push('\n');
        if let Some(at) = line.find("http://") {
            let url = line[at..].split_whitespace().next().unwrap_or_default();
            break url.to_string();
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Serve { child, url }
}

/// GET over a plain socket: (status, body).
fn get(url: &str) -> (u16, String) {
    let rest = url.trim_start_matches("http://");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut stream = TcpStream::connect(host).unwrap_or_else(|e| panic!("{host}: {e}"));
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    );
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    let status = raw
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn origin(url: &str) -> String {
    let rest = url.trim_start_matches("http://");
    format!("http://{}", rest.split('/').next().unwrap_or_default())
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn load_stores_a_folder_names_the_broken_file_and_a_reload_changes_nothing() {
    let dir = temp();
    let src = dir.path().join("möten");
    write(
        &src.join("2021/a.md"),
        meeting("sro", "2021-03-12", "Vårdavtalet").as_bytes(),
    );
    write(
        &src.join("2021/b.md"),
        meeting("sro", "2021-04-09", "Elevhälsan").as_bytes(),
    );
    write(
        &src.join("2020/c.md"),
        meeting("sro", "2020-10-02", "Beredskapen").as_bytes(),
    );
    write(
        &src.join("trasig.md"),
        b"+++\nbody = \"sro\"\ndate = 2021-13-45\n+++\n\n## X\n",
    );
    write(&src.join("binar.md"), b"\x00\x01\x02");
    write(&src.join("inte-en-motesfil.txt"), b"ignored: not .md");
    let data = dir.path().join("data");
    let (s, d) = (
        src.to_string_lossy().to_string(),
        data.to_string_lossy().to_string(),
    );

    let first = samman(&["load", &s, "--data", &d]);
    let err = String::from_utf8_lossy(&first.stderr);
    assert_eq!(
        first.status.code(),
        Some(1),
        "a refused file makes exit 1:\n{err}"
    );
    assert!(err.contains("trasig.md") && err.contains("binar.md"), "{err}");
    assert!(err.contains("3 sparade, 0 oförändrade, 2 vägrade"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let again = samman(&["load", &s, "--data", &d]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("0 sparade, 3 oförändrade, 2 vägrade"), "{err}");

    let good = samman(&["load", &src.join("2021").to_string_lossy(), "--data", &d]);
    assert_eq!(
        good.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );

    let server = serve(&["--data", &d]);
    let home = origin(&server.url);
    for (path, status) in [
        ("/sro/2021-03-12/", 200),
        ("/sro/2020-10-02/", 200),
        ("/sro/2021-13-45/", 404),
    ] {
        assert_eq!(get(&format!("{home}{path}")).0, status, "{path}");
    }
}

#[test]
fn a_load_killed_halfway_leaves_whole_meetings_and_finishes_on_the_next_run() {
    let dir = temp();
    let src = dir.path().join("src");
    let start: samman_domain::Date = "2001-01-01".parse().unwrap_or_default();
    let count = 400;
    for i in 0..count {
        let date = start.saturating_add(jiff::Span::new().days(i));
        write(
            &src.join(format!("{date}.md")),
            meeting("sro", &date.to_string(), &format!("Ärende {i}")).as_bytes(),
        );
    }
    let data = dir.path().join("data");
    let (s, d) = (
        src.to_string_lossy().to_string(),
        data.to_string_lossy().to_string(),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(["load", &s, "--data", &d])
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Wait until the database exists and some meetings are in, then SIGKILL.
    let db = data.join("samman.db");
    let started = Instant::now();
    while !db.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();

    let rerun = samman(&["load", &s, "--data", &d]);
    let err = String::from_utf8_lossy(&rerun.stderr).to_string();
    assert_eq!(rerun.status.code(), Some(0), "{err}");
    let numbers: Vec<usize> = err
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .take(2)
        .collect();
    assert_eq!(
        numbers.iter().sum::<usize>(),
        count as usize,
        "every file stored exactly once: {err}"
    );
    let server = serve(&["--data", &d]);
    let home = origin(&server.url);
    let (status, page) = get(&format!("{home}/sro/"));
    assert_eq!(status, 200);
    assert_eq!(
        page.matches("<li><a href=\"20").count(),
        count as usize,
        "every meeting listed once"
    );
}

#[test]
fn serve_demo_shows_the_example_and_stops_on_sigterm() {
    let dir = temp();
    let d = dir.path().join("data").to_string_lossy().to_string();
    let mut server = serve(&["--demo", "--data", &d]);
    assert!(server.url.ends_with("/sro/2021-05-21/"), "{}", server.url);
    let (status, page) = get(&server.url);
    assert_eq!(status, 200);
    assert!(page.contains("Sammanställning från SRO 21 maj 2021"));
    let pid = server.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()));
    let started = Instant::now();
    let code = loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            break status.code();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, Some(0));
}

#[test]
fn serve_without_flags_uses_samman_data_in_the_working_directory() {
    let dir = temp();
    let mut child = Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let mut said = String::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        said.push_str(&line);
        said.push('\n');
        if line.contains("http://") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(said.contains("samman-data"), "{said}");
    assert!(PathBuf::from(dir.path()).join("samman-data/samman.db").exists());
}
