//! `--fix` and `--diff` end to end, on copies of the encoding fixtures: only the intended
//! bytes change, whatever the encoding, BOM and line endings.

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

#[test]
fn suggestions_need_unsafe_fixes_and_stdin_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gim.cfg");
    fs::copy("testdata/rules/CAL001/fail_minus_one.cfg", &file).unwrap();
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
        .contains("date-time-start-year=2025"));

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

/// `--fix` on a writable export in a folder the user may not write to: the atomic write
/// needs a temporary file beside the export, so it fails with exit 2 and the export keeps
/// its bytes (a fallback that rewrote the file in place would succeed here, and fail this).
/// CI runs as root, which ignores permissions: then gimlint runs as `nobody` via setpriv.
#[cfg(unix)]
#[test]
fn a_fix_in_a_read_only_folder_fails_cleanly_with_the_original_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let Some((mut command, uid)) = common::unprivileged_gimlint(dir.path()) else {
        return;
    };
    let folder = dir.path().join("exports");
    fs::create_dir(&folder).unwrap();
    let export = folder.join("gim.cfg");
    fs::copy("testdata/rules/GIM001/fail_true.cfg", &export).unwrap();
    let original = fs::read(&export).unwrap();
    // The export is the user's and writable: only the folder stops the write.
    if let Some(uid) = uid {
        std::os::unix::fs::chown(&export, Some(uid), Some(uid)).unwrap();
    }
    fs::set_permissions(&export, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();

    let output = command
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .current_dir(dir.path())
        .args(["check", "--fix", "exports/gim.cfg"])
        .output()
        .unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("exports/gim.cfg: not fixed: Permission denied"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(&export).unwrap(),
        original,
        "the export is unchanged"
    );
    let left: Vec<_> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["gim.cfg"], "no temporary file is left behind");
}

/// A read-only export is not replaced, though renaming over it would succeed: exit 2, the
/// error said, the bytes unchanged. A temporary file left by a killed run, or a link planted
/// in its place, does not stop the fix and its target is not written.
#[cfg(unix)]
#[test]
fn a_read_only_export_is_left_alone_and_stale_temporary_files_are_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("gim.cfg");
    fs::copy("testdata/rules/GIM001/fail_true.cfg", &export).unwrap();
    let original = fs::read(&export).unwrap();
    fs::set_permissions(&export, fs::Permissions::from_mode(0o444)).unwrap();
    let output = gimlint()
        .args(["check", "--fix"])
        .arg(&export)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not fixed: the file is read-only"),
        "{stderr}"
    );
    assert_eq!(fs::read(&export).unwrap(), original);

    fs::set_permissions(&export, fs::Permissions::from_mode(0o644)).unwrap();
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
    assert!(fs::read_to_string(&export)
        .unwrap()
        .contains("run-scheduler=false"));
    assert_eq!(fs::read_to_string(&bystander).unwrap(), "untouched");
    assert!(!dir.path().join(".gim.cfg.gimlint-tmp").exists());
}

/// The patch `--fix` would write to `export`, and the report it comes from.
fn lint_for_fix(export: &Path) -> (gimlint::Report, gimlint::fix::FilePatch) {
    let settings = gimlint::settings::Settings::all_rules("2026-11-24");
    let report = gimlint::lint(&[gimlint::Input::Path(export.to_owned())], &settings);
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
    let source = &report.files[patch.file].source;
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

/// A full disk: the temporary file cannot be written, so the export keeps its bytes and no
/// temporary file is left. Needs a small tmpfs, which only root can mount: skipped, and
/// said so, elsewhere.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_the_export_intact() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(dir.path())
        .output();
    if !mounted.as_ref().is_ok_and(|m| m.status.success()) {
        eprintln!("SKIPPED a_full_disk_leaves_the_export_intact: cannot mount a tmpfs here (needs root): {mounted:?}");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(dir.path());
    let export = dir.path().join("gim.cfg");
    fs::copy("testdata/rules/OPT006/fail_trailing_value.cfg", &export).unwrap();
    let original = fs::read(&export).unwrap();
    let mut filler = fs::File::create(dir.path().join("filler")).unwrap();
    while filler.write_all(&[0; 4096]).is_ok() {}
    drop(filler);

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
