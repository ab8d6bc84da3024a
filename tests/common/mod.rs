//! Helpers shared by the integration tests.
// Each test crate compiles this module and uses only some of its helpers.
#![allow(dead_code)]

use assert_cmd::Command;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The uid and gid of `nobody` and `nogroup`, which tests run as root give gimlint.
pub const NOBODY: u32 = 65534;

/// A user a test runs gimlint as.
pub struct User {
    binary: PathBuf,
    /// Run through util-linux's setpriv as `nobody` (the tests run as root).
    nobody: bool,
    /// The tests run as root.
    tests_as_root: bool,
}

impl User {
    /// gimlint, run as this user.
    pub fn gimlint(&self) -> Command {
        Command::from_std(self.std_command())
    }

    /// gimlint, run as this user, as a standard library command (whose output can go to a
    /// file).
    pub fn std_command(&self) -> std::process::Command {
        let mut command = if self.nobody {
            let mut command = std::process::Command::new("/usr/bin/setpriv");
            command
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&self.binary);
            command
        } else {
            std::process::Command::new(&self.binary)
        };
        command
            .env_remove("NO_COLOR")
            .env("SOURCE_DATE_EPOCH", "1795000000");
        command
    }

    /// The uid (and gid) that files this user owns must be given, when the test creates
    /// them as another user; `None` when the test's files are already this user's.
    pub fn uid(&self) -> Option<u32> {
        self.nobody.then_some(NOBODY)
    }

    /// Root, whom file permissions do not stop.
    pub fn is_root(&self) -> bool {
        !self.nobody && self.tests_as_root
    }

    /// Who this is, for assertion messages.
    pub fn name(&self) -> &'static str {
        match (self.nobody, self.is_root()) {
            (true, _) => "nobody",
            (false, true) => "root",
            (false, false) => "the test's user",
        }
    }

    /// Gives `path` (a file or a link itself) to this user.
    pub fn give(&self, path: &Path) {
        if let Some(uid) = self.uid() {
            std::os::unix::fs::lchown(path, Some(uid), Some(uid)).unwrap();
        }
    }

    /// A folder in `dir` that this user owns and may write in.
    pub fn folder(&self, dir: &Path, name: &str) -> PathBuf {
        let folder = dir.join(name);
        std::fs::create_dir(&folder).unwrap();
        self.give(&folder);
        folder
    }
}

/// Whether the tests run as root: `dir`, which they made, is root's.
fn tests_as_root(dir: &Path) -> bool {
    std::fs::metadata(dir).unwrap().uid() == 0
}

/// gimlint where `nobody` may run it: `dir`, opened to other users (temporary folders are
/// private). Linked there rather than copied when the file system allows: a copy is open for
/// writing for a while, and a test that starts a process meanwhile lends that descriptor to
/// its child until the child's exec, so that running the copy may fail with "Text file busy".
fn binary_for_nobody(dir: &Path) -> PathBuf {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let binary = dir.join("gimlint");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_gimlint"), &binary).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_gimlint"), &binary).unwrap();
    }
    binary
}

/// gimlint as a user that file permissions apply to: the test's user, or `nobody` through
/// setpriv (gimlint linked or copied into `dir`) when that is root. `None`, said on stderr,
/// when that is impossible: the test is then skipped.
#[allow(clippy::print_stderr)] // saying what a test skipped
pub fn unprivileged_user(dir: &Path) -> Option<User> {
    if !tests_as_root(dir) {
        return Some(User {
            binary: env!("CARGO_BIN_EXE_gimlint").into(),
            nobody: false,
            tests_as_root: false,
        });
    }
    if !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("SKIPPED: running as root without setpriv, permissions cannot be tested");
        return None;
    }
    Some(User {
        binary: binary_for_nobody(dir),
        nobody: true,
        tests_as_root: true,
    })
}

/// gimlint as each user a test of file identity runs it as: the test's user and, when that
/// is root (whom permissions do not stop, and who may give files away), `nobody` too (with
/// gimlint linked or copied into `dir`), when setpriv is there (said on stderr when not).
#[allow(clippy::print_stderr)] // saying what a test skipped
pub fn every_user(dir: &Path) -> Vec<User> {
    let root = tests_as_root(dir);
    let mut users = vec![User {
        binary: env!("CARGO_BIN_EXE_gimlint").into(),
        nobody: false,
        tests_as_root: root,
    }];
    if root {
        if Path::new("/usr/bin/setpriv").exists() {
            users.push(User {
                binary: binary_for_nobody(dir),
                nobody: true,
                tests_as_root: true,
            });
        } else {
            eprintln!("SKIPPED: running as root without setpriv: not run as nobody");
        }
    }
    users
}

/// gimlint as a user that file permissions apply to (see [`unprivileged_user`]), and the
/// uid it runs as when that is not the test's.
pub fn unprivileged_gimlint(dir: &Path) -> Option<(Command, Option<u32>)> {
    let user = unprivileged_user(dir)?;
    Some((user.gimlint(), user.uid()))
}

/// gimlint with an environment that changes nothing it prints: no colour, width, locale,
/// terminal, link, CI or hook variables of the shell running the tests, and a fixed clock
/// (2026-11-18).
pub fn gimlint() -> Command {
    let mut cmd = Command::cargo_bin("gimlint").unwrap();
    for name in [
        "NO_COLOR",
        "COLUMNS",
        "TERM",
        "TERM_PROGRAM",
        "LC_ALL",
        "LC_CTYPE",
        "LANG",
        "FORCE_HYPERLINK",
        "VTE_VERSION",
        "WT_SESSION",
        "KONSOLE_VERSION",
        "DOMTERM",
        "PRE_COMMIT",
        "GITHUB_ACTIONS",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("SOURCE_DATE_EPOCH", "1795000000");
    cmd
}

/// What a run of gimlint ended with.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().unwrap();
    Run {
        code: output.status.code().expect("exited normally"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}
