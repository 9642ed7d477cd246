//! Embeds the web app (everything under web/) in the binary, so the server needs no files at run time,
//! and tells the tests whether PostgreSQL is there for them (`postgres_tests`).

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    // Tests that need PostgreSQL carry `#[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set
    // TEST_DATABASE_URL")]`: without a server they are reported as ignored, never as passed.
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    println!("cargo:rerun-if-env-changed=TEST_DATABASE_URL");
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty()) {
        println!("cargo:rustc-cfg=postgres_tests");
    }
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("web");
    println!("cargo:rerun-if-changed=web");
    let mut files = Vec::new();
    if root.is_dir() {
        collect(&root, &mut files);
    }
    files.sort();
    let mut out =
        String::from("/// Every file of web/, by its path under web/.\npub static ASSETS: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let relative = file.strip_prefix(&root).expect("under web/").to_string_lossy().replace('\\', "/");
        writeln!(out, "    ({relative:?}, include_bytes!({:?})),", file.display().to_string())
            .expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("web_assets.rs");
    std::fs::write(dest, out).expect("writing web_assets.rs");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("reading web/").flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
