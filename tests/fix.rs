//! `--fix` and `--diff` end to end, on copies of the encoding fixtures: only the intended
//! bytes change, whatever the encoding, BOM and line endings.

// Tests say on stderr what they skipped; the library itself never prints.
#![allow(clippy::print_stderr)]

use assert_cmd::Command;
use std::fs;
use std::path::Path;

// Its helpers run gimlint as another Unix user; only Unix tests need them.
#[cfg(unix)]
mod common;

fn gimlint() -> Command {
    let mut cmd = Command::cargo_bin("gimlint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", "1795000000");
    cmd
}

/// `text` encoded as `name`'s fixture is: the test's own encoder, independent of gimlint's.
fn encode_like(name: &str, text: &str) -> Vec<u8> {
    match name {
        "utf16le_bom.cfg" => [
            vec![0xFF, 0xFE],
            text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ]
        .concat(),
        "utf16be_bom.cfg" => [
            vec![0xFE, 0xFF],
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ]
        .concat(),
        "utf8_bom.cfg" => [b"\xEF\xBB\xBF".to_vec(), text.as_bytes().to_vec()].concat(),
        "windows1252.cfg" => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
        _ => text.as_bytes().to_vec(),
    }
}

#[test]
fn fixes_change_only_the_intended_bytes_in_every_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("crlf.cfg", "\r\n"),
        ("cr_only.cfg", "\r"),
        ("utf8_bom.cfg", "\n"),
        ("utf16le_bom.cfg", "\r\n"),
        ("utf16be_bom.cfg", "\n"),
        ("windows1252.cfg", "\r\n"),
    ];
    for (name, _) in cases {
        fs::copy(
            Path::new("testdata/encodings").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    let result = gimlint()
        .args([
            "check",
            "--fix",
            "--select",
            "GIM001,OPT006",
            "--color",
            "never",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(result.stdout).unwrap();
    assert!(stdout.contains("Fixed 12 findings."), "{stdout}");
    assert_eq!(result.status.code(), Some(0), "nothing remains: {stdout}");
    for (name, eol) in cases {
        let expected = format!(
            "[schedule]{eol}; planifié par l'équipe{eol}run-scheduler=false{eol}[agent-desktop]{eol}greeting=Grüße{eol}"
        );
        let bytes = fs::read(dir.path().join(name)).unwrap();
        assert_eq!(bytes, encode_like(name, &expected), "{name}");
    }
    let again = gimlint()
        .args(["check", "--fix", "--select", "GIM001,OPT006"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8(again.stdout)
        .unwrap()
        .contains("Fixed 0 findings."));
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gim.cfg");
    fs::copy("testdata/rules/GIM001/fail_true.cfg", &file).unwrap();
    let before = fs::read(&file).unwrap();
    let result = gimlint()
        .args(["check", "--diff"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let diff = String::from_utf8(result.stdout).unwrap();
    assert!(
        diff.contains("-run-scheduler=TRUE\n+run-scheduler=false\n"),
        "{diff}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "--diff writes nothing");
}

/// `--diff` shows what `--fix` writes, fixes of later passes included: ICN001 and ICN002
/// both insert their option where the section ends, one per pass. A UTF-16 export with
/// CRLF line endings, as Notepad saves it, and a patch `git apply` takes to the same bytes.
#[test]
fn diff_shows_every_pass_that_fix_writes() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[callconcentrator]\r\nrole=gcc,gud\r\npq-dbname=C:\\GCTI\\icon.pq\r\n\r\n[log]\r\nverbose=standard\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (shown, written) = (dir.path().join("shown"), dir.path().join("written"));
    for folder in [&shown, &written] {
        fs::create_dir(folder).unwrap();
        fs::write(folder.join("icon.cfg"), &bytes).unwrap();
    }
    let diff = gimlint()
        .current_dir(dir.path())
        .args(["check", "--diff", "shown"])
        .output()
        .unwrap();
    assert_eq!(diff.status.code(), Some(1));
    let stdout = String::from_utf8(diff.stdout).unwrap();
    let stderr = String::from_utf8(diff.stderr).unwrap();
    assert!(
        stdout.contains("+cseq-adjustment=2\r\n+route-res-vqid-hist-enabled=true\r\n"),
        "{stdout}"
    );
    assert!(stderr.ends_with("Would fix 2 findings.\n"), "{stderr}");
    assert_eq!(
        fs::read(shown.join("icon.cfg")).unwrap(),
        bytes,
        "--diff writes nothing"
    );
    gimlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "written"])
        .output()
        .unwrap();
    let fixed = fs::read(written.join("icon.cfg")).unwrap();
    let fixed_text = String::from_utf16(
        &fixed[2..]
            .chunks(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(
        fixed_text.contains("cseq-adjustment=2\r\nroute-res-vqid-hist-enabled=true\r\n"),
        "{fixed_text}"
    );
}

/// A path `--diff` cannot read fails the run, as it fails `check`: a CI job that shows the
/// fixes must not pass over a file it never linted.
#[test]
fn diff_fails_on_a_path_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        "testdata/rules/GIM001/fail_true.cfg",
        dir.path().join("gim.cfg"),
    )
    .unwrap();
    fs::write(dir.path().join("binary.cfg"), b"[gim-etl]\n\0\0\0").unwrap();
    for args in [
        vec!["check", "--diff", "missing.cfg"],
        vec!["check", "--diff", "."],
    ] {
        let result = gimlint()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("gimlint: error: "), "{args:?}: {stderr}");
    }
}

/// The diff of a plain export, CRLF line endings included, is a patch that `git apply`
/// takes, run where gimlint ran, and makes the file what `--fix` makes it. (A diff that
/// hides a secret or escapes a control character says it is not one: tests/injection.rs.)
#[test]
fn a_diff_of_a_plain_export_applies_as_a_patch() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[schedule]\r\nrun-scheduler=TRUE\r\n; kept\r\n[log]\r\nverbose = all \r\n";
    for name in ["gim.cfg", "fixed.cfg"] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let diff = gimlint()
        .current_dir(dir.path())
        .args(["check", "--diff", "gim.cfg"])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&diff.stderr).contains("does not apply"),
        "{}",
        String::from_utf8_lossy(&diff.stderr)
    );
    fs::write(dir.path().join("fixes.patch"), &diff.stdout).unwrap();
    let applied = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["apply", "fixes.patch"])
        .output()
        .expect("git, which CI clones with");
    assert!(
        applied.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&applied.stderr),
        String::from_utf8_lossy(&diff.stdout)
    );
    gimlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "fixed.cfg"])
        .output()
        .unwrap();
    assert_eq!(
        fs::read(dir.path().join("gim.cfg")).unwrap(),
        fs::read(dir.path().join("fixed.cfg")).unwrap()
    );
}

