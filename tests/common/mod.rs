//! Helpers shared by the integration tests.

use assert_cmd::Command;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// gimlint as a user that file permissions apply to, copied into `dir`, which is opened to
/// other users (temporary folders are private). Root ignores permissions, so as root gimlint
/// runs as `nobody` through util-linux's setpriv, and the uid it runs as is returned (for
/// files the test wants that user to own). `None`, said on stderr, when that is impossible:
/// the test is then skipped.
pub fn unprivileged_gimlint(dir: &Path) -> Option<(Command, Option<u32>)> {
    const NOBODY: u32 = 65534;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let binary = dir.join("gimlint");
    std::fs::copy(env!("CARGO_BIN_EXE_gimlint"), &binary).unwrap();
    if std::fs::metadata(dir).unwrap().uid() != 0 {
        return Some((Command::new(&binary), None));
    }
    if !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("SKIPPED: running as root without setpriv, permissions cannot be tested");
        return None;
    }
    let mut command = Command::new("/usr/bin/setpriv");
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&binary);
    Some((command, Some(NOBODY)))
}
