//! The schemas are data: every file in schemas/ is embedded and valid, every fact has a
//! source, every default is a valid value of its option.

use gimlint::base::release::Release;
use gimlint::rules;
use gimlint::schema::{self, OptionType};

#[test]
fn every_schema_file_is_embedded_and_parses() {
    let mut embedded: Vec<&str> = schema::files().iter().map(|s| s.file).collect();
    embedded.sort();
    let mut on_disk: Vec<String> = std::fs::read_dir("schemas")
        .unwrap()
        .map(|e| format!("schemas/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|name| name.ends_with(".toml"))
        .collect();
    on_disk.sort();
    assert_eq!(
        embedded, on_disk,
        "every schemas/*.toml must be listed in src/schema/mod.rs"
    );
}

fn is_source(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("Genesys Info Mart 8.5.0 Deployment Procedure")
}

#[test]
fn every_fact_has_a_source_and_every_value_is_valid() {
    for schema in schema::files() {
        for (section_name, section) in &schema.sections {
            assert!(
                is_source(&section.source),
                "{} [{section_name}]: source {:?}",
                schema.file,
                section.source
            );
            if let Some(target) = &section.same_as {
                assert!(
                    schema.sections.contains_key(target),
                    "{} [{section_name}] same_as {target:?}",
                    schema.file
                );
            }
            for (name, option) in &section.options {
                let at = format!("{} [{section_name}] {name}", schema.file);
                assert!(
                    is_source(&option.source),
                    "{at}: source {:?}",
                    option.source
                );
                let needs_values = matches!(option.ty, OptionType::Enum | OptionType::ListOfEnum);
                assert_eq!(
                    option.values.is_some(),
                    needs_values,
                    "{at}: values go with enum types only"
                );
                if let (Some(min), Some(max)) = (option.min, option.max) {
                    assert!(min <= max, "{at}: min > max");
                }
                if let Some(default) = &option.default {
                    assert_eq!(
                        option.check(default),
                        Ok(()),
                        "{at}: the default is not a valid value"
                    );
                }
                for (fact, source) in &option.sources {
                    assert!(is_source(source), "{at}: source of {fact} {source:?}");
                }
                for disputed in &option.disputed {
                    assert!(is_source(&disputed.source), "{at}: disputed {disputed:?}");
                }
                for modified in &option.modified {
                    assert!(is_source(&modified.source), "{at}: modified {modified:?}");
                    assert!(
                        modified.release.parse::<Release>().is_ok(),
                        "{at}: modified in {:?}",
                        modified.release
                    );
                }
                assert_eq!(
                    name == "*",
                    section.names_are_data,
                    "{at}: `*` describes the options of a section whose names are data, and only that"
                );
                for release in [&option.introduced, &option.removed].into_iter().flatten() {
                    assert!(
                        release.parse::<Release>().is_ok(),
                        "{at}: release {release:?}"
                    );
                }
                if let Some(replacement) = &option.replaced_by {
                    assert!(
                        section.options.contains_key(replacement),
                        "{at}: replaced_by {replacement:?} is not in the section"
                    );
                    assert!(
                        option.removed.is_some(),
                        "{at}: replaced_by without removed"
                    );
                }
                if let Some(code) = &option.checked_by {
                    assert!(
                        rules::find(code).is_some(),
                        "{at}: checked_by {code:?} is not a rule"
                    );
                }
            }
        }
    }
}

#[test]
fn lookups_follow_patterns_and_kinds() {
    let found = schema::lookup("date-time-fiscal", "date-time-max-days-ahead");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].section_name, "date-time-*");
    assert_eq!(
        schema::lookup("callconcentrator", "role").len(),
        2,
        "ICON and DAP"
    );
    assert!(schema::lookup("date-time-", "date-time-max-days-ahead").is_empty());
}

/// The redaction layer cannot read the schemas (it runs before them), so it keeps its own
/// list of sections whose names are data: every such section of a schema must be on it.
#[test]
fn sections_whose_names_are_data_are_known_to_the_redaction_layer() {
    for schema in schema::files() {
        for (name, section) in &schema.sections {
            if section.names_are_data {
                assert!(
                    gimlint::secrets::DATA_NAMED_SECTIONS.contains(&name.as_str()),
                    "{} [{name}]",
                    schema.file
                );
            }
        }
    }
}

/// A requirement names an option its kind documents, with values both options accept.
#[test]
fn requirements_name_documented_options_and_valid_values() {
    let mut checked = 0;
    for file in schema::files() {
        let schema::Scope::Kind(kind) = file.scope else {
            continue;
        };
        let kind_schema = schema::for_kind(kind).unwrap();
        for (section_name, section) in &file.sections {
            for (name, option) in &section.options {
                for requirement in &option.requires {
                    checked += 1;
                    let at = format!(
                        "{} [{section_name}] {name} requires {}",
                        file.file, requirement.option
                    );
                    assert!(is_source(&requirement.source), "{at}: source");
                    assert!(!requirement.quote.is_empty(), "{at}: quote");
                    for value in &requirement.when {
                        assert_eq!(option.check(value), Ok(()), "{at}: when {value:?}");
                    }
                    let other_section = requirement.section.as_deref().unwrap_or(section_name);
                    let other = kind_schema
                        .find(other_section, &requirement.option)
                        .unwrap_or_else(|| panic!("{at}: not a documented option"));
                    for value in &requirement.is {
                        assert_eq!(other.option.check(value), Ok(()), "{at}: is {value:?}");
                    }
                }
            }
        }
    }
    assert!(checked > 0);
}