#[test]
fn suggestions_need_unsafe_fixes_and_stdin_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gim.cfg");
    fs::copy("testdata/rules/CAL001/fail_fiscal_year_start.cfg", &file).unwrap();
    gimlint()
        .args(["check", "--fix", "--select", "CAL001"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("date-time-start-year=-1"),
        "a suggestion is not safe"
    );
    gimlint()
        .args(["check", "--fix", "--unsafe-fixes", "--select", "CAL001"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(fs::read_to_string(&file)
        .unwrap()
        .contains("date-time-start-year=2016"));

    let stdin = gimlint()
        .args(["check", "--fix", "-"])
        .write_stdin("[schedule]\nrun-scheduler=true\n")
        .output()
        .unwrap();
    assert_eq!(stdin.status.code(), Some(2));
    assert!(String::from_utf8(stdin.stderr)
        .unwrap()
        .contains("--fix does not write standard input"));
}

/// CAL001 suggests only a start year the file states, never the year a relative value
/// means on the day of the run (pinned here by `SOURCE_DATE_EPOCH`: 2026).
#[test]
fn cal001_suggests_the_start_year_the_file_states_or_nothing() {
    let cases = [
        // The calendar's own fiscal-year-start=2016-07-01.
        ("fail_fiscal_year_start", vec![("=-1", "=2016")]),
        // [date-time] date-time-start-year=2016, for a custom calendar.
        ("fail_main_calendar_start", vec![("=-1", "=2016")]),
        // Another calendar's absolute date-time-start-year=2017.
        ("fail_other_calendar_start", vec![("=-1", "=2017")]),
        // [date-time] date-time-start-year=2015, for both custom calendars.
        (
            "fail_custom_calendars",
            vec![("=+1", "=2015"), ("=0", "=2015")],
        ),
        // No evidence: help only, the file stays as it is.
        ("fail_minus_one", vec![]),
        ("fail_absurd_offset", vec![]),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, replacements) in cases {
        let original = fs::read_to_string(format!("testdata/rules/CAL001/{name}.cfg")).unwrap();
        let file = dir.path().join(format!("{name}.cfg"));
        fs::write(&file, &original).unwrap();
        gimlint()
            .args(["check", "--fix", "--unsafe-fixes", "--select", "CAL001"])
            .arg(&file)
            .output()
            .unwrap();
        let expected = replacements
            .iter()
            .fold(original.clone(), |text, (from, to)| {
                text.replacen(
                    &format!("date-time-start-year{from}\n"),
                    &format!("date-time-start-year{to}\n"),
                    1,
                )
            });
        assert_eq!(fs::read_to_string(&file).unwrap(), expected, "{name}");
    }
}

/// The export that the identity tests fix: one GIM001 finding, `run-scheduler=TRUE`.
const SCHEDULER_ON: &str = "testdata/rules/GIM001/fail_true.cfg";

/// The names in `folder`, sorted.
#[cfg(unix)]
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The file at `path` holds the fix of [`SCHEDULER_ON`].
#[cfg(unix)]
fn is_fixed(path: &Path) -> bool {
    fs::read_to_string(path)
        .unwrap()
        .contains("run-scheduler=false")
}

/// Runs `test` once for each user of [`common::every_user`], in a folder of its own.
#[cfg(unix)]
fn for_every_user(test: impl Fn(&common::User, &Path)) {
    let dir = tempfile::tempdir().unwrap();
    for user in common::every_user(dir.path()) {
        let folder = user.folder(dir.path(), &user.name().replace(' ', "-"));
        test(&user, &folder);
    }
}

/// `--fix` as `user` on `paths`, selecting GIM001: the exit code and standard error.
#[cfg(unix)]
fn fix_as(user: &common::User, paths: &[&Path]) -> (Option<i32>, String) {
    let output = user
        .gimlint()
        .args(["check", "--fix", "--select", "GIM001"])
        .args(paths)
        .output()
        .unwrap();
    (
        output.status.code(),
        format!(
            "{}: {}",
            user.name(),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// `--fix` on a writable export in a folder the user may not write to: a rename needs a
/// temporary file beside the export, and a write in place (for an export with a second
/// name) a copy of the new contents there, so both fail with exit 2 and keep their bytes
/// (a write in place without that copy would succeed here, and fail this). CI runs as
/// root, which ignores permissions: then gimlint runs as `nobody` via setpriv.
#[cfg(unix)]
#[test]
fn a_fix_in_a_read_only_folder_fails_cleanly_with_the_original_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let Some(user) = common::unprivileged_user(dir.path()) else {
        return;
    };
    let folder = user.folder(dir.path(), "exports");
    let export = folder.join("gim.cfg");
    let linked = folder.join("linked.cfg");
    for path in [&export, &linked] {
        fs::copy(SCHEDULER_ON, path).unwrap();
        // The export is the user's and writable: only the folder stops the write.
        user.give(path);
        fs::set_permissions(path, fs::Permissions::from_mode(0o644)).unwrap();
    }
    fs::hard_link(&linked, folder.join("second-name.cfg")).unwrap();
    let original = fs::read(&export).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();

    let output = user
        .gimlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "exports/gim.cfg", "exports/linked.cfg"])
        .output()
        .unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    for (name, left_beside) in [
        ("gim.cfg", ".gim.cfg.gimlint-tmp"),
        ("linked.cfg", ".linked.cfg.gimlint-new"),
    ] {
        assert!(
            stderr.contains(&format!(
                "exports/{name}: not fixed: cannot create {left_beside} in its folder: Permission denied"
            )),
            "{stderr}"
        );
        assert_eq!(
            fs::read(folder.join(name)).unwrap(),
            original,
            "{name} is unchanged"
        );
    }
    assert_eq!(
        names_in(&folder),
        ["gim.cfg", "linked.cfg", "second-name.cfg"],
        "no temporary file is left behind"
    );
}

/// An export the user may not write is not replaced, though renaming over it would
/// succeed (the folder is the user's): exit 2, the reason said, the bytes and owner
/// unchanged. The system decides, not the mode bits: a file whose group may write it but
/// whose owner (the user) may not is refused, and so is another user's file. Root may
/// write anything: then gimlint runs as `nobody`.
#[cfg(unix)]
#[test]
fn an_export_this_user_may_not_write_is_left_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let Some(user) = common::unprivileged_user(dir.path()) else {
        return;
    };
    let folder = user.folder(dir.path(), "exports");
    let mut refused = vec![
        ("read_only.cfg", 0o444, "the file is read-only"),
        (
            "group_writable.cfg",
            0o464,
            "this user may not write the file: Permission denied",
        ),
    ];
    if user.uid().is_some() {
        // Created by root, the test's user: another user's file for `nobody`.
        refused.push((
            "someone_elses.cfg",
            0o644,
            "this user may not write the file: Permission denied",
        ));
    }
    for (name, mode, _) in &refused {
        let export = folder.join(name);
        fs::copy(SCHEDULER_ON, &export).unwrap();
        if *name != "someone_elses.cfg" {
            user.give(&export);
        }
        fs::set_permissions(&export, fs::Permissions::from_mode(*mode)).unwrap();
    }
    let original = fs::read(SCHEDULER_ON).unwrap();
    let owners: Vec<_> = refused
        .iter()
        .map(|(name, ..)| fs::metadata(folder.join(name)).unwrap().uid())
        .collect();

    let output = user
        .gimlint()
        .args(["check", "--fix"])
        .arg(&folder)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    for ((name, _, reason), owner) in refused.iter().zip(owners) {
        assert!(
            stderr.contains(&format!("{name}: not fixed: {reason}")),
            "{name}: {stderr}"
        );
        let export = folder.join(name);
        assert_eq!(fs::read(&export).unwrap(), original, "{name}");
        assert_eq!(fs::metadata(&export).unwrap().uid(), owner, "{name}");
    }
    assert_eq!(
        names_in(&folder).len(),
        refused.len(),
        "nothing left beside"
    );
}

/// A temporary file left by a killed run, or a link planted in its place, does not stop
/// the fix, and the link's target is not written.
#[cfg(unix)]
#[test]
fn stale_temporary_files_are_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("gim.cfg");
    fs::copy(SCHEDULER_ON, &export).unwrap();
    let bystander = dir.path().join("bystander.txt");
    fs::write(&bystander, "untouched").unwrap();
    std::os::unix::fs::symlink(&bystander, dir.path().join(".gim.cfg.gimlint-tmp")).unwrap();
    let fixed = gimlint()
        .args(["check", "--fix", "--select", "GIM001"])
        .arg(&export)
        .output()
        .unwrap();
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    assert!(is_fixed(&export));
    assert_eq!(fs::read_to_string(&bystander).unwrap(), "untouched");
    assert_eq!(names_in(dir.path()), ["bystander.txt", "gim.cfg"]);
}

