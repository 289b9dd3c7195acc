//! `samman user add|list|remove` through the binary, as an administrator uses it: the password from
//! standard input (never echoed back), clear Swedish refusals, and `serve --demo`'s editor account that
//! signs in with the password it prints.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Output, Stdio};

const PASSWORD: &str = "ett långt lösenord";

fn user(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samman"))
        .arg("user")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("samman user: {e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn accounts_are_added_listed_and_removed_without_showing_the_password() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().to_string_lossy().to_string();
    let at = ["--data", data.as_str()];

    let added = user(
        &[
            &["add", "Anna@Example.se", "--role", "editor", "--body", "sro"][..],
            &at,
        ]
        .concat(),
        &format!("{PASSWORD}\n"),
    );
    assert!(added.status.success(), "{}", text(&added));
    assert!(text(&added).contains("anna@example.se (editor) är skapat"));
    assert!(!text(&added).contains(PASSWORD), "the password is never shown");
    let admin = user(
        &[&["add", "admin@example.se", "--role", "admin"][..], &at].concat(),
        PASSWORD,
    );
    assert!(admin.status.success(), "{}", text(&admin));

    for (args, stdin, want) in [
        (
            vec!["add", "anna@example.se", "--role", "admin"],
            PASSWORD,
            "finns redan ett konto",
        ),
        (
            vec!["add", "per@example.se", "--role", "editor"],
            PASSWORD,
            "minst ett organ",
        ),
        (
            vec!["add", "per@example.se", "--role", "editor", "--body", "okänd"],
            PASSWORD,
            "--body okänd: inget sådant organ",
        ),
        (
            vec!["add", "per@example.se", "--role", "admin"],
            "kort\n",
            "minst 10 tecken",
        ),
        (
            vec!["add", "per@example.se", "--role", "admin"],
            "",
            "inget lösenord",
        ),
    ] {
        let refused = user(&[&args[..], &at].concat(), stdin);
        assert!(!refused.status.success(), "{args:?} was accepted");
        assert!(text(&refused).contains(want), "{args:?}: {}", text(&refused));
    }

    let listed = user(&[&["list"][..], &at].concat(), "");
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout),
        "admin@example.se\tadmin\t\nanna@example.se\teditor\tsro\n"
    );
    let removed = user(&[&["remove", "anna@example.se"][..], &at].concat(), "");
    assert!(removed.status.success(), "{}", text(&removed));
    let again = user(&[&["remove", "anna@example.se"][..], &at].concat(), "");
    assert!(!again.status.success());
    assert!(text(&again).contains("inget konto för anna@example.se"));
}

#[test]
fn serve_demo_prints_an_editor_that_signs_in() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_samman"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("samman serve: {e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = String::new();
    let line = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            panic!("no editor line:\n{seen}");
        };
        seen.push_str(&line);
        seen.push('\n');
        if line.contains("/redaktor/") {
            break line;
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let words: Vec<&str> = line.split_whitespace().collect();
    let after = |w: &str| {
        words
            .iter()
            .position(|x| *x == w)
            .and_then(|i| words.get(i + 1))
            .copied()
    };
    let url = words
        .iter()
        .find(|w| w.starts_with("http://"))
        .copied()
        .unwrap_or_default();
    let (email, password) = (
        after("e-post").unwrap_or_default(),
        after("lösenord").unwrap_or_default(),
    );
    let host = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let body = format!("email={}&password={password}", email.replace('@', "%40"));
    let mut stream = TcpStream::connect(&host).unwrap_or_else(|e| panic!("{host}: {e}"));
    let _ = write!(
        stream,
        "POST /redaktor/logga-in HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    let _ = child.kill();
    let _ = child.wait();
    assert!(raw.starts_with("HTTP/1.1 303"), "{line}\n{raw}");
    assert!(raw.contains("samman_redaktor="), "{raw}");
}
