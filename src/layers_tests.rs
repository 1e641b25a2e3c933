//! The import rules of the layout, checked on the source: ui/ and form/ never reach api/ or
//! features/, api/ reaches no other layer, and one feature never reaches another.

use std::fs;
use std::path::Path;

/// The module path of every `crate::…` and `super::…` reference in `text`, as the file at
/// `module` (e.g. `["features", "edit_customer", "form"]`) would resolve it, with its line.
fn references(module: &[String], text: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
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

/// Why `from` (a file's module path) may not reach `to`, if it may not.
fn forbidden(from: &[String], to: &[String]) -> Option<&'static str> {
    let (Some(layer), Some(target)) = (from.first(), to.first()) else {
        return None;
    };
    match (layer.as_str(), target.as_str()) {
        ("ui" | "form", "api") if to.get(1).is_none_or(|item| item != "Problem") => {
            Some("ui/ and form/ see only api::Problem: they never call the API")
        }
        ("ui" | "form", "features") => Some("ui/ and form/ never import features/"),
        ("api", "i18n" | "ui" | "form" | "features" | "shell") => {
            Some("api/ is the transport: it imports no other layer")
        }
        ("features", "features") if to.len() > 1 && from.get(1) != to.get(1) => {
            Some("one feature never imports another")
        }
        _ => None,
    }
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

fn visit(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            visit(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap();
            let module = module_path(relative);
            let text = fs::read_to_string(&path).unwrap();
            for (line, to) in references(&module, &text) {
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
    let mut broken = Vec::new();
    visit(&root, &root, &mut broken);
    assert!(
        broken.is_empty(),
        "imports against the layout:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_check_sees_each_way_of_writing_an_import() {
    let file = |path: &str| path.split('/').map(String::from).collect::<Vec<_>>();
    let broken = |module: &str, text: &str| {
        let module = file(module);
        references(&module, text)
            .into_iter()
            .filter_map(|(_, to)| forbidden(&module, &to))
            .count()
    };
    let cases = [
        ("ui/chips", "use crate::api::ApiError;", 1),
        ("form/frame", "use crate::{i18n::use_i18n, features::x};", 1),
        ("api/customers", "    crate::ui::toast::show();", 1),
        ("features/a/form", "use crate::features::{a::x, b::y};", 1),
        ("features/a/form", "use crate::features::b::Page;", 1),
        ("features/a/form", "use super::super::b::Page;", 1),
        ("features/a/table/rows", "use super::super::Columns;", 0),
        ("features/a", "use crate::{api, form::Frame, ui};", 0),
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
