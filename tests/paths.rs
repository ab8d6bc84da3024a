//! One path per file in every machine output, whichever way the file is named and from
//! whichever folder of the project; patches `git apply` accepts; annotations under GitHub
//! Actions beside any other output.

mod common;

use assert_cmd::Command;
use common::run;
use serde_json::Value;
use std::path::Path;

/// `gimlint` in `folder`, with a clean environment (not GitHub Actions unless a test says).
fn gimlint(folder: &Path) -> Command {
    let mut cmd = common::gimlint();
    cmd.current_dir(folder);
    cmd
}

/// A git repository (a `.git` folder is all gimlint looks for) holding `x.cfg` and
/// `sub/y.cfg`, each with a GIM001 error.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    for file in ["x.cfg", "sub/y.cfg"] {
        std::fs::copy("testdata/rules/GIM001/fail_true.cfg", dir.path().join(file)).unwrap();
    }
    dir
}

/// What each machine output says of where a run's findings are.
#[derive(Debug, PartialEq)]
struct Places {
    sarif_uris: Vec<Value>,
    sarif_fingerprints: Vec<Value>,
    sarif_root: Value,
    gitlab_paths: Vec<Value>,
    gitlab_fingerprints: Vec<Value>,
    junit_names: Vec<String>,
    annotation_files: Vec<String>,
}

fn places(folder: &Path, path: &str) -> Places {
    let format = |format: &str| {
        let result = run(gimlint(folder).args(["check", "--format", format, path]));
        assert_eq!(result.code, 1, "{format} {path}: {}", result.stderr);
        result.stdout
    };
    let sarif: Value = serde_json::from_str(&format("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let gitlab: Value = serde_json::from_str(&format("gitlab")).unwrap();
    let gitlab = gitlab.as_array().unwrap();
    let junit = format("junit");
    let github = format("github");
    Places {
        sarif_uris: results
            .iter()
            .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"].clone())
            .collect(),
        sarif_fingerprints: results
            .iter()
            .map(|r| r["partialFingerprints"].clone())
            .collect(),
        sarif_root: sarif["runs"][0]["originalUriBaseIds"].clone(),
        gitlab_paths: gitlab
            .iter()
            .map(|i| i["location"]["path"].clone())
            .collect(),
        gitlab_fingerprints: gitlab.iter().map(|i| i["fingerprint"].clone()).collect(),
        junit_names: junit
            .lines()
            .filter(|l| l.contains("<testsuite "))
            .map(str::to_owned)
            .collect(),
        annotation_files: github
            .lines()
            .map(|l| l.split([' ', ',']).nth(1).unwrap().to_owned())
            .collect(),
    }
}

#[test]
fn every_spelling_of_a_path_gives_the_same_place_in_every_machine_output() {
    let dir = project();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let absolute = root.join("x.cfg");
    let typed = places(dir.path(), "x.cfg");
    assert_eq!(
        typed.sarif_uris[0],
        serde_json::json!({ "uri": "x.cfg", "uriBaseId": "%SRCROOT%" })
    );
    assert_eq!(
        typed.sarif_root,
        serde_json::json!({ "%SRCROOT%": { "uri": format!("file://{}/", root.display()) } })
    );
    assert_eq!(typed.gitlab_paths[0], "x.cfg");
    assert!(
        typed.junit_names[0].contains("<testsuite name=\"x.cfg\""),
        "{:?}",
        typed.junit_names
    );
    assert_eq!(typed.annotation_files, ["file=x.cfg", "file=x.cfg"]);
    for spelling in ["./x.cfg", absolute.to_str().unwrap(), "sub/../x.cfg"] {
        assert_eq!(places(dir.path(), spelling), typed, "{spelling}");
    }
    // From a subfolder of the repository, the root is still the repository's.
    assert_eq!(places(&dir.path().join("sub"), "../x.cfg"), typed);
    let below = places(dir.path(), "sub/y.cfg");
    assert_eq!(below.gitlab_paths[0], "sub/y.cfg");
    assert_eq!(places(&dir.path().join("sub"), "./y.cfg"), below);
}

#[test]
fn paths_are_relative_to_the_folder_of_the_gimlint_toml_in_use() {
    let dir = project();
    std::fs::write(dir.path().join("sub/gimlint.toml"), "").unwrap();
    let sarif = run(gimlint(dir.path()).args(["check", "--format", "sarif", "sub/y.cfg"]));
    let sarif: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
        serde_json::json!({ "uri": "y.cfg", "uriBaseId": "%SRCROOT%" })
    );
    // GitHub resolves annotations from the checkout: they stay relative to the repository.
    let github = run(gimlint(dir.path()).args(["check", "--format", "github", "sub/y.cfg"]));
    assert!(
        github.stdout.contains("::error file=sub/y.cfg,"),
        "{}",
        github.stdout
    );
}

#[test]
fn a_file_outside_the_project_is_an_absolute_file_uri_in_sarif() {
    let dir = project();
    let outside = tempfile::tempdir().unwrap();
    let file = std::fs::canonicalize(outside.path()).unwrap().join("z.cfg");
    std::fs::copy("testdata/rules/GIM001/fail_true.cfg", &file).unwrap();
    let sarif =
        run(gimlint(dir.path()).args(["check", "--format", "sarif", file.to_str().unwrap()]));
    let sarif: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
        serde_json::json!({ "uri": format!("file://{}", file.display()) })
    );
}

