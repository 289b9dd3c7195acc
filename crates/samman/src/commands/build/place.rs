//! Where a build's directories land on the disk. Only speed depends on this, never the site's bytes.
//!
//! ext4 places a new file's inode in its directory's block group, and a new directory's either in its
//! parent's group or, under a "top of a hierarchy" directory (`chattr +T`, [`spread`]), in the emptiest
//! group it finds by reading every group's counters — thousands of them on a large disk.
//!
//! Two things make a whole build slow there:
//! * Without a journal, ext4 skips every inode freed in the last minute, one by one, each time it
//!   allocates one in that group. Where a previous site was just removed, a build whose 40,000 files sat
//!   in a few groups paid for that scan at every file (15-35 s instead of 3 for 10,000 meetings).
//! * Spreading each meeting's directory on its own avoids that, but then every one of them pays for the
//!   scan of all groups: a sixth of the build's CPU time.
//!
//! So meeting directories are made in spread placement directories of [`PER_PLACE`] meetings each and
//! moved to their place in the site at once (a rename keeps the inode where it is); the last of them
//! takes the placement directory itself, so none is left to remove. A placement directory gets about as
//! many files as a group got when each meeting was spread alone, and there are eight times fewer scans.
//! Other file systems take the hint as a no-op or refuse it; that is fine.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Meetings per placement directory: with more, the groups hold more just-freed inodes to skip after a
/// previous site was removed; with fewer, more scans of all groups. Measured (10,000 meetings, ext4
/// without a journal): 1 → scans 14 % of all CPU time; 8 → 2.5 %, the skipping unchanged; 4 → 4 %.
const PER_PLACE: usize = 8;

/// The placement directories of one build, in a hidden directory of the site being built.
pub struct Placement {
    root: PathBuf,
    meetings: usize,
    /// Per placement directory: how many of its meetings have their directory. Its lock is held while
    /// one is made, so the last one knows that the others have moved out.
    placed: Vec<Mutex<usize>>,
}

impl Placement {
    /// Placement for `meetings` directories, indexed 0..meetings.
    pub fn new(site: &Path, meetings: usize) -> io::Result<Placement> {
        let root = site.join(".placering");
        std::fs::create_dir(&root)?;
        spread(&root);
        Ok(Placement {
            root,
            meetings,
            placed: (0..meetings.div_ceil(PER_PLACE)).map(|_| Mutex::new(0)).collect(),
        })
    }

    /// Creates the directory `dir` (not there yet) for the `index`th meeting written in this build.
    pub fn create(&self, index: usize, dir: &Path) -> io::Result<()> {
        let place = index / PER_PLACE;
        let holds = PER_PLACE.min(self.meetings - place * PER_PLACE);
        let mut placed = self.placed[place]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let group = self.root.join(place.to_string());
        if *placed == 0 {
            std::fs::create_dir(&group)?;
        }
        if *placed + 1 == holds {
            // The last of its meetings takes the placement directory itself, so none is left to remove
            // (removing a directory frees its block, and a disk mounted with `discard` trims that block
            // before rmdir returns: a fifth of a second for 1,250 of them, while the parent is locked).
            std::fs::rename(&group, dir)?;
        } else {
            let made = group.join(index.to_string());
            std::fs::create_dir(&made)?;
            std::fs::rename(&made, dir)?;
        }
        *placed += 1;
        Ok(())
    }

    /// Removes the hidden directory, empty by now (every placement directory became a meeting's).
    pub fn finish(self) -> io::Result<()> {
        std::fs::remove_dir(&self.root)
    }
}

/// Asks the file system to spread `dir`'s sub-directories over the disk (ext4's "top of a directory
/// hierarchy" flag, `chattr +T`) instead of placing them beside `dir`. A hint only: other file systems
/// refuse it, and that is fine.
pub fn spread(dir: &Path) {
    if let Ok(file) = std::fs::File::open(dir)
        && let Ok(flags) = rustix::fs::ioctl_getflags(&file)
    {
        let _ = rustix::fs::ioctl_setflags(&file, flags | rustix::fs::IFlags::TOPDIR);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_land_in_place_and_the_placement_is_removed() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("sro")).unwrap();
        let count = PER_PLACE * 3 + 1;
        let placement = Placement::new(site.path(), count).unwrap();
        // Two threads taking the meetings in an order that mixes placement directories, as the
        // build's workers do; every placement directory ends as one of the meetings' own.
        let order: Vec<usize> = (0..count).map(|i| (i * 7) % count).collect();
        std::thread::scope(|scope| {
            for half in order.chunks(count.div_ceil(2)) {
                let placement = &placement;
                let site = site.path();
                scope.spawn(move || {
                    for &i in half {
                        let dir = site.join("sro").join(format!("2021-05-{:02}", i + 1));
                        placement.create(i, &dir).unwrap();
                        std::fs::write(dir.join("index.html"), "x").unwrap();
                    }
                });
            }
        });
        placement.finish().unwrap();
        let names = |dir: &Path| -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(site.path()), ["sro"]);
        let meetings = names(&site.path().join("sro"));
        assert_eq!(meetings.len(), count);
        for meeting in meetings {
            assert_eq!(names(&site.path().join("sro").join(meeting)), ["index.html"]);
        }
    }
}
