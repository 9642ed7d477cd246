//! Reading src/: every file's tokens (comments, strings and characters left out), and from them
//! every path that names a module of the crate, with the file and line it is written on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path from the crate root (`["entities", "order"]`; the root is empty).
pub type ModulePath = Vec<String>;

/// One path of the crate written in a file: `use crate::a::b`, `super::c(…)`, `$crate::d!`.
#[derive(Debug, Clone)]
pub struct Import {
    /// `src/entities/order.rs`.
    pub file: String,
    pub line: usize,
    /// The module of the file it is written in.
    pub from: ModulePath,
    /// Where it leads, from the crate root (`["entities", "Check"]`), not yet resolved to a module.
    pub path: ModulePath,
    /// Written in a `#[cfg(test)]` module, which nothing imports.
    pub test: bool,
}

/// What the source says: its modules (one per file), the names modules re-export
/// (`pub use day::Day`), and every import.
#[derive(Debug, Default)]
pub struct Source {
    pub modules: BTreeSet<ModulePath>,
    pub reexports: BTreeMap<(ModulePath, String), ModulePath>,
    pub imports: Vec<Import>,
}

/// The binary (`src/main.rs`) reaches the library by its crate name.
const CRATE_NAME: &str = "switchboard";

impl Source {
    /// Reads every `.rs` file under `src`.
    pub fn read(src: &Path) -> Source {
        let mut files = Vec::new();
        collect(src, src, &mut files);
        files.sort();
        let modules = files.iter().map(|(_, module, _)| module.clone()).collect();
        let mut source = Source { modules, ..Source::default() };
        for (name, module, text) in &files {
            source.scan(name, module, text);
        }
        source
    }

    /// A module from the text of one file (for the check's own tests).
    pub fn from_files(files: &[(&str, &str)]) -> Source {
        let files: Vec<(String, ModulePath, String)> =
            files.iter().map(|(name, text)| (name.to_string(), module_of_file(name), text.to_string())).collect();
        let modules = files.iter().map(|(_, module, _)| module.clone()).collect();
        let mut source = Source { modules, ..Source::default() };
        for (name, module, text) in &files {
            source.scan(name, module, text);
        }
        source
    }

    fn has_child(&self, module: &[String], name: &str) -> bool {
        let mut child = module.to_vec();
        child.push(name.to_owned());
        self.modules.contains(&child)
    }

    /// Where a path written in module `current` (inside the file module `file`) starts from the
    /// root, and how many of its segments that start used; `None` for a path outside the crate.
    fn start(&self, current: &[String], file: &[String], path: &[String]) -> Option<(ModulePath, usize)> {
        match path[0].as_str() {
            "crate" | CRATE_NAME => Some((Vec::new(), 1)),
            "self" => Some((current.to_vec(), 1)),
            "super" => {
                let supers = path.iter().take_while(|segment| *segment == "super").count();
                Some((current[..current.len().saturating_sub(supers)].to_vec(), supers))
            }
            first if self.has_child(current, first) => Some((current.to_vec(), 0)),
            // Inside a module of the file (a test module, which `use super::*`), its siblings.
            first if self.has_child(file, first) => Some((file.to_vec(), 0)),
            _ => None,
        }
    }

