//! Each kind of output target keeps what `cp` users expect; stages and half-done sets never outlive a run.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::*;

/// A PID above Linux's largest (`pid_max` ≤ 2^22), so never alive.
const DEAD_PID: u32 = 4_194_305;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samman-output-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("samman-tmp") || n.contains("samman-commit"))
        .collect()
}

#[test]
fn a_regular_file_keeps_its_mode() {
    for durability in [Durability::Synced, Durability::Renewable] {
        let dir = scratch(&format!("mode-{durability:?}"));
        let file = dir.join("möte.md");
        std::fs::write(&file, "gammalt").expect("write");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_file(&file, b"nytt", durability).expect("written");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "nytt");
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600, "{durability:?}");
        assert!(
            leftovers(&dir).is_empty(),
            "{durability:?}: {:?}",
            leftovers(&dir)
        );
    }
}

#[test]
fn a_reader_of_the_old_file_never_sees_the_new_one_half_written() {
    // Replaced, not rewritten: whoever has the old file open keeps reading the old file whole.
    for durability in [Durability::Synced, Durability::Renewable] {
        let dir = scratch(&format!("reader-{durability:?}"));
        let file = dir.join("bilder.pptx");
        std::fs::write(&file, "gammalt innehåll").expect("write");
        let old = std::fs::File::open(&file).expect("open");
        write_file(&file, b"nytt", durability).expect("written");
        assert_eq!(
            std::io::read_to_string(old).expect("read old"),
            "gammalt innehåll"
        );
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "nytt");
        assert!(
            leftovers(&dir).is_empty(),
            "{durability:?}: {:?}",
            leftovers(&dir)
        );
    }
}

#[test]
fn a_regular_file_keeps_its_owner_when_we_may_set_it() {
    if rustix::process::geteuid().as_raw() != 0 {
        eprintln!("skipped: only root can give a file to another user");
        return;
    }
    let dir = scratch("owner");
    let file = dir.join("möte.md");
    std::fs::write(&file, "gammalt").expect("write");
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).expect("chown");
    write_file(&file, b"nytt", Durability::Synced).expect("written");
    let meta = std::fs::metadata(&file).expect("meta");
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
}

#[test]
fn a_symlink_is_followed_and_kept() {
    let dir = scratch("symlink");
    let real = dir.join("verklig.html");
    std::fs::write(&real, "gammalt").expect("write");
    let link = dir.join("index.html");
    std::os::unix::fs::symlink("verklig.html", &link).expect("symlink");
    write_file(&link, b"nytt", Durability::Renewable).expect("written");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).expect("read"), "nytt");
}

#[test]
fn a_hard_linked_file_changes_under_every_name() {
    let dir = scratch("hardlink");
    let one = dir.join("ett.md");
    let two = dir.join("två.md");
    std::fs::write(&one, "gammalt innehåll som är längre").expect("write");
    std::fs::hard_link(&one, &two).expect("link");
    write_file(&one, b"nytt", Durability::Synced).expect("written");
    assert_eq!(std::fs::read_to_string(&two).expect("read"), "nytt");
    assert_eq!(std::fs::metadata(&one).expect("meta").nlink(), 2);
}

#[test]
fn a_fifo_is_written_to_not_replaced() {
    let dir = scratch("fifo");
    let fifo = dir.join("rör");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).expect("read fifo"))
    };
    write_file(&fifo, b"genom roret", Durability::Synced).expect("written");
    assert_eq!(reader.join().expect("reader"), b"genom roret");
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &std::fs::symlink_metadata(&fifo).expect("meta").file_type()
    ));
}

#[test]
fn a_device_is_written_to_and_a_full_one_is_an_error() {
    let dir = scratch("device");
    let null = dir.join("null");
    std::os::unix::fs::symlink("/dev/null", &null).expect("symlink");
    write_file(&null, b"bort", Durability::Synced).expect("written");
    let dev_null = std::fs::metadata("/dev/null").expect("meta");
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &dev_null.file_type()
    ));
    let error = write_file(Path::new("/dev/full"), b"x", Durability::Synced).expect_err("a full device");
    assert!(format!("{error:#}").contains("disken är full"), "{error:#}");
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &std::fs::metadata("/dev/full").expect("meta").file_type()
    ));
}

#[test]
fn a_directory_is_refused() {
    let dir = scratch("isdir");
    let error = write_file(&dir, b"x", Durability::Synced).expect_err("a directory");
    assert!(format!("{error:#}").contains("är en katalog"), "{error:#}");
}

#[test]
fn stages_of_dead_runs_are_swept() {
    let dir = scratch("sweep");
    let stale = dir.join(format!(".index.html.samman-tmp-{DEAD_PID}"));
    std::fs::write(&stale, vec![b'x'; 4096]).expect("write");
    let alive = dir.join(".index.html.samman-tmp-1");
    std::fs::write(&alive, "pid 1 lever").expect("write");
    write_file(&dir.join("annan.json"), b"{}", Durability::Synced).expect("written");
    assert!(!stale.exists(), "a dead run's stage is removed");
    assert!(alive.exists(), "a live process's stage is left alone");
}

#[test]
fn a_set_half_renamed_by_a_killed_run_is_finished_by_the_next() {
    let dir = scratch("journal");
    // The killed run renamed index.html already; kalender.ics is still staged.
    std::fs::write(dir.join("index.html"), "ny").expect("write");
    std::fs::write(dir.join("kalender.ics"), "gammal").expect("write");
    let stage = dir.join(format!(".kalender.ics.samman-tmp-{DEAD_PID}"));
    std::fs::write(&stage, "ny").expect("write");
    let mut journal = Vec::new();
    for path in [
        dir.join(format!(".index.html.samman-tmp-{DEAD_PID}")),
        dir.join("index.html"),
        stage.clone(),
        dir.join("kalender.ics"),
    ] {
        journal.extend_from_slice(path.as_os_str().as_encoded_bytes());
        journal.push(0);
    }
    std::fs::write(dir.join(format!(".samman-commit-{DEAD_PID}")), journal).expect("write");
    write_file(&dir.join("annan.json"), b"{}", Durability::Synced).expect("written");
    assert_eq!(
        std::fs::read_to_string(dir.join("kalender.ics")).expect("read"),
        "ny"
    );
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[test]
fn a_set_is_written_whole_and_refuses_a_file_for_a_directory() {
    let dir = scratch("set");
    let out = dir.join("ut");
    let files = [
        ("index.html", b"sida".to_vec()),
        ("kalender.ics", b"kal".to_vec()),
    ];
    let written = write_set(&out, &files).expect("written");
    assert_eq!(written.len(), 2);
    assert_eq!(
        std::fs::read_to_string(out.join("kalender.ics")).expect("read"),
        "kal"
    );
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    let error = write_set(&out.join("index.html"), &files).expect_err("a file is no directory");
    assert!(format!("{error:#}").contains("ingen katalog"), "{error:#}");
}