/// An export with a second name (a hard link): the fix is seen under both names, which
/// stay one file, and nothing is left beside it.
#[cfg(unix)]
#[test]
fn a_fix_keeps_the_hard_links_of_the_export() {
    use std::os::unix::fs::MetadataExt;
    for_every_user(|user, folder| {
        let export = folder.join("gim.cfg");
        let second_name = folder.join("second-name.cfg");
        fs::copy(SCHEDULER_ON, &export).unwrap();
        user.give(&export);
        fs::hard_link(&export, &second_name).unwrap();
        let (code, stderr) = fix_as(user, &[&export]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(is_fixed(&export), "{stderr}");
        assert!(is_fixed(&second_name), "{stderr}");
        let (export, second_name) = (
            fs::metadata(&export).unwrap(),
            fs::metadata(&second_name).unwrap(),
        );
        assert_eq!((export.ino(), export.nlink()), (second_name.ino(), 2));
        assert_eq!(names_in(folder), ["gim.cfg", "second-name.cfg"]);
    });
}

/// Both names of one export given on the command line: it is one file, linted and fixed
/// once (a second fix would find it changed since it was linted).
#[cfg(unix)]
#[test]
fn an_export_named_twice_through_hard_links_is_fixed_once() {
    for_every_user(|user, folder| {
        let export = folder.join("gim.cfg");
        let second_name = folder.join("second-name.cfg");
        fs::copy(SCHEDULER_ON, &export).unwrap();
        user.give(&export);
        fs::hard_link(&export, &second_name).unwrap();
        let (code, stderr) = fix_as(user, &[&export, &second_name]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!stderr.contains("not fixed"), "{stderr}");
        assert!(is_fixed(&second_name), "{stderr}");
    });
}

/// An export reached through a symbolic link to another folder: the file it leads to is
/// fixed, and the link stays the same link.
#[cfg(unix)]
#[test]
fn a_fix_through_a_symbolic_link_writes_its_target_and_keeps_the_link() {
    for_every_user(|user, folder| {
        let exports = user.folder(folder, "exports");
        let real = user.folder(folder, "real");
        let target = real.join("gim.cfg");
        fs::copy(SCHEDULER_ON, &target).unwrap();
        user.give(&target);
        let link = exports.join("gim.cfg");
        std::os::unix::fs::symlink("../real/gim.cfg", &link).unwrap();
        user.give(&link);
        let (code, stderr) = fix_as(user, &[&link]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(is_fixed(&target), "{stderr}");
        assert_eq!(
            fs::read_link(&link).unwrap(),
            Path::new("../real/gim.cfg"),
            "still the link: {stderr}"
        );
        assert_eq!(names_in(&exports), ["gim.cfg"]);
        assert_eq!(names_in(&real), ["gim.cfg"]);
    });
}

/// The fixed export keeps its owner, group and mode. As root, the export belongs to
/// another user and is set-user-ID (which a change of owner would clear). As `nobody`,
/// the export is root's and `nobody`'s group may write it: only root may give a file
/// away, so a new file would be `nobody`'s.
#[cfg(unix)]
#[test]
fn a_fix_keeps_the_owner_group_and_mode_of_the_export() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    for_every_user(|user, folder| {
        let export = folder.join("gim.cfg");
        fs::copy(SCHEDULER_ON, &export).unwrap();
        let own = fs::metadata(&export).unwrap();
        let (uid, gid, mode) = if user.is_root() {
            (4242, 4343, 0o4750)
        } else if let Some(nobody) = user.uid() {
            (0, nobody, 0o664)
        } else {
            (own.uid(), own.gid(), 0o640)
        };
        if uid != own.uid() || gid != own.gid() {
            std::os::unix::fs::chown(&export, Some(uid), Some(gid)).unwrap();
        }
        fs::set_permissions(&export, fs::Permissions::from_mode(mode)).unwrap();
        let (code, stderr) = fix_as(user, &[&export]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(is_fixed(&export), "{stderr}");
        let fixed = fs::metadata(&export).unwrap();
        assert_eq!(
            (fixed.uid(), fixed.gid(), fixed.mode() & 0o7777),
            (uid, gid, mode),
            "{stderr}"
        );
        assert_eq!(names_in(folder), ["gim.cfg"]);
    });
}

/// An export whose name is not UTF-8 (shown with U+FFFD): `--diff` shows its fix and
/// `--fix` writes it, found by walking a folder.
#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_fixed_and_diffed() {
    use std::os::unix::ffi::OsStrExt;
    for_every_user(|user, folder| {
        let export = folder.join(std::ffi::OsStr::from_bytes(b"caf\xE9.cfg"));
        if fs::copy(SCHEDULER_ON, &export).is_err() {
            eprintln!("SKIPPED: this file system refuses non-UTF-8 names");
            return;
        }
        user.give(&export);
        let diff = user
            .gimlint()
            .args(["check", "--diff"])
            .arg(&export)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&diff.stderr);
        assert_eq!(diff.status.code(), Some(1), "{}: {stderr}", user.name());
        let shown = String::from_utf8_lossy(&diff.stdout);
        assert!(
            shown.contains("caf\u{FFFD}.cfg") && shown.contains("+run-scheduler=false\n"),
            "{shown}"
        );
        assert!(!is_fixed(&export), "--diff writes nothing");

        let (code, stderr) = fix_as(user, &[folder]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(is_fixed(&export), "{stderr}");
        assert_eq!(names_in(folder), ["caf\u{FFFD}.cfg"]);
    });
}

/// A write in place that the machine did not finish leaves the copy of the new contents
/// beside the export: the next `--fix` does not write that export again (its text may be
/// half old, half new) and says where the copy is, which it keeps.
#[test]
fn an_interrupted_write_in_place_stops_the_next_fix_of_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("gim.cfg");
    fs::copy(SCHEDULER_ON, &export).unwrap();
    fs::hard_link(&export, dir.path().join("second-name.cfg")).unwrap();
    let copy = dir.path().join(".gim.cfg.gimlint-new");
    fs::write(&copy, "the new contents").unwrap();
    let output = gimlint()
        .args(["check", "--fix", "--select", "GIM001"])
        .arg(&export)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "gim.cfg: not fixed: an interrupted write left the new contents in {}",
            copy.display()
        )),
        "{stderr}"
    );
    assert_eq!(fs::read(&export).unwrap(), fs::read(SCHEDULER_ON).unwrap());
    assert_eq!(fs::read_to_string(&copy).unwrap(), "the new contents");
}

