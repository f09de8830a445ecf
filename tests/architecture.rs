//! The import graph of `src/`, checked: no file imports one that (directly or through others)
//! imports it back, and the layers import only downwards:
//!
//! ```text
//! app → pages → components → hooks → context → api, platform → domain, route → model, i18n, locale
//! ```
//!
//! Run it alone with `cargo test --test architecture`; on failure it names the files of each
//! circle or the forbidden import. The graph is read from the source text: every
//! `crate::a::b…` and `super::…` path, resolved to the module file it names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Which layers a layer may not import (the ones above it).
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("pages", &["app"]),
    ("components", &["app", "pages"]),
    ("hooks", &["app", "pages", "components"]),
    ("context", &["app", "pages", "components", "hooks"]),
    ("platform", &["app", "pages", "components", "hooks"]),
    ("api", &["app", "pages", "components", "hooks"]),
    (
        "domain",
        &[
            "app",
            "pages",
            "components",
            "hooks",
            "context",
            "platform",
            "api",
        ],
    ),
    (
        "route",
        &["app", "pages", "components", "hooks", "context", "api"],
    ),
    (
        "model",
        &[
            "app",
            "pages",
            "components",
            "hooks",
            "context",
            "platform",
            "api",
            "domain",
            "route",
            "i18n",
        ],
    ),
    (
        "locale",
        &[
            "app",
            "pages",
            "components",
            "hooks",
            "context",
            "platform",
            "api",
            "domain",
            "route",
            "model",
            "i18n",
        ],
    ),
];

/// Module path (`components::office_card`) of every `.rs` file under `src/`.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(src, &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(src).ok()?.with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            if parts == ["lib"] || parts == ["main"] {
                return None;
            }
            Some((parts.join("::"), path))
        })
        .collect()
}

/// The source without comments (a path in a doc comment is not an import).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths a file refers to: `crate::x::y::Z` → the longest known module prefix.
fn imports(module: &str, code: &str, known: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let parent: Vec<&str> = {
        let mut p: Vec<&str> = module.split("::").collect();
        p.pop();
        p
    };
    let bytes = code.as_bytes();
    for (start, prefix) in [("crate::", None), ("super::", Some(parent.join("::")))] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            // `crate::` inside an identifier (`my_crate::`) is not ours.
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let rest: String = code[from..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut segments: Vec<String> = match &prefix {
                Some(p) if !p.is_empty() => p.split("::").map(str::to_string).collect(),
                _ => Vec::new(),
            };
            segments.extend(
                rest.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
            // `use crate::x::{a, b}`: the braces list items of `x`, each maybe a module.
            let braced = code[from + rest.len()..].starts_with('{');
            let mut candidates = vec![segments.clone()];
            if braced {
                let list_end = code[from + rest.len()..].find('}').unwrap_or(0);
                for item in code[from + rest.len() + 1..from + rest.len() + list_end].split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != "self" {
                        let mut s = segments.clone();
                        s.push(name);
                        candidates.push(s);
                    }
                }
            }
            for segments in candidates {
                for len in (1..=segments.len()).rev() {
                    let candidate = segments[..len].join("::");
                    if known.contains_key(&candidate) {
                        if candidate != module {
                            out.insert(candidate);
                        }
                        break;
                    }
                }
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = modules(&src);
    known
        .iter()
        .map(|(module, path)| {
            let text = fs::read_to_string(path).unwrap_or_default();
            (module.clone(), imports(module, &code_of(&text), &known))
        })
        .collect()
}

/// Strongly connected components with more than one file (Tarjan).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.out
}

fn layer(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

#[test]
fn the_graph_is_read() {
    let g = graph();
    // A check that reads nothing would pass everything: make sure known edges are seen.
    assert!(g.len() > 40, "only {} modules found", g.len());
    assert!(g["app"].contains("pages"), "{:?}", g["app"]);
    assert!(
        g["app::lazy"].contains("pages::offices"),
        "{:?}",
        g["app::lazy"]
    );
    assert!(
        g["pages::offices"].contains("components::office_card"),
        "{:?}",
        g["pages::offices"]
    );
    assert!(
        g["route::finder"].contains("route"),
        "{:?}",
        g["route::finder"]
    );
}

#[test]
fn no_import_circles() {
    let found = circles(&graph());
    assert!(
        found.is_empty(),
        "files that import each other (directly or through others):\n{}",
        found
            .iter()
            .map(|c| format!("  {}", c.join(" ⇄ ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn layers_import_only_downwards() {
    let g = graph();
    let mut wrong = Vec::new();
    for (module, targets) in &g {
        let from = layer(module);
        let Some((_, banned)) = FORBIDDEN.iter().find(|(l, _)| *l == from) else {
            continue;
        };
        for target in targets {
            if banned.contains(&layer(target)) {
                wrong.push(format!("  {module} imports {target}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layering:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_circle_finder_finds_circles() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.insert("a".into(), ["b".to_string()].into());
    g.insert("b".into(), ["c".to_string()].into());
    g.insert("c".into(), ["a".to_string()].into());
    g.insert("d".into(), ["a".to_string()].into());
    assert_eq!(circles(&g), vec![vec!["a", "b", "c"]]);
}
