//! What the newsletter's end-to-end tests share: a real SMTP server on loopback (`tools/smtp/sink.py`,
//! aiosmtpd, one JSON file per delivered copy), `samman serve` as a child process, and plain HTTP.

#![allow(dead_code)] // each test file uses its own part

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use samman_store::Location;
use samman_store::newsletter::{NewSubscriber, Subscribed};

/// Whether the SMTP server can run here; without it the test skips, unless `SAMMAN_REQUIRE_TOOLS=1`.
pub fn have_aiosmtpd() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("SAMMAN_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "python3 with aiosmtpd is required (SAMMAN_REQUIRE_TOOLS=1)"
        );
        eprintln!("skipped: python3 with aiosmtpd is not installed");
    }
    ok
}

/// The SMTP server; stopped when dropped.
pub struct Sink {
    child: Child,
    pub port: u16,
    pub dir: PathBuf,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sink {
    /// Starts the server writing to `dir`; `mode` and `first` as `sink.py` takes them.
    pub fn start(dir: &Path, mode: &str, first: usize) -> Sink {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/smtp/sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .args([
                "--dir",
                &dir.display().to_string(),
                "--mode",
                mode,
                "--first",
                &first.to_string(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 tools/smtp/sink.py");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the sink's port");
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the sink said {line:?}"));
        Sink {
            child,
            port,
            dir: dir.to_path_buf(),
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every copy delivered so far.
    pub fn mails(&self) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json")
                && let Ok(text) = std::fs::read_to_string(&path)
                && let Ok(mail) = serde_json::from_str(&text)
            {
                out.push(mail);
            }
        }
        out
    }

    /// The copies delivered to `rcpt`.
    pub fn mails_to(&self, rcpt: &str) -> Vec<serde_json::Value> {
        self.mails().into_iter().filter(|m| m["rcpt"] == rcpt).collect()
    }

    /// Waits until `rcpt` has `count` copies (or panics after `seconds`).
    pub fn wait_for(&self, rcpt: &str, count: usize, seconds: u64) -> Vec<serde_json::Value> {
        let start = Instant::now();
        loop {
            let mails = self.mails_to(rcpt);
            if mails.len() >= count {
                return mails;
            }
            assert!(
                start.elapsed() < Duration::from_secs(seconds),
                "{rcpt} got {} of {count} mails",
                mails.len()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A header of a delivered copy, by case-insensitive name.
pub fn header(mail: &serde_json::Value, name: &str) -> Option<String> {
    mail["headers"].as_object()?.iter().find_map(|(k, v)| {
        k.eq_ignore_ascii_case(name)
            .then(|| v.as_str().unwrap_or_default().to_string())
    })
}

/// A running `samman serve`; killed (SIGKILL) when dropped.
pub struct Serve {
    pub child: Child,
    pub url: String,
    pub log: Arc<Mutex<String>>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// Starts `samman serve ARGS --addr 127.0.0.1:0` with `env`, and waits until it listens.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samman"))
            .arg("serve")
            .args(args)
            .args(["--addr", "127.0.0.1:0"])
            .envs(env.iter().copied())
            .env_remove("SAMMAN_SMTP_URL")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("samman serve");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut seen = String::new();
        let url = loop {
            let Some(Ok(line)) = lines.next() else {
                panic!("samman serve ended before it listened:\n{seen}");
            };
            seen.push_str(&line);
            seen.push('\n');
            if let Some(rest) = line.split("igång på ").nth(1) {
                let url = rest.split_whitespace().next().unwrap_or_default();
                let origin = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
                break origin;
            }
        };
        // Keep reading its log, so a full pipe never stops the server.
        let log = Arc::new(Mutex::new(seen));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if let Ok(mut log) = sink.lock() {
                    log.push_str(&line);
                    log.push('\n');
                }
            }
        });
        Serve { child, url, log }
    }
}

/// Runs `samman ARGS` with `env`.
pub fn samman(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("samman")
}

/// An HTTP answer: status, headers (lower-case names), body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request to an absolute `url` (http://host:port/path?query); `form` is sent urlencoded.
pub fn http(method: &str, url: &str, form: Option<&str>) -> Reply {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut stream = TcpStream::connect(host).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let body = form.unwrap_or("");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    if form.is_some() {
        request.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut content = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        content = dechunk(&content);
    }
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&content).to_string(),
    }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&rest[end + 2..end + 2 + size]);
        rest = &rest[end + 2 + size + 2..];
    }
    out
}

/// `text` percent-encoded for a form field.
pub fn form_value(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The first `http://…` link in `text` that contains `part`.
pub fn link(text: &str, part: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        .find(|w| w.starts_with("http://") && w.contains(part))
        .map(str::to_string)
}

/// A meeting of SRO on `date` about `topic`, in the source format.
pub fn meeting(date: &str, topic: &str) -> String {
    format!(
        "+++\nbody = \"sro\"\ndate = {date}\n+++\n\n## {topic}\n\nFöredragande: Anna Berg, VGR\n\n\
         - Läget i arbetet med {topic}.\n\nStällningstagande: SRO noterar informationen\n"
    )
}

/// Confirmed subscribers written straight into the store (as many as a test needs, without the form).
pub fn confirmed_subscribers(location: &Location, count: usize) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = samman_store::open(location).await.unwrap();
        let now = jiff::Timestamp::now().as_second();
        for i in 0..count {
            let address = format!("p{i}@example.org");
            let new = NewSubscriber {
                list: "sro".into(),
                address: address.clone(),
                address_hash: format!("hash-{address}"),
                token_hash: "t".into(),
                token_expires: now + 3600,
                consent_version: "test".into(),
                consent_source: "test".into(),
                now,
            };
            let Ok(Subscribed::Pending { id }) = store.newsletter().subscribe(new).await else {
                panic!("subscribe");
            };
            store.newsletter().confirm(id, "t", now).await.unwrap().unwrap();
        }
    });
}