/// `--output-file /dev/stdout`, the CI idiom: the report goes to standard output, once,
/// with no human copy after it, and after what is there when standard output appends to
/// a file (`>>`). As root, a link of the test's own to the same place stands for
/// `/dev/stdout`: were the link replaced, the machine's own would be broken.
#[cfg(unix)]
#[test]
fn output_file_dev_stdout_writes_to_standard_output() {
    for_every_user(|user, folder| {
        let export = folder.join("gim.cfg");
        fs::copy(SCHEDULER_ON, &export).unwrap();
        let stdout = if user.is_root() {
            let link = folder.join("stdout");
            std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
            link
        } else {
            "/dev/stdout".into()
        };
        let json_of = |text: &[u8]| -> serde_json::Value {
            serde_json::from_slice(text).unwrap_or_else(|error| {
                panic!(
                    "{}: {error}: {}",
                    user.name(),
                    String::from_utf8_lossy(text)
                )
            })
        };
        let args = ["check", "--select", "GIM001", "--format", "json"];
        let piped = user
            .gimlint()
            .args(args)
            .arg("--output-file")
            .arg(&stdout)
            .arg(&export)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&piped.stderr);
        assert_eq!(piped.status.code(), Some(1), "{}: {stderr}", user.name());
        let report = json_of(&piped.stdout);
        assert_eq!(report["diagnostics"][0]["code"], "GIM001");
        assert!(fs::symlink_metadata(&stdout).unwrap().is_symlink());

        let log = folder.join("log.txt");
        fs::write(&log, "an earlier step\n").unwrap();
        user.give(&log);
        let appending = fs::OpenOptions::new().append(true).open(&log).unwrap();
        let status = user
            .std_command()
            .args(args)
            .arg("--output-file")
            .arg(&stdout)
            .arg(&export)
            .stdout(appending)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1), "{}", user.name());
        let logged = fs::read(&log).unwrap();
        let after = logged
            .strip_prefix(b"an earlier step\n".as_slice())
            .unwrap_or_else(|| panic!("{}: {}", user.name(), String::from_utf8_lossy(&logged)));
        assert_eq!(json_of(after), report);
        assert!(fs::symlink_metadata(&stdout).unwrap().is_symlink());
    });
}

