//! Exactly once across crashes: a campaign to 1,000 subscribers while `samman serve --smtp` is killed
//! with SIGKILL at a dozen moments and restarted; then the same with two nodes on one PostgreSQL, killed
//! in turn. Counted per recipient at a real SMTP server on loopback.
//!
//! What is asserted is what `docs/newsletter.md` promises: every confirmed subscriber gets the mail; every
//! copy a recipient gets carries the same Message-ID (so a second copy can only be the one message a
//! crash caught between the server's "250 OK" and our record of it, which receivers drop by its ID);
//! and such copies are at most the mails in flight at each kill. The count of those copies is printed.

mod newsletter_support;

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, Instant};

use newsletter_support::{Serve, Sink, confirmed_subscribers, have_aiosmtpd, header, meeting, samman};
use samman_store::Location;

const SUBSCRIBERS: usize = 1_000;
const KILLS: usize = 12;
/// `--smtp-concurrency` of every node (the most mails one kill can catch in flight).
const CONCURRENCY: usize = 8;
const SECRET: &str = "en delad hemlighet för testets två noder, lång nog";

/// The pause before kill `k`: spread over 0.35–0.95 s so the kills land at different moments.
fn pause(k: usize) -> Duration {
    Duration::from_millis(350 + (k as u64 * 211) % 600)
}

fn node_args<'a>(location: &'a [&'a str], smtp: &'a str, rate: &'a str) -> Vec<&'a str> {
    let mut args = location.to_vec();
    args.extend([
        "--smtp",
        smtp,
        "--smtp-rate",
        rate,
        "--smtp-timeout",
        "1",
        "--smtp-concurrency",
        "8",
    ]);
    args
}

/// Waits until no mail is pending (leases of killed nodes run out within 10 s).
fn wait_until_sent(location: &[&str], env: &[(&str, &str)]) {
    let start = Instant::now();
    loop {
        let mut args = vec!["newsletter", "status"];
        args.extend(location);
        let status = String::from_utf8_lossy(&samman(&args, env).stdout).to_string();
        if status.contains("Inga utskick pågår") {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "not done:\n{status}");
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// Checks the copies at the server, and returns how many were second copies.
fn count(sink: &Sink) -> usize {
    let mut per: HashMap<String, Vec<String>> = HashMap::new();
    for mail in sink.mails() {
        per.entry(mail["rcpt"].as_str().unwrap().to_string())
            .or_default()
            .push(header(&mail, "Message-ID").unwrap());
    }
    assert_eq!(per.len(), SUBSCRIBERS, "every confirmed subscriber got the mail");
    let mut doubled = 0;
    for (rcpt, ids) in &per {
        assert!(
            ids.iter().all(|id| id == &ids[0]),
            "{rcpt} got different messages: {ids:?}"
        );
        doubled += ids.len() - 1;
    }
    assert!(
        doubled <= KILLS * CONCURRENCY,
        "{doubled} second copies: more than the mails in flight at the kills"
    );
    eprintln!("{SUBSCRIBERS} recipients, {KILLS} kills, {doubled} second copies (same Message-ID)");
    doubled
}

fn publish(temp: &std::path::Path, location: &[&str], env: &[(&str, &str)]) {
    let source = temp.join("m.md");
    std::fs::write(&source, meeting("2021-05-21", "Covid-19")).unwrap();
    let path = source.display().to_string();
    let mut args = vec!["publish", path.as_str(), "--notify"];
    args.extend(location);
    let out = samman(&args, env);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn sigkill_at_a_dozen_moments_sends_each_subscriber_one_message() {
    if !have_aiosmtpd() {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data").display().to_string();
    let location = ["--data", data.as_str()];
    confirmed_subscribers(&Location::Dir(data.clone().into()), SUBSCRIBERS);
    publish(temp.path(), &location, &[]);
    let sink = Sink::start(&temp.path().join("mail"), "accept", 0);
    let smtp = sink.url();
    for k in 0..KILLS {
        let mut node = Serve::start(&node_args(&location, &smtp, "120"), &[]);
        std::thread::sleep(pause(k));
        node.child.kill().unwrap(); // SIGKILL
        node.child.wait().unwrap();
    }
    assert!(
        sink.mails().len() < SUBSCRIBERS,
        "the kills came while the campaign was being sent"
    );
    let _last = Serve::start(&node_args(&location, &smtp, "1000"), &[]);
    wait_until_sent(&location, &[]);
    count(&sink);
}

#[test]
fn two_nodes_on_one_postgresql_killed_in_turn_send_each_subscriber_one_message() {
    let admin = match std::env::var("SAMMAN_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            assert!(
                std::env::var("SAMMAN_REQUIRE_TOOLS").as_deref() != Ok("1"),
                "SAMMAN_TEST_POSTGRES is required"
            );
            eprintln!("skipped: set SAMMAN_TEST_POSTGRES");
            return;
        }
    };
    if !have_aiosmtpd() {
        return;
    }
    let name = format!("samman_crash_{}", std::process::id());
    let psql = |sql: &str| {
        let out = Command::new("psql")
            .args([&admin, "-c", sql])
            .output()
            .expect("psql");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    psql(&format!("CREATE DATABASE {name}"));
    struct Drop_(Box<dyn Fn()>);
    impl Drop for Drop_ {
        fn drop(&mut self) {
            (self.0)();
        }
    }
    let (a, n) = (admin.clone(), name.clone());
    let _cleanup = Drop_(Box::new(move || {
        let _ = Command::new("psql")
            .args([&a, "-c", &format!("DROP DATABASE IF EXISTS {n} WITH (FORCE)")])
            .output();
    }));
    let url = admin.replacen("/postgres", &format!("/{name}"), 1);
    let location = ["--database", url.as_str()];
    let env = [("SAMMAN_SECRET", SECRET)];
    confirmed_subscribers(&Location::Url(url.clone()), SUBSCRIBERS);
    let temp = tempfile::tempdir().unwrap();
    publish(temp.path(), &location, &env);
    let sink = Sink::start(&temp.path().join("mail"), "accept", 0);
    let smtp = sink.url();
    let args = node_args(&location, &smtp, "60");
    let mut nodes = [Some(Serve::start(&args, &env)), Some(Serve::start(&args, &env))];
    for k in 0..KILLS {
        std::thread::sleep(pause(k));
        let slot = &mut nodes[k % 2];
        if let Some(mut node) = slot.take() {
            node.child.kill().unwrap(); // SIGKILL
            node.child.wait().unwrap();
        }
        *slot = Some(Serve::start(&args, &env));
    }
    assert!(
        sink.mails().len() < SUBSCRIBERS,
        "the kills came while the campaign was being sent"
    );
    wait_until_sent(&location, &env);
    count(&sink);
    drop(nodes);
}
