//! The work gimlint does grows linearly with its input: for each shape of input (many lines,
//! many sections, one option repeated, one long line, deep XML, many files of one fleet), a
//! run on twice the input executes at most 2.5 times the instructions of a run on the input
//! (linear work gives about 2, a quadratic step about 4). Instructions are counted by
//! valgrind (cachegrind, no cache simulation), which gives the same count on every run,
//! unlike time; without valgrind the test says it is skipped (CI installs it).

use std::path::Path;
use std::process::Command;

/// The instructions `gimlint check --format json PATH` executes; `None` when valgrind cannot
/// be run.
fn instructions(path: &Path) -> Option<u64> {
    let output = Command::new("valgrind")
        .args([
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
        ])
        .arg(env!("CARGO_BIN_EXE_gimlint"))
        .args(["check", "--format", "json"])
        .arg(path)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .output();
    let Ok(output) = output else {
        return None;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "gimlint could not lint {}: {stderr}",
        path.display()
    );
    let refs = stderr
        .lines()
        .find_map(|line| line.split("I   refs:").nth(1))
        .unwrap_or_else(|| panic!("no instruction count from valgrind: {stderr}"));
    Some(refs.trim().replace(',', "").parse().unwrap())
}

/// Writes what `make(n)` gives for `n` and `2n` under `name` and compares the counts.
fn grows_linearly(name: &str, n: usize, make: impl Fn(&Path, usize)) {
    let dir = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    for size in [n, 2 * n] {
        let path = dir.path().join(format!("{size}")).join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        make(&path, size);
        let Some(count) = instructions(&path) else {
            eprintln!("SKIPPED {name}: valgrind is not installed");
            return;
        };
        counts.push(count);
    }
    let ratio = counts[1] as f64 / counts[0] as f64;
    eprintln!(
        "{name}: {} -> {} instructions, ×{ratio:.2}",
        counts[0], counts[1]
    );
    assert!(
        ratio <= 2.5,
        "{name}: doubling the input multiplied the instructions by {ratio:.2} ({counts:?})"
    );
}

fn write_lines(path: &Path, n: usize, line: impl Fn(usize) -> String) {
    let text: String = (0..n).map(|i| line(i) + "\n").collect();
    std::fs::write(path, text).unwrap();
}

#[test]
fn many_options_in_one_section() {
    grows_linearly("options.cfg", 600, |path, n| {
        write_lines(path, n, |i| {
            if i == 0 {
                "[gim-etl]".into()
            } else {
                format!("option-{i}=value {i}")
            }
        })
    });
}

#[test]
fn many_sections() {
    grows_linearly("sections.cfg", 3_000, |path, n| {
        write_lines(path, n, |i| format!("[section-{i}]\nrun-scheduler=false"))
    });
}

#[test]
fn one_option_defined_again_and_again() {
    grows_linearly("repeated.cfg", 1_500, |path, n| {
        write_lines(path, n, |i| {
            if i == 0 {
                "[schedule]".into()
            } else {
                "run-scheduler=false ".into()
            }
        })
    });
}

#[test]
fn one_long_line() {
    grows_linearly("long.cfg", 200_000, |path, n| {
        std::fs::write(path, format!("[gim-etl]\nurl={}\n", "a".repeat(n))).unwrap()
    });
}

#[test]
fn deeply_nested_xml() {
    grows_linearly("ccon_adata_spec_deep.xml", 5_000, |path, n| {
        let text = format!(
            "<?xml version=\"1.0\"?>\n<a xmlns=\"http://www.genesyslab.com/standards/icon/ed1\">{}{}</a>\n",
            "<b>".repeat(n),
            "</b>".repeat(n)
        );
        std::fs::write(path, text).unwrap()
    });
}

#[test]
fn many_files_of_one_fleet() {
    grows_linearly("fleet", 50, |path, n| {
        std::fs::create_dir_all(path).unwrap();
        std::fs::copy(
            "testdata/rules/GIM001/fail_true.cfg",
            path.join("gim_server.cfg"),
        )
        .unwrap();
        for i in 0..n {
            std::fs::write(
                path.join(format!("dap_{i}.cfg")),
                "[gim-etl]\nrole=ICON_CORE\n[default]\ndbengine=postgre\n",
            )
            .unwrap();
        }
    });
}