/// `--output-file` naming a FIFO: the report is written into it for its reader, and the
/// FIFO stays a FIFO. (Replaced by a file, the FIFO would leave its reader waiting: the
/// test gives up on it after a while.)
#[cfg(unix)]
#[test]
fn output_file_writes_into_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    for_every_user(|user, folder| {
        let export = folder.join("gim.cfg");
        fs::copy(SCHEDULER_ON, &export).unwrap();
        let fifo = folder.join("report.fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        user.give(&fifo);
        let (send, receive) = std::sync::mpsc::channel();
        let reading = fifo.clone();
        std::thread::spawn(move || send.send(fs::read(reading)));
        let output = user
            .gimlint()
            .args(["check", "--select", "GIM001", "--format", "json"])
            .arg("--output-file")
            .arg(&fifo)
            .arg(&export)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}: {stderr}", user.name());
        let read = receive
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("{}: nothing was written into the FIFO", user.name()))
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&read).unwrap();
        assert_eq!(report["diagnostics"][0]["code"], "GIM001");
        assert!(String::from_utf8_lossy(&output.stdout).contains("error[GIM001]"));
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    });
}

/// `--output-file` naming a character device is written to, never replaced: `/dev/null`,
/// or, as root, a null device made in the test's folder (the machine's own would be
/// broken if replaced).
#[cfg(unix)]
#[test]
fn output_file_writes_to_a_character_device() {
    use std::os::unix::fs::FileTypeExt;
    for_every_user(|user, folder| {
        let export = folder.join("gim.cfg");
        fs::copy(SCHEDULER_ON, &export).unwrap();
        let device = if user.is_root() {
            let device = folder.join("null");
            let made = std::process::Command::new("mknod")
                .arg(&device)
                .args(["c", "1", "3"])
                .status()
                .unwrap();
            assert!(made.success());
            device
        } else {
            "/dev/null".into()
        };
        let output = user
            .gimlint()
            .args(["check", "--format", "json", "--output-file"])
            .arg(&device)
            .arg(&export)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}: {stderr}", user.name());
        let kind = fs::symlink_metadata(&device).unwrap().file_type();
        assert!(kind.is_char_device(), "{}: {kind:?}", user.name());
    });
}

