//! The README's "Providers" table and the preset modules cannot drift apart: every module of
//! `src/providers` has a row, and every row names a module.

use std::collections::BTreeSet;

/// The `pub mod` names of `src/providers/mod.rs`.
fn modules() -> BTreeSet<String> {
    include_str!("../src/providers/mod.rs")
        .lines()
        .filter_map(|line| line.strip_prefix("pub mod "))
        .map(|rest| rest.trim_end_matches(';').to_string())
        .collect()
}

/// The module names in the first column of the README's "Providers" table.
fn rows() -> BTreeSet<String> {
    let readme = include_str!("../README.md");
    let section = readme
        .split("\n## Providers\n")
        .nth(1)
        .expect("a Providers section")
        .split("\n## ")
        .next()
        .unwrap_or_default();
    section
        .lines()
        .filter(|line| line.starts_with("| [`"))
        .flat_map(|line| {
            let first = line.split(" | ").next().unwrap_or_default();
            first
                .split("[`")
                .skip(1)
                .filter_map(|name| name.split_once("`]").map(|(name, _)| name.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_preset_has_a_row_and_every_row_a_preset() {
    let (modules, rows) = (modules(), rows());
    let unlisted: Vec<_> = modules.difference(&rows).collect();
    let unknown: Vec<_> = rows.difference(&modules).collect();
    assert!(
        unlisted.is_empty() && unknown.is_empty(),
        "modules without a README row: {unlisted:?}; rows without a module: {unknown:?}"
    );
    assert!(modules.len() >= 50, "{} presets", modules.len());
}

#[test]
fn every_row_has_its_link() {
    let readme = include_str!("../README.md");
    for name in rows() {
        let reference =
            format!("[`{name}`]: https://docs.rs/hookverify/latest/hookverify/providers/{name}/");
        assert!(
            readme.contains(&reference),
            "no link for `{name}`: {reference}"
        );
    }
}
