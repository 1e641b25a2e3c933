//! The import rules of the layout, checked on the source: each layer imports only what [`LAYERS`]
//! lets it (layers below it), ui/ and form/ see only `api::Problem`, no feature imports another.

use std::fs;
use std::path::Path;

/// Every layer from the bottom up, with the layers it may import: only ones below it.
const LAYERS: &[(&str, &[&str])] = &[
    ("context", &[]),
    ("api", &["context"]),
    ("i18n", &["context", "api"]),
    ("ui", &["context", "api", "i18n"]),
    ("form", &["context", "api", "i18n", "ui"]),
    ("features", &["context", "api", "i18n", "ui", "form"]),
    (
        "shell",
        &["context", "api", "i18n", "ui", "form", "features"],
    ),
];

/// The files in `src/` that are no layer: the crate root, the binary and this check.
const ROOT_FILES: &[&str] = &["lib.rs", "main.rs", "layers_tests.rs", "preload.js"];

/// The module path of every `crate::…` and `super::…` reference in `text`, as the file at
/// `module` (e.g. `["features", "edit_customer", "form"]`) would resolve it, with its line.
fn references(module: &[String], text: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        // A doc link (`[`crate::App`]`) is no import.
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find(['c', 's']) {
            let tail = &rest[start..];
            let boundary = rest[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let (base, after) = if let Some(after) = tail.strip_prefix("crate::") {
                (Vec::new(), after)
            } else if tail.starts_with("super::") {
                let mut base = module.to_vec();
                let mut after = tail;
                while let Some(next) = after.strip_prefix("super::") {
                    base.pop();
                    after = next;
                }
                (base, after)
            } else {
                rest = &tail[1..];
                continue;
            };
            if boundary {
                for path in expand(after) {
                    found.push((index + 1, [base.clone(), path].concat()));
                }
            }
            rest = &tail[1..];
        }
    }
    found
}

/// The first two segments of each path written after `crate::`, opening one `{…}` group.
fn expand(after: &str) -> Vec<Vec<String>> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let first = ident(after);
    let rest = &after[first.len()..];
    if first.is_empty() {
        let Some(group) = after.strip_prefix('{') else {
            return Vec::new();
        };
        let group = &group[..group.find('}').unwrap_or(group.len())];
        return group
            .split(',')
            .flat_map(|item| expand(item.trim()))
            .collect();
    }
    match rest.strip_prefix("::") {
        Some(next) if next.starts_with('{') => {
            let group = &next[1..next.find('}').unwrap_or(next.len())];
            let seconds: Vec<_> = group.split(',').map(|s| ident(s.trim())).collect();
            seconds
                .into_iter()
                .map(|second| vec![first.clone(), second])
                .collect()
        }
        Some(next) => vec![vec![first, ident(next)]],
        None => vec![vec![first]],
    }
}

/// The items the crate root re-exports (`pub use shell::{App, start};` in `lib.rs`), each by the
/// path it comes from: `crate::App` is `shell::App`.
fn root_exports(lib: &str) -> Vec<Vec<String>> {
    lib.lines()
        .filter_map(|line| line.strip_prefix("pub use "))
        .flat_map(expand)
        .collect()
}

/// `to` with a root re-export (`crate::App`) replaced by where it comes from (`shell::App`).
fn resolve(to: Vec<String>, exports: &[Vec<String>]) -> Vec<String> {
    let comes_from = exports.iter().find(|path| path.get(1) == to.first());
    match comes_from {
        Some(path) => [&path[..1], &to[..]].concat(),
        None => to,
    }
}

/// Why `from` (a file's module path) may not reach `to`, if it may not.
fn forbidden(from: &[String], to: &[String]) -> Option<String> {
    let (Some(layer), Some(target)) = (from.first(), to.first()) else {
        return None;
    };
    let (_, allowed) = LAYERS.iter().find(|(name, _)| name == layer)?;
    if !LAYERS.iter().any(|(name, _)| name == target) {
        return None;
    }
    if target == layer {
        let other_feature = layer == "features" && to.len() > 1 && from.get(1) != to.get(1);
        return other_feature.then(|| "one feature never imports another".to_owned());
    }
    if !allowed.contains(&target.as_str()) {
        return Some(match allowed {
            [] => format!("{layer}/ is the bottom layer: it imports no other"),
            _ => format!("{layer}/ imports only {}", allowed.join(", ")),
        });
    }
    let only_problem = to.get(1).is_some_and(|item| item == "Problem");
    if matches!(layer.as_str(), "ui" | "form") && target == "api" && !only_problem {
        return Some(format!(
            "{layer}/ sees only api::Problem: it never calls the API"
        ));
    }
    None
}

fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

fn visit(dir: &Path, root: &Path, exports: &[Vec<String>], out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let relative = path.strip_prefix(root).unwrap();
        let top = relative.iter().next().unwrap().to_string_lossy();
        let in_a_layer = LAYERS.iter().any(|(name, _)| *name == top);
        if !in_a_layer && !ROOT_FILES.contains(&&*top) {
            out.push(format!("src/{top} is in no layer: add it to LAYERS"));
        } else if path.is_dir() {
            visit(&path, root, exports, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let module = module_path(relative);
            let text = fs::read_to_string(&path).unwrap();
            for (line, to) in references(&module, &text) {
                let to = resolve(to, exports);
                if let Some(rule) = forbidden(&module, &to) {
                    out.push(format!(
                        "src/{}:{line} uses {}: {rule}",
                        relative.display(),
                        to.join("::")
                    ));
                }
            }
        }
    }
}

#[test]
fn imports_run_downward_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let exports = root_exports(&fs::read_to_string(root.join("lib.rs")).unwrap());
    let mut broken = Vec::new();
    visit(&root, &root, &exports, &mut broken);
    assert!(
        broken.is_empty(),
        "imports against the layout:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_table_runs_downward() {
    for (index, (layer, allowed)) in LAYERS.iter().enumerate() {
        let below: Vec<_> = LAYERS[..index].iter().map(|(name, _)| *name).collect();
        for name in *allowed {
            assert!(
                below.contains(name),
                "{layer}/ may import {name}/, not below it"
            );
        }
    }
}

#[test]
fn the_check_sees_each_way_of_writing_an_import() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let exports = root_exports(&fs::read_to_string(root.join("lib.rs")).unwrap());
    let file = |path: &str| path.split('/').map(String::from).collect::<Vec<_>>();
    let broken = |module: &str, text: &str| {
        let module = file(module);
        references(&module, text)
            .into_iter()
            .filter_map(|(_, to)| forbidden(&module, &resolve(to, &exports)))
            .count()
    };
    let cases = [
        ("ui/chips", "use crate::api::ApiError;", 1),
        ("ui/chips", "use crate::api::Problem;", 0),
        ("form/save", "use crate::api;", 1),
        ("form/frame", "use crate::{i18n::use_i18n, features::x};", 1),
        ("api/customers", "    crate::ui::toast::show();", 1),
        (
            "api/error",
            "use crate::context::host_events::AuthFailure;",
            0,
        ),
        ("i18n/errors", "use crate::api::ApiError;", 0),
        ("context/config", "use crate::i18n::Locale;", 1),
        ("context/session", "    crate::api::set_token(token);", 1),
        ("context", "use super::shell::App;", 1),
        ("context/config", "/// Provided by [`crate::App`].", 0),
        ("ui/toast", "use crate::shell::App;", 1),
        ("ui/toast", "use crate::App;", 1),
        ("form/guard", "use crate::{Session, start};", 1),
        ("features/a", "use crate::shell::lazy::Chunk;", 1),
        ("features/a/form", "use crate::features::{a::x, b::y};", 1),
        ("features/a/form", "use crate::features::b::Page;", 1),
        ("features/a/form", "use super::super::b::Page;", 1),
        ("features/a/table/rows", "use super::super::Columns;", 0),
        (
            "features/a",
            "use crate::{api, context::app_href, form::Frame, ui};",
            0,
        ),
        ("shell/lazy", "use crate::features::{a::X, b::Y};", 0),
        (
            "ui/field",
            "let supercrate::api = 1; my_crate::api::x();",
            0,
        ),
    ];
    for (module, text, expected) in cases {
        assert_eq!(broken(module, text), expected, "{module}: {text}");
    }
}
