//! The house's layers, measured from the source (docs/architecture.md, "Layers"): every path
//! of the crate written in a file under src/ (`use` declarations, grouped or not, paths in
//! code, macro paths, `$crate::` in macros; not comments or strings), resolved to the module it
//! reaches. Asserts that no modules reach one another in a cycle, between the crate's top
//! modules and between the sub-modules of its folders, and that each top module uses only the
//! layers the table below lets it.

mod graph;
mod source;

use std::path::Path;

use graph::{Edges, Graph, Level};
use source::Source;

/// Which module may use which, bottom first: a module may use only those it lists, each of
/// which comes before it (so the table itself has no cycle). The same table as in
/// docs/architecture.md (a test keeps them equal). `crate` is src/lib.rs, `main` the binary.
/// A new use across layers is a decision: it is made here, in the docs, and in review.
#[rustfmt::skip]
const LAYERS: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("telemetry", &[]),
    ("error", &[]),
    ("query", &["error"]),
    ("db", &["domain", "error"]),
    ("config", &["db", "telemetry"]),
    ("backup", &["db"]),
    ("entities", &["db", "domain", "error"]),
    ("seed", &["db", "domain", "entities", "error"]),
    ("auth", &["config", "db", "domain", "entities", "error"]),
    ("realtime", &["auth", "db", "domain", "entities", "error", "query", "telemetry"]),
    ("group_commit", &["db", "domain", "entities", "error", "realtime", "telemetry"]),
    ("drain", &["error", "realtime"]),
    ("state", &[
        "auth", "backup", "config", "db", "domain", "drain", "entities", "error", "group_commit", "realtime", "telemetry",
    ]),
    ("routes", &["auth", "domain", "error"]),
    ("web_app", &["domain", "error", "routes"]),
    ("observe", &["auth", "state", "telemetry"]),
    ("api", &[
        "auth", "db", "domain", "entities", "error", "query", "realtime", "routes", "state", "telemetry", "web_app",
    ]),
    ("crate", &[
        "api", "auth", "backup", "config", "db", "domain", "drain", "entities", "group_commit", "observe", "realtime",
        "routes", "state", "telemetry",
    ]),
    ("main", &["auth", "backup", "config", "crate", "db", "domain", "entities", "error", "seed", "telemetry"]),
];

/// Edges between sub-modules that may close a cycle for now, each with the reason.
const ALLOWED_IN_CYCLES: &[(&str, &str)] = &[];