#[test]
fn a_baseline_holds_across_path_spellings_and_folders() {
    let dir = project();
    let baseline = dir.path().join("bl.json");
    let written = run(gimlint(dir.path()).args([
        "check",
        "--write-baseline",
        baseline.to_str().unwrap(),
        "x.cfg",
        "sub/y.cfg",
    ]));
    assert_eq!(written.code, 0, "{}", written.stderr);
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(recorded["version"], 2);
    let absolute = std::fs::canonicalize(dir.path()).unwrap().join("x.cfg");
    for (folder, paths) in [
        (dir.path().to_path_buf(), vec!["./x.cfg", "./sub/y.cfg"]),
        (
            dir.path().to_path_buf(),
            vec![absolute.to_str().unwrap(), "sub"],
        ),
        (dir.path().join("sub"), vec!["../x.cfg", "y.cfg"]),
    ] {
        let result = run(gimlint(&folder)
            .args(["check", "--format", "json", "--baseline"])
            .arg(&baseline)
            .args(&paths));
        assert_eq!(result.code, 0, "{paths:?}: {}", result.stdout);
        let json: Value = serde_json::from_str(&result.stdout).unwrap();
        assert!(
            json["notes"].as_array().unwrap().contains(&Value::from(
                "4 findings recorded in the baseline not shown"
            )),
            "{paths:?}: {}",
            json["notes"]
        );
    }
}

#[test]
fn a_version_1_baseline_of_paths_as_typed_still_matches() {
    let dir = project();
    let baseline = dir.path().join("bl.json");
    std::fs::write(
        &baseline,
        r#"{"version": 1, "findings": [
            {"path": "./x.cfg", "place": "[schedule]run-scheduler", "rule": "GIM001", "count": 1},
            {"path": "./x.cfg", "place": "[gim-etl]", "rule": "GIM006", "count": 1}
        ]}"#,
    )
    .unwrap();
    let result = run(gimlint(dir.path())
        .args(["check", "--format", "short", "--baseline"])
        .arg(&baseline)
        .arg("x.cfg"));
    assert_eq!(result.code, 0, "{}{}", result.stdout, result.stderr);
}

#[test]
fn a_baseline_that_matches_nothing_says_so() {
    let dir = project();
    let baseline = dir.path().join("bl.json");
    std::fs::write(
        &baseline,
        r#"{"version": 2, "findings": [
            {"path": "elsewhere/x.cfg", "place": "[schedule]run-scheduler", "rule": "GIM001", "count": 1}
        ]}"#,
    )
    .unwrap();
    let lint = |format: &str| {
        run(gimlint(dir.path())
            .args([
                "check",
                "--color",
                "never",
                "--format",
                format,
                "--baseline",
            ])
            .arg(&baseline)
            .arg("x.cfg"))
    };
    let human = lint("human");
    assert_eq!(human.code, 1);
    assert!(
        human.stdout.contains("the baseline")
            && human
                .stdout
                .contains("records 1 finding and none of them matched this run"),
        "{}",
        human.stdout
    );
    let json: Value = serde_json::from_str(&lint("json").stdout).unwrap();
    assert!(
        json["notes"].as_array().unwrap().iter().any(|note| note
            .as_str()
            .unwrap()
            .contains("none of them matched this run")),
        "{}",
        json["notes"]
    );
}

