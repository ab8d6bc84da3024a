//! Re-lints one 1 MB Genesys Info Mart export, as the language server does on each change.

use criterion::{criterion_group, criterion_main, Criterion};
use gimlint::settings::Settings;
use gimlint::Input;

/// A 1 MB export: the sections of a GIM application, then T-Server-like sections of made-up
/// options, with a stopped scheduler and one relative calendar year (CAL001).
fn export_of_one_megabyte() -> Vec<u8> {
    let mut text = String::from(
        "[schedule]\nrun-scheduler=false\nrun-aggregates=false\netl-frequency=15\n\n\
         [date-time]\ndate-time-start-year=-1\ndate-time-tz=America/New_York\n\n\
         [gim-etl]\ndays-to-keep-gim-facts=400\n\n",
    );
    let mut section = 0;
    while text.len() < 1_000_000 {
        text.push_str(&format!("[custom-{section}]\n"));
        for option in 0..100 {
            text.push_str(&format!(
                "option-{section}-{option}=value,{},alpha,bravo,charlie\n",
                section * option
            ));
        }
        text.push('\n');
        section += 1;
    }
    text.into_bytes()
}

fn relint(c: &mut Criterion) {
    let bytes = export_of_one_megabyte();
    let settings = Settings::all_rules("2026-11-24");
    let inputs = [Input::Memory {
        name: "gim_server.cfg".into(),
        bytes,
    }];
    let report = gimlint::lint(&inputs, &settings);
    assert!(report.findings.iter().any(|f| f.rule.code == "CAL001"));
    c.bench_function("relint 1 MB export", |b| {
        b.iter(|| gimlint::lint(std::hint::black_box(&inputs), &settings))
    });
}

criterion_group!(benches, relint);
criterion_main!(benches);