fn source() -> Source {
    Source::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// Each edge on its own line with where it is written.
fn describe(edges: &Edges) -> String {
    edges
        .iter()
        .map(|((from, to), places)| format!("  {from} -> {to}: {}", places.join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn cycles_of(source: &Source, level: Level) -> Vec<String> {
    let graph = Graph::of(source, level);
    graph.cycles(ALLOWED_IN_CYCLES).iter().map(describe).collect()
}

/// The edges of the top level that the table does not allow, and the top modules it does not name.
fn outside_the_layers(source: &Source) -> Vec<String> {
    let graph = Graph::of(source, Level::Top);
    let mut problems = Vec::new();
    for ((from, to), places) in &graph.edges {
        match LAYERS.iter().find(|(module, _)| module == from) {
            None => problems.push(format!("  {from} is not in the table (it uses {to}: {})", places.join(", "))),
            Some((_, uses)) if !uses.contains(&to.as_str()) => {
                problems.push(format!("  {from} -> {to}: {}", places.join(", ")))
            }
            Some(_) => {}
        }
    }
    problems
}

#[test]
fn no_modules_reach_one_another_in_a_cycle() {
    let source = source();
    let cycles: Vec<String> = [Level::Top, Level::Sub]
        .into_iter()
        .flat_map(|level| cycles_of(&source, level).into_iter().map(move |cycle| format!("{level:?} level:\n{cycle}")))
        .collect();
    assert!(cycles.is_empty(), "modules in a cycle, by these imports:\n{}", cycles.join("\n\n"));
}

#[test]
fn each_module_uses_only_the_layers_below_it() {
    let problems = outside_the_layers(&source());
    assert!(problems.is_empty(), "imports the layer table does not allow:\n{}", problems.join("\n"));
}

/// The rows of the layer table in docs/architecture.md: module, what it may use.
fn documented_layers() -> Vec<(String, Vec<String>)> {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
        .expect("docs/architecture.md is readable");
    let words = |cell: &str| -> Vec<String> {
        cell.split(',')
            .map(|word| word.trim().trim_matches('`').to_owned())
            .filter(|word| !word.is_empty() && word != "—")
            .collect()
    };
    docs.lines()
        .skip_while(|line| !line.starts_with("| Module | May use |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_owned(), words(cells[2]))
        })
        .collect()
}

/// The table in docs/architecture.md is this one; run with `--nocapture` to see the imports
/// measured between each pair, as that table's last column shows them.
#[test]
fn the_documented_layers_are_these() {
    let graph = Graph::of(&source(), Level::Top);
    for (module, _) in LAYERS {
        let uses: Vec<String> = graph
            .edges
            .iter()
            .filter(|((from, _), _)| from == module)
            .map(|((_, to), places)| format!("{to} {}", places.len()))
            .collect();
        println!("| `{module}` | {} |", uses.join(", "));
    }
    for level in [Level::Top, Level::Sub] {
        let graph = Graph::of(&source(), level);
        let imports: usize = graph.edges.values().map(Vec::len).sum();
        println!(
            "{level:?}: {} edges, {imports} imports, {} test-only edges",
            graph.edges.len(),
            graph.test_only.len()
        );
    }
    let table: Vec<(String, Vec<String>)> = LAYERS
        .iter()
        .map(|(module, uses)| (module.to_string(), uses.iter().map(|used| used.to_string()).collect()))
        .collect();
    assert_eq!(documented_layers(), table, "docs/architecture.md's layer table differs from LAYERS");
}

#[test]
fn the_layer_table_is_itself_layered() {
    for (at, (module, uses)) in LAYERS.iter().enumerate() {
        for used in *uses {
            let below = LAYERS[..at].iter().any(|(lower, _)| lower == used);
            assert!(below, "{module} may use {used}, which is not below it in the table");
        }
    }
}

#[test]
fn every_allowed_cycle_edge_still_exists() {
    // An exception the code no longer needs is removed, so it cannot hide a new cycle.
    let graph = Graph::of(&source(), Level::Sub);
    for (from, to) in ALLOWED_IN_CYCLES {
        assert!(
            graph.edges.contains_key(&(from.to_string(), to.to_string())),
            "{from} -> {to} is allowed in a cycle but no longer written: remove it from ALLOWED_IN_CYCLES"
        );
    }
}

/// The check sees each way of writing a path, and only those.
#[test]
fn every_kind_of_import_is_seen() {
    let source = Source::from_files(&[
        ("src/lib.rs", "pub mod a; pub mod b; pub mod c; pub mod d; pub use d::Thing;"),
        ("src/a/mod.rs", "pub mod inner; use crate::{b::{self, X}, c::Y as Z};"),
        ("src/a/inner.rs", "fn f() { super::super::d::g(); crate::Thing::new(); }"),
        (
            "src/b.rs",
            "// crate::a::gone\n/* crate::c::gone */\nconst S: &str = \"crate::c::gone\";\n\
             macro_rules! m { () => { $crate::c::h!() }; }\n#[cfg(test)]\nmod tests { use super::super::d; }",
        ),
        ("src/c.rs", "fn f<'a>(x: &'a str) -> char { let c = '\"'; let _ = r#\"crate::a\"#; c }"),
        ("src/d.rs", "pub struct Thing; fn f() { self::g(); }"),
    ]);
    let graph = Graph::of(&source, Level::Top);
    let edges: Vec<(&str, &str)> = graph.edges.keys().map(|(from, to)| (from.as_str(), to.as_str())).collect();
    assert_eq!(edges, [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("crate", "d")]);
    assert_eq!(graph.edges[&("a".to_owned(), "d".to_owned())], ["src/a/inner.rs:1", "src/a/inner.rs:1"]);
    assert!(graph.test_only.contains(&("b".to_owned(), "d".to_owned())));
}

#[test]
fn a_cycle_is_found_with_the_imports_that_close_it() {
    let source = Source::from_files(&[
        ("src/lib.rs", "pub mod a; pub mod b; pub mod c;"),
        ("src/a.rs", "use crate::b::X;"),
        ("src/b.rs", "fn f() { crate::c::g(); }"),
        ("src/c.rs", "use super::a;\n#[cfg(test)]\nmod tests { use crate::b; }"),
    ]);
    let cycles = Graph::of(&source, Level::Top).cycles(&[]);
    assert_eq!(cycles.len(), 1);
    assert_eq!(describe(&cycles[0]), "  a -> b: src/a.rs:1\n  b -> c: src/b.rs:1\n  c -> a: src/c.rs:1");
}