/// `git` in `folder`.
fn git(folder: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .current_dir(folder)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn diffs_apply_with_git_apply_whichever_way_the_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for file in ["gim.cfg", "sub/gim.cfg"] {
        std::fs::copy("testdata/rules/GIM001/fail_true.cfg", dir.path().join(file)).unwrap();
    }
    let absolute = dir.path().join("sub/gim.cfg");
    let sub = dir.path().join("sub");
    for (folder, path, files) in [
        (dir.path(), ".", 2),
        (dir.path(), "./sub", 1),
        (dir.path(), "gim.cfg", 1),
        (dir.path(), absolute.to_str().unwrap(), 1),
        // git reads a patch's paths from the top of the repository, from any folder of it.
        (sub.as_path(), "gim.cfg", 1),
        (sub.as_path(), ".", 1),
    ] {
        let diff = run(gimlint(folder).args(["check", "--diff", path]));
        assert_eq!(diff.code, 1, "{path}: {}", diff.stderr);
        let patch = dir.path().join("fixes.patch");
        std::fs::write(&patch, &diff.stdout).unwrap();
        let applied = git(folder, &["apply", "--check", "-v", patch.to_str().unwrap()]);
        let said = String::from_utf8_lossy(&applied.stderr).into_owned()
            + &String::from_utf8_lossy(&applied.stdout);
        // `git apply` skips, with success, a patch of a path it does not find below the
        // current folder.
        assert!(
            applied.status.success()
                && !said.contains("Skipped")
                && said.matches("Checking patch").count() == files,
            "{path} from {}:\n{}\n{said}",
            folder.display(),
            diff.stdout
        );
    }
}

#[test]
fn under_github_actions_annotations_come_beside_the_output_file() {
    let dir = project();
    let sarif_file = dir.path().join("x.sarif");
    let result = run(gimlint(dir.path()).env("GITHUB_ACTIONS", "true").args([
        "check",
        "--format",
        "sarif",
        "--output-file",
        sarif_file.to_str().unwrap(),
        "--color",
        "never",
        "./x.cfg",
    ]));
    assert_eq!(result.code, 1);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_file).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    // The human report for the log, then the annotations.
    assert!(result.stdout.contains("error[GIM001]"), "{}", result.stdout);
    assert!(
        result
            .stdout
            .contains("::error file=x.cfg,line=6,col=15,endLine=6,endColumn=19,title=GIM001 "),
        "{}",
        result.stdout
    );
    // SARIF on standard output stays SARIF: the annotations go to standard error, which the
    // runner reads for workflow commands too.
    let piped = run(gimlint(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "--format", "sarif", "x.cfg"]));
    let _: Value = serde_json::from_str(&piped.stdout).unwrap();
    assert!(
        piped.stderr.contains("::error file=x.cfg,"),
        "{}",
        piped.stderr
    );
    // The github format on standard output is not written twice.
    let github = run(gimlint(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "x.cfg"]));
    assert_eq!(
        github.stdout.matches("::error ").count(),
        1,
        "{}",
        github.stdout
    );
    assert!(!github.stderr.contains("::"), "{}", github.stderr);
}

#[test]
fn annotations_are_capped_per_kind_with_a_notice_of_the_rest_and_show_no_secret() {
    let dir = project();
    let mut text = String::from("[gim-etl]\n[db]\npassword=S3cretValue99\nnote=S3cretValue99 \n");
    for i in 0..14 {
        text.push_str(&format!("opt{i}=v{i} \n"));
    }
    std::fs::write(dir.path().join("many.cfg"), text).unwrap();
    let result = run(gimlint(dir.path()).env("GITHUB_ACTIONS", "true").args([
        "check",
        "--format",
        "gitlab",
        "--output-file",
        "cq.json",
        "many.cfg",
    ]));
    let annotations: Vec<&str> = result
        .stdout
        .lines()
        .filter(|l| l.starts_with("::"))
        .collect();
    let warnings = annotations
        .iter()
        .filter(|l| l.starts_with("::warning "))
        .count();
    assert_eq!(warnings, 10, "{}", result.stdout);
    // 14 OPT006 on `optN`, one on `note`, one SEC001: 6 more than GitHub shows.
    assert_eq!(
        annotations.last().unwrap(),
        &"::notice title=gimlint::6 more findings not shown as annotations (GitHub shows 10 of each kind): see cq.json"
    );
    assert!(
        !result.stdout.contains("S3cretValue99"),
        "{}",
        result.stdout
    );
    assert!(
        annotations
            .iter()
            .any(|l| l.contains("after the value `*************` of `note`")),
        "{}",
        result.stdout
    );
    // Without GitHub Actions, the github format shows every finding.
    let all = run(gimlint(dir.path()).args(["check", "--format", "github", "many.cfg"]));
    assert_eq!(
        all.stdout.matches("::warning ").count(),
        16,
        "{}",
        all.stdout
    );
}
