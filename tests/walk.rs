//! Which files a run lints when it walks folders: what git ignores, `exclude` and
//! `extend-exclude` (gimlint.toml and the command line), and the files named explicitly,
//! with and without `--force-exclude`.

use assert_cmd::Command;
use std::path::Path;

/// An option export with one finding (GIM001), so that a linted file shows.
const EXPORT: &str = "[schedule]\nrun-scheduler=true\n[gim-etl]\nrole=ETL\n";

struct Run {
    code: i32,
    /// The files linted, in the order of the output.
    files: Vec<String>,
    notes: Vec<String>,
    stderr: String,
}

/// `gimlint check --format json ARGS` in `dir`.
fn check(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("gimlint")
        .unwrap()
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| serde_json::json!({ "applications": [], "notes": [] }));
    let strings = |key: &str, field: Option<&str>| {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|value| {
                field
                    .map_or(value, |field| &value[field])
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    Run {
        code: output.status.code().unwrap(),
        files: strings("applications", Some("path")),
        notes: strings("notes", None),
        stderr,
    }
}

/// A project folder with the exports at `paths` (relative, `/`-separated).
fn project(paths: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for path in paths {
        write(dir.path(), path, EXPORT);
    }
    dir
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn what_git_ignores_is_not_walked_inside_a_repository() {
    let dir = project(&[
        "exports/gim.cfg",
        "generated/gim.cfg",
        "local/gim.cfg",
        "exports/gim.cfg.orig.cfg",
    ]);
    write(dir.path(), ".gitignore", "generated/\n*.orig.cfg\n");
    // Outside a repository, as git (and ripgrep) do, a .gitignore means nothing.
    let outside = check(dir.path(), &["."]);
    assert_eq!(
        outside.files,
        [
            "./exports/gim.cfg",
            "./exports/gim.cfg.orig.cfg",
            "./generated/gim.cfg",
            "./local/gim.cfg",
        ]
    );
    std::fs::create_dir_all(dir.path().join(".git/info")).unwrap();
    write(dir.path(), ".git/info/exclude", "local/\n");
    let inside = check(dir.path(), &["."]);
    assert_eq!(inside.files, ["./exports/gim.cfg"], "{}", inside.stderr);
    assert_eq!(inside.code, 1);
    // A folder below the root of the repository is walked by the same rules.
    let below = check(&dir.path().join("exports"), &["."]);
    assert_eq!(below.files, ["./gim.cfg"]);
}

#[test]
fn ignore_files_are_honoured_everywhere() {
    let dir = project(&["exports/gim.cfg", "scratch/gim.cfg"]);
    write(dir.path(), ".ignore", "scratch/\n");
    assert_eq!(check(dir.path(), &["."]).files, ["./exports/gim.cfg"]);
}

#[test]
fn build_outputs_and_environments_are_excluded_by_default() {
    let dir = project(&[
        "build/gim.cfg",
        "dist/gim.cfg",
        "exports/gim.cfg",
        "exports/node_modules/gim.cfg",
        "target/gim.cfg",
        "venv/gim.cfg",
        ".venv/gim.cfg",
    ]);
    assert_eq!(check(dir.path(), &["."]).files, ["./exports/gim.cfg"]);
    // A folder named is walked whatever its name.
    assert_eq!(check(dir.path(), &["build"]).files, ["build/gim.cfg"]);
}

#[test]
fn exclude_in_gimlint_toml_replaces_the_defaults_and_extend_exclude_adds() {
    let dir = project(&[
        "project/build/gim.cfg",
        "project/exports/gim.cfg",
        "project/exports/legacy/gim.cfg",
        "project/lab/gim.cfg",
        "project/old.cfg",
    ]);
    let project = dir.path().join("project");
    write(&project, "gimlint.toml", "exclude = [\"lab\"]\n");
    // Run from above: the globs are relative to gimlint.toml's folder, not the current one.
    assert_eq!(
        check(dir.path(), &["project"]).files,
        [
            "project/build/gim.cfg",
            "project/exports/gim.cfg",
            "project/exports/legacy/gim.cfg",
            "project/old.cfg",
        ]
    );
    write(
        &project,
        "gimlint.toml",
        "extend-exclude = [\"exports/legacy/\", \"/old.cfg\"]\n",
    );
    assert_eq!(
        check(dir.path(), &["project"]).files,
        ["project/exports/gim.cfg", "project/lab/gim.cfg"]
    );
    // An anchored glob matches below gimlint.toml's folder only.
    assert_eq!(
        check(&project, &["exports"]).files,
        ["exports/gim.cfg"],
        "exports/legacy/ is left out when the walk starts below the folder of gimlint.toml"
    );
}

#[test]
fn exclude_on_the_command_line_is_relative_to_the_current_folder() {
    let dir = project(&[
        "project/build/gim.cfg",
        "project/exports/gim.cfg",
        "project/lab/gim.cfg",
        "project/lab/keep.cfg",
    ]);
    let project = dir.path().join("project");
    write(&project, "gimlint.toml", "exclude = [\"exports\"]\n");
    // `--exclude` replaces gimlint.toml's `exclude` and the defaults.
    assert_eq!(
        check(dir.path(), &["--exclude", "project/lab/gim.cfg", "project"]).files,
        [
            "project/build/gim.cfg",
            "project/exports/gim.cfg",
            "project/lab/keep.cfg"
        ]
    );
    // `--extend-exclude` adds to gimlint.toml's `exclude` (which replaced the defaults),
    // comma-separated as ruff takes it.
    assert_eq!(
        check(&project, &["--extend-exclude", "lab/keep.cfg,nothing", "."]).files,
        ["./build/gim.cfg", "./lab/gim.cfg"]
    );
}

#[test]
fn a_file_named_is_linted_unless_force_exclude_leaves_it_out() {
    let dir = project(&[
        "build/gim.cfg",
        "generated/gim.cfg",
        "exports/gim.cfg",
        "exports/lab/gim.cfg",
    ]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), ".gitignore", "generated/\n");
    write(dir.path(), "gimlint.toml", "extend-exclude = [\"lab\"]\n");
    let named = [
        "build/gim.cfg",
        "generated/gim.cfg",
        "exports/gim.cfg",
        "exports/lab/gim.cfg",
    ];
    let linted = check(dir.path(), &named);
    assert_eq!(linted.files, named, "{}", linted.stderr);
    assert!(linted.notes.is_empty(), "{:?}", linted.notes);

    let hook = check(
        dir.path(),
        &[&["--force-exclude"], named.as_slice()].concat(),
    );
    assert_eq!(hook.files, ["exports/gim.cfg"], "{}", hook.stderr);
    assert_eq!(
        hook.notes,
        ["build/gim.cfg", "generated/gim.cfg", "exports/lab/gim.cfg"].map(|path| format!(
            "skipped {path}: named, but --force-exclude leaves out what exclude, \
             extend-exclude or git ignores"
        ))
    );
    // Only files left out: nothing to lint, and nothing wrong (a pre-commit hook's run).
    let nothing = check(
        dir.path(),
        &["--force-exclude", "build/gim.cfg", "generated", "build"],
    );
    assert_eq!(
        (nothing.code, nothing.files.len()),
        (0, 0),
        "{}",
        nothing.stderr
    );
    assert!(nothing.stderr.is_empty(), "{}", nothing.stderr);
    // The folders above the folder of gimlint.toml are not looked at: a checkout inside a
    // folder named `build` is not excluded.
    let inside_build = dir.path().join("build/checkout");
    write(&inside_build, "gim.cfg", EXPORT);
    write(&inside_build, "gimlint.toml", "");
    assert_eq!(
        check(&inside_build, &["--force-exclude", "gim.cfg"]).files,
        ["gim.cfg"]
    );
}

#[test]
fn a_glob_that_does_not_parse_is_an_error_that_says_where() {
    let dir = project(&["gim.cfg"]);
    write(
        dir.path(),
        "gimlint.toml",
        "extend-exclude = [\"lab\",\n  \"exports/[a\"]\n",
    );
    let run = check(dir.path(), &["."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "invalid configuration: line 2, column 3: extend-exclude: `exports/[a`: error parsing glob"
        ),
        "{}",
        run.stderr
    );
    // The file is still linted, without gimlint.toml.
    assert_eq!(run.files, ["./gim.cfg"]);

    std::fs::remove_file(dir.path().join("gimlint.toml")).unwrap();
    let run = check(dir.path(), &["--exclude", "ok,{a", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("gimlint: error: --exclude `{a`: error parsing glob"),
        "{}",
        run.stderr
    );
}