    fn scan(&mut self, name: &str, file: &[String], text: &str) {
        let tokens = tokens(text);
        // The modules declared inline around the current token: name, its brace depth, test or not.
        let mut inline: Vec<(String, usize, bool)> = Vec::new();
        let mut depth = 0;
        let mut i = 0;
        while i < tokens.len() {
            let current: ModulePath = file.iter().cloned().chain(inline.iter().map(|m| m.0.clone())).collect();
            let test = inline.iter().any(|m| m.2);
            let Token { text: word, line } = &tokens[i];
            let after_colons = i > 0 && tokens[i - 1].text == "::";
            match word.as_str() {
                "mod" if tokens.get(i + 2).is_some_and(|t| t.text == "{") => {
                    depth += 1;
                    inline.push((tokens[i + 1].text.clone(), depth, is_cfg_test(&tokens, i)));
                    i += 3;
                }
                "{" => {
                    depth += 1;
                    i += 1;
                }
                "}" => {
                    if inline.last().is_some_and(|m| m.1 == depth) {
                        inline.pop();
                    }
                    depth -= 1;
                    i += 1;
                }
                "use" if !after_colons => {
                    let public = i > 0 && matches!(tokens[i - 1].text.as_str(), "pub" | ")");
                    let (trees, next) = use_tree(&tokens, i + 1);
                    for (mut path, alias) in trees {
                        let named = if path.last().is_some_and(|last| last == "self") {
                            path.pop();
                            alias.or_else(|| path.last().cloned())
                        } else {
                            alias.or_else(|| path.last().cloned())
                        };
                        if path.is_empty() {
                            continue;
                        }
                        let Some((base, used)) = self.start(&current, file, &path) else { continue };
                        let full: ModulePath = base.into_iter().chain(path[used..].iter().cloned()).collect();
                        if public && path.last().is_some_and(|last| last != "*") {
                            if let Some(named) = named {
                                self.reexports.insert((current.clone(), named), full.clone());
                            }
                        }
                        self.imports.push(Import {
                            file: name.to_owned(),
                            line: *line,
                            from: file.to_vec(),
                            path: full,
                            test,
                        });
                    }
                    i = next;
                }
                _ if is_word(word) && !after_colons && tokens.get(i + 1).is_some_and(|t| t.text == "::") => {
                    let mut path = vec![word.clone()];
                    let mut j = i + 1;
                    while tokens.get(j).is_some_and(|t| t.text == "::")
                        && tokens.get(j + 1).is_some_and(|t| is_word(&t.text))
                    {
                        path.push(tokens[j + 1].text.clone());
                        j += 2;
                    }
                    if let Some((base, used)) = self.start(&current, file, &path) {
                        let full = base.into_iter().chain(path[used..].iter().cloned()).collect();
                        self.imports.push(Import {
                            file: name.to_owned(),
                            line: *line,
                            from: file.to_vec(),
                            path: full,
                            test,
                        });
                    }
                    i = j;
                }
                _ => i += 1,
            }
        }
    }
}

/// `src/entities/order.rs` → `["entities", "order"]`; `src/api/mod.rs` → `["api"]`; `src/lib.rs` → `[]`;
/// `src/main.rs`, the binary, → `["main"]`.
fn module_of_file(name: &str) -> ModulePath {
    let inner = name.strip_prefix("src/").unwrap_or(name).trim_end_matches(".rs");
    let mut parts: ModulePath = inner.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    if parts == ["lib"] {
        parts.clear();
    }
    parts
}

fn collect(src: &Path, dir: &Path, files: &mut Vec<(String, ModulePath, String)>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("src/ is readable").path();
        if path.is_dir() {
            collect(src, &path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path.strip_prefix(src).expect("under src/").to_string_lossy().replace('\\', "/");
            let name = format!("src/{relative}");
            let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
            files.push((name.clone(), module_of_file(&name), text));
        }
    }
}

/// Whether the `mod` at `at` is preceded by `#[cfg(test)]` (and perhaps `pub`).
fn is_cfg_test(tokens: &[Token], at: usize) -> bool {
    let mut end = at;
    while end > 0 && matches!(tokens[end - 1].text.as_str(), "pub" | ")" | "crate" | "super" | "(") {
        end -= 1;
    }
    let expected = ["#", "[", "cfg", "(", "test", ")", "]"];
    end >= expected.len() && tokens[end - expected.len()..end].iter().map(|t| t.text.as_str()).eq(expected)
}

