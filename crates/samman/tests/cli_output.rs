//! Output as scripts and cron jobs meet it: pipes that close early, full disks, device nodes as targets,
//! runs killed in the middle, and two runs writing one directory at once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn samman() -> Command {
    Command::new(env!("CARGO_BIN_EXE_samman"))
}

fn run(args: &[&str]) -> Output {
    samman().args(args).output().expect("samman runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samman-out-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sro-2021-05-21.md")
}

/// The example moved to another date, so that two runs' outputs can be told apart.
fn other_meeting(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(example()).expect("example");
    assert!(text.contains("date = 2021-05-21"), "the example's date line");
    let path = dir.join("annat-mote.md");
    std::fs::write(&path, text.replace("date = 2021-05-21", "date = 2022-03-04")).expect("write");
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf8 path")
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("samman-tmp") || n.contains("samman-commit"))
        .collect()
}

/// Which meeting (2021 or 2022) the files of one `--all` directory are from; panics on a mix.
fn one_meeting(dir: &Path) -> &'static str {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let seen: Vec<(&str, bool, bool)> = [
        ("index.html", "21 maj 2021", "4 mars 2022"),
        ("sammanstallning.json", "2021-05-21", "2022-03-04"),
        ("kalender.ics", "20210521", "20220304"),
        ("nyhetsbrev.eml", "21 maj 2021", "4 mars 2022"),
    ]
    .into_iter()
    .map(|(name, a, b)| {
        let text = read(name);
        (name, text.contains(a), text.contains(b))
    })
    .collect();
    let all = |f: fn(&(&str, bool, bool)) -> bool| seen.iter().all(f);
    if all(|(_, a, b)| *a && !*b) {
        "2021"
    } else if all(|(_, a, b)| *b && !*a) {
        "2022"
    } else {
        panic!("a mix of two meetings in {}: {seen:?}", dir.display())
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    for args in [
        vec!["check", s(&example())],
        vec!["diff", s(&example()), s(&example()), "--format", "json"],
        vec!["render", s(&example()), "--to", "json"],
        vec!["import", s(&example())],
    ] {
        let mut child = samman()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take()); // the reader is gone before samman writes a byte
        let output = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {err}",
            output.status
        );
    }
}

#[test]
fn a_full_disk_is_an_error_with_exit_2() {
    for args in [
        vec!["check", s(&example()), "--format", "json"],
        vec!["diff", s(&example()), s(&example()), "--format", "json"],
        vec!["render", s(&example()), "--to", "json"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = samman().args(&args).stdout(full).output().expect("runs");
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("disken är full"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_device_node_stays_a_device() {
    let dir = temp_dir("device");
    let node = dir.join("null");
    let made = Command::new("mknod")
        .args(["-m666", s(&node), "c", "1", "3"])
        .status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let output = run(&["render", s(&example()), "--to", "html", "-o", s(&node)]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let kind = std::fs::symlink_metadata(&node).expect("meta").file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_char_device(&kind),
        "still a device"
    );
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[test]
fn render_all_into_a_file_is_explained() {
    let dir = temp_dir("allfile");
    let file = dir.join("fil.txt");
    std::fs::write(&file, "redan här").expect("write");
    let output = run(&["render", s(&example()), "--all", "-o", s(&file)]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("ingen katalog"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "redan här");
}

#[test]
fn concurrent_runs_into_one_directory_leave_one_whole_set() {
    let dir = temp_dir("concurrent");
    let other = other_meeting(&dir);
    let out = dir.join("webb");
    for round in 0..4 {
        let spawn = |input: &Path| {
            samman()
                .args(["render", s(input), "--all", "-o", s(&out)])
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
        };
        let (mut a, mut b) = (spawn(&example()), spawn(&other));
        assert!(
            a.wait().expect("a").success() && b.wait().expect("b").success(),
            "round {round}"
        );
        one_meeting(&out);
        assert!(leftovers(&out).is_empty(), "round {round}: {:?}", leftovers(&out));
    }
}

#[test]
fn a_run_killed_anywhere_leaves_no_stage_and_no_mix_once_the_next_run_is_done() {
    let dir = temp_dir("killed");
    let other = other_meeting(&dir);
    let out = dir.join("webb");
    let first = run(&["render", s(&example()), "--all", "-o", s(&out)]);
    assert!(first.status.success());
    let mut delay = 5;
    for _ in 0..8 {
        let mut child = samman()
            .args(["render", s(&other), "--all", "-o", s(&out)])
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        delay = delay * 2 % 1500 + 7;
        // A journal means the killed run got to its renames; anything else must still be one whole set.
        if !leftovers(&out).iter().any(|n| n.contains("samman-commit")) {
            one_meeting(&out);
        }
        let next = run(&["render", s(&example()), "--all", "-o", s(&out)]);
        assert!(next.status.success(), "{}", String::from_utf8_lossy(&next.stderr));
        assert_eq!(one_meeting(&out), "2021");
        assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    }
}
