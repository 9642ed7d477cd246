//! From imports to a graph of modules: each import resolved to the module it reaches (through
//! `pub use` re-exports), at one of two levels, with where it is written; and its cycles.

use std::collections::{BTreeMap, BTreeSet};

use super::source::{Import, ModulePath, Source};

/// The folders whose sub-modules are nodes of their own at the finer level.
pub const FOLDERS: [&str; 6] = ["api", "entities", "realtime", "domain", "auth", "db"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The crate's top modules: `api`, `state`, `routes`, … (the crate root is `crate`).
    Top,
    /// Those, with the folders of `FOLDERS` split into their sub-modules: `api::openapi`,
    /// `entities::order`, … (a folder's own `mod.rs` is the folder's name).
    Sub,
}

/// Where each import leads: `(from, to)` → the places it is written, `src/api/mod.rs:31`.
pub type Edges = BTreeMap<(String, String), Vec<String>>;

pub struct Graph {
    pub edges: Edges,
    /// The edges written in test modules only: they count for the layers, and cannot close a
    /// cycle (nothing imports a test module).
    pub test_only: BTreeSet<(String, String)>,
}

impl Graph {
    pub fn of(source: &Source, level: Level) -> Graph {
        let mut edges = Edges::new();
        let mut outside_tests = BTreeSet::new();
        for import in &source.imports {
            let (from, to) = (node(&import.from, level), node(&reached(source, &import.path, 0), level));
            if from == to {
                continue;
            }
            edges.entry((from.clone(), to.clone())).or_default().push(place(import));
            if !import.test {
                outside_tests.insert((from, to));
            }
        }
        let test_only = edges.keys().filter(|edge| !outside_tests.contains(*edge)).cloned().collect();
        Graph { edges, test_only }
    }

    /// Every set of modules that reach one another (more than one module each), with the
    /// edges among them; `allowed` edges are left out of the graph first.
    pub fn cycles(&self, allowed: &[(&str, &str)]) -> Vec<Edges> {
        let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (from, to) in self.edges.keys() {
            let is_allowed = allowed.iter().any(|(a, b)| a == from && b == to);
            if !is_allowed && !self.test_only.contains(&(from.clone(), to.clone())) {
                next.entry(from).or_default().push(to);
                next.entry(to).or_default();
            }
        }
        strongly_connected(&next)
            .into_iter()
            .filter(|component| component.len() > 1)
            .map(|component| {
                self.edges
                    .iter()
                    .filter(|((from, to), _)| {
                        component.contains(from.as_str())
                            && component.contains(to.as_str())
                            && next[from.as_str()].contains(&to.as_str())
                    })
                    .map(|(edge, places)| (edge.clone(), places.clone()))
                    .collect()
            })
            .collect()
    }
}

fn place(import: &Import) -> String {
    format!("{}:{}", import.file, import.line)
}

/// The module a path from the root leads to: the deepest module it names, or where a name a
/// module re-exports comes from.
fn reached(source: &Source, path: &[String], hops: usize) -> ModulePath {
    let mut module: ModulePath = Vec::new();
    for segment in path {
        let mut deeper = module.clone();
        deeper.push(segment.clone());
        if source.modules.contains(&deeper) {
            module = deeper;
            continue;
        }
        if let Some(origin) = source.reexports.get(&(module.clone(), segment.clone())) {
            if hops < 8 && origin != path {
                return reached(source, origin, hops + 1);
            }
        }
        break;
    }
    module
}

/// A module's name at `level`: `crate` for the root, then its top module, and at `Level::Sub`
/// the sub-module of a folder of `FOLDERS`.
pub fn node(module: &[String], level: Level) -> String {
    match module {
        [] => "crate".to_owned(),
        [top, sub, ..] if level == Level::Sub && FOLDERS.contains(&top.as_str()) => format!("{top}::{sub}"),
        [top, ..] => top.clone(),
    }
}

/// Tarjan's strongly connected components of a small graph.
fn strongly_connected<'a>(next: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<BTreeSet<&'a str>> {
    struct Walk<'a, 'g> {
        next: &'g BTreeMap<&'a str, Vec<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        components: Vec<BTreeSet<&'a str>>,
    }
    impl<'a> Walk<'a, '_> {
        fn visit(&mut self, node: &'a str) {
            let index = self.index.len();
            self.index.insert(node, index);
            self.low.insert(node, index);
            self.stack.push(node);
            for &to in &self.next[node] {
                if !self.index.contains_key(to) {
                    self.visit(to);
                    let low = self.low[node].min(self.low[to]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&to) {
                    let low = self.low[node].min(self.index[to]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = BTreeSet::new();
                while let Some(top) = self.stack.pop() {
                    component.insert(top);
                    if top == node {
                        break;
                    }
                }
                self.components.push(component);
            }
        }
    }
    let mut walk =
        Walk { next, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), components: Vec::new() };
    for &node in next.keys() {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.components
}