/// The paths of a use tree starting at `at` (`a::{b, c::{d as e}}` → `a::b`, `a::c::d` as `e`),
/// each with its alias, and the index after the tree.
fn use_tree(tokens: &[Token], mut at: usize) -> (Vec<(ModulePath, Option<String>)>, usize) {
    let mut prefix = Vec::new();
    loop {
        let Some(token) = tokens.get(at) else { return (Vec::new(), at) };
        match token.text.as_str() {
            "{" => {
                at += 1;
                let mut trees = Vec::new();
                while tokens.get(at).is_some_and(|t| t.text != "}") {
                    let (inner, next) = use_tree(tokens, at);
                    trees.extend(inner.into_iter().map(|(path, alias)| ([prefix.clone(), path].concat(), alias)));
                    at = next;
                    if tokens.get(at).is_some_and(|t| t.text == ",") {
                        at += 1;
                    }
                }
                return (trees, at + 1);
            }
            "*" => {
                prefix.push("*".to_owned());
                return (vec![(prefix, None)], at + 1);
            }
            "::" => at += 1,
            word => {
                prefix.push(word.to_owned());
                at += 1;
                if tokens.get(at).is_some_and(|t| t.text == "::") {
                    continue;
                }
                let alias = (tokens.get(at).is_some_and(|t| t.text == "as")).then(|| tokens[at + 1].text.clone());
                if alias.is_some() {
                    at += 2;
                }
                return (vec![(prefix, alias)], at);
            }
        }
    }
}

fn is_word(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphabetic() || c == '_')
}

/// A word, `::`, or one other character, with the line it is on.
#[derive(Debug, Clone)]
pub struct Token {
    pub text: String,
    pub line: usize,
}

/// The tokens of Rust source, without comments, string and character literals, and lifetimes;
/// `$crate` (a macro's path to its own crate) is `crate`.
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut tokens: Vec<Token> = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Skips to just after `end`, counting lines.
    let skip_to = |from: usize, end: &[char], line: &mut usize| -> usize {
        let mut i = from;
        while i < chars.len() && !chars[i..].starts_with(end) {
            if chars[i] == '\\' && end == ['"'] {
                i += 1;
            }
            if at(i) == '\n' {
                *line += 1;
            }
            i += 1;
        }
        i + end.len()
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut nesting = 0;
            loop {
                if at(i) == '/' && at(i + 1) == '*' {
                    nesting += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    nesting -= 1;
                    i += 2;
                    if nesting == 0 {
                        break;
                    }
                } else {
                    if at(i) == '\n' {
                        line += 1;
                    }
                    i += 1;
                    if i >= chars.len() {
                        break;
                    }
                }
            }
        } else if let Some(hashes) = raw_string(&chars, i) {
            // r"…", r#"…"#, br"…": ends at the quote followed by as many hashes.
            let open = i + usize::from(c == 'b') + 1 + hashes + 1;
            let end: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let mut j = open;
            while j < chars.len() && !chars[j..].starts_with(&end) {
                if chars[j] == '\n' {
                    line += 1;
                }
                j += 1;
            }
            i = j + end.len();
        } else if c == '"' || (c == 'b' && at(i + 1) == '"') {
            i = skip_to(i + if c == 'b' { 2 } else { 1 }, &['"'], &mut line);
        } else if c == '\'' || (c == 'b' && at(i + 1) == '\'') {
            let start = if c == 'b' { i + 1 } else { i };
            if at(start + 1) == '\\' {
                // '\n', '\'', '\u{7f}'
                let mut j = start + 3;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if at(start + 2) == '\'' {
                i = start + 3;
            } else {
                // A lifetime or label: the quote and its name.
                i = start + 1;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word == "crate" && tokens.last().is_some_and(|t| t.text == "$") {
                tokens.pop();
            }
            tokens.push(Token { text: word, line });
        } else if c == ':' && at(i + 1) == ':' {
            tokens.push(Token { text: "::".to_owned(), line });
            i += 2;
        } else {
            tokens.push(Token { text: c.to_string(), line });
            i += 1;
        }
    }
    tokens
}

/// The number of hashes of a raw string starting at `i` (`r"`, `r#"`, `br##"`), if one does.
fn raw_string(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') || (i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')) {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|c| **c == '#').count();
    (chars.get(j + hashes) == Some(&'"')).then_some(hashes)
}