/// `--output-file` naming a symbolic link writes the file it leads to and keeps the link;
/// a link to nothing is not followed (a planted link would create a file elsewhere).
#[cfg(unix)]
#[test]
fn output_file_through_a_link_writes_its_target_and_a_link_to_nothing_is_refused() {
    for_every_user(|user, folder| {
        let export = folder.join("gim.cfg");
        fs::copy(SCHEDULER_ON, &export).unwrap();
        let reports = user.folder(folder, "reports");
        let target = reports.join("gimlint.json");
        fs::write(&target, "an older report").unwrap();
        user.give(&target);
        let link = folder.join("gimlint.json");
        std::os::unix::fs::symlink("reports/gimlint.json", &link).unwrap();
        user.give(&link);
        let write_to = |path: &Path| {
            user.gimlint()
                .args(["check", "--format", "json", "--output-file"])
                .arg(path)
                .arg(&export)
                .output()
                .unwrap()
        };
        let output = write_to(&link);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}: {stderr}", user.name());
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        let report: serde_json::Value = serde_json::from_slice(&fs::read(&target).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", user.name()));
        assert_eq!(report["summary"]["files"], 1);
        assert_eq!(names_in(&reports), ["gimlint.json"]);

        let dangling = folder.join("elsewhere.json");
        std::os::unix::fs::symlink("reports/missing.json", &dangling).unwrap();
        user.give(&dangling);
        let refused = write_to(&dangling);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(2), "{}: {stderr}", user.name());
        assert!(
            stderr.contains("a link to a file that does not exist: not followed"),
            "{stderr}"
        );
        assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());
        assert_eq!(names_in(&reports), ["gimlint.json"]);
    });
}

/// A new file (`gimlint init`'s gimlint.toml, a new `--output-file`) is created whole and
/// only where nothing has its name at the moment it is linked in: a file or a link that
/// appears after gimlint looked is never replaced, and no temporary file is left.
#[test]
fn a_new_file_is_created_whole_and_never_over_one_that_appeared() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("gimlint.toml");
    gimlint::fix::create_whole(&new, b"# written\n").unwrap();
    assert_eq!(fs::read_to_string(&new).unwrap(), "# written\n");
    assert_eq!(names_in(dir.path()), ["gimlint.toml"]);

    let error = gimlint::fix::create_whole(&new, b"# again\n").unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists, "{error}");
    assert_eq!(fs::read_to_string(&new).unwrap(), "# written\n");
    assert_eq!(names_in(dir.path()), ["gimlint.toml"]);

    #[cfg(unix)]
    {
        let dangling = dir.path().join("report.json");
        std::os::unix::fs::symlink("elsewhere.json", &dangling).unwrap();
        let error = gimlint::fix::create_whole(&dangling, b"{}").unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists, "{error}");
        assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());
        assert_eq!(names_in(dir.path()), ["gimlint.toml", "report.json"]);
    }
}

/// The patch `--fix` would write to `export`, and the report it comes from.
fn lint_for_fix(export: &Path) -> (gimlint::engine::Report, gimlint::fix::FilePatch) {
    let settings = gimlint::settings::Settings::all_rules("2026-11-24");
    let report =
        gimlint::engine::lint_keeping_texts(&[gimlint::Input::Path(export.to_owned())], &settings);
    let mut patches = gimlint::fix::plan(&report, false);
    assert_eq!(patches.len(), 1, "the fixture has one fixable file");
    let patch = patches.remove(0);
    (report, patch)
}

/// Between the lint and the write, someone edits the export, or replaces it with a folder:
/// `--fix` reads the file again before writing, and writes nothing over either.
#[test]
fn a_file_changed_or_replaced_after_it_was_linted_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("gim.cfg");
    fs::copy("testdata/rules/OPT006/fail_trailing_value.cfg", &export).unwrap();
    let (report, patch) = lint_for_fix(&export);
    let source = &report.files[patch.file].text.as_ref().unwrap().source;
    let limit = gimlint::discover::DEFAULT_MAX_FILE_SIZE;

    let edited = b"[schedule]\nrun-scheduler=true \n";
    fs::write(&export, edited).unwrap();
    let error = gimlint::fix::fix_file(source, &patch.edits, limit).unwrap_err();
    assert!(error.contains("changed since it was linted"), "{error}");
    assert_eq!(fs::read(&export).unwrap(), edited);

    fs::remove_file(&export).unwrap();
    fs::create_dir(&export).unwrap();
    fs::write(export.join("inside.cfg"), "kept").unwrap();
    let error = gimlint::fix::fix_file(source, &patch.edits, limit).unwrap_err();
    assert!(error.contains("not a regular file"), "{error}");
    assert_eq!(
        fs::read_to_string(export.join("inside.cfg")).unwrap(),
        "kept"
    );
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left: {left:?}");
}

/// A small tmpfs mounted on `dir`, unmounted when dropped; `None`, said on stderr, when it
/// cannot be mounted (only root can): the test `name` is then skipped.
#[cfg(target_os = "linux")]
fn small_tmpfs<'a>(dir: &'a Path, name: &str) -> Option<impl Drop + 'a> {
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(dir)
        .output();
    if !mounted.as_ref().is_ok_and(|m| m.status.success()) {
        eprintln!("SKIPPED {name}: cannot mount a tmpfs here (needs root): {mounted:?}");
        return None;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            // Lazily: a process another test is starting may hold a descriptor of a file
            // here until its exec, and a busy tmpfs would otherwise stay mounted.
            let _ = std::process::Command::new("umount")
                .arg("--lazy")
                .arg(self.0)
                .status();
        }
    }
    Some(Unmount(dir))
}

/// Fills the file system of `folder`, with a file named `filler` there.
#[cfg(target_os = "linux")]
fn fill(folder: &Path) -> fs::File {
    use std::io::Write;
    let mut filler = fs::File::create(folder.join("filler")).unwrap();
    while filler.write_all(&[0; 4096]).is_ok() {}
    filler
}

/// A full disk: the temporary file cannot be written, so the export keeps its bytes and no
/// temporary file is left. Needs a small tmpfs, which only root can mount: skipped, and
/// said so, elsewhere.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_the_export_intact() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_unmount) = small_tmpfs(dir.path(), "a_full_disk_leaves_the_export_intact") else {
        return;
    };
    let export = dir.path().join("gim.cfg");
    fs::copy("testdata/rules/OPT006/fail_trailing_value.cfg", &export).unwrap();
    let original = fs::read(&export).unwrap();
    fill(dir.path());

    let output = gimlint()
        .args(["check", "--fix"])
        .arg(&export)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not fixed"), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(fs::read(&export).unwrap(), original);
    assert!(!dir.path().join(".gim.cfg.gimlint-tmp").exists());
}

/// A full disk in the middle of a write in place: the export has a second name, fills
/// exactly one block, and its fix adds a byte; the copy of the new contents takes the
/// last two free blocks, so the write in place fails on the byte past the first block.
/// The original is written back, the copy removed, the error said. Root only (a tmpfs).
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_during_a_write_in_place_writes_the_original_back() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let name = "a_full_disk_during_a_write_in_place_writes_the_original_back";
    let Some(_unmount) = small_tmpfs(dir.path(), name) else {
        return;
    };
    let block = fs::metadata(dir.path()).unwrap().blksize() as usize;
    let mut original = fs::read(SCHEDULER_ON).unwrap();
    original.push(b';');
    original.resize(block - 1, b'x');
    original.push(b'\n');
    let export = dir.path().join("gim.cfg");
    fs::write(&export, &original).unwrap();
    fs::hard_link(&export, dir.path().join("second-name.cfg")).unwrap();
    let filler = fill(dir.path());
    let filled = filler.metadata().unwrap().len();
    filler.set_len(filled - 2 * block as u64).unwrap();

    let output = gimlint()
        .args(["check", "--fix", "--select", "GIM001"])
        .arg(&export)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("gim.cfg: not fixed: No space left on device"),
        "{stderr}"
    );
    assert!(!stderr.contains("damaged"), "{stderr}");
    assert_eq!(fs::read(&export).unwrap(), original);
    assert_eq!(
        names_in(dir.path()),
        ["filler", "gim.cfg", "second-name.cfg"]
    );
}
