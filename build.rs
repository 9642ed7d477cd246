//! Embeds the web app (everything under web/, and the realtime client of clients/js, which the app
//! serves as js/realtime.js: one implementation for the app and the npm package) in the binary, so
//! the server needs no files at run time, and tells the tests whether PostgreSQL is there for them (`postgres_tests`).

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
    // `embed_migrations!` tracks the migrations it embedded, not a directory added beside them.
    println!("cargo:rerun-if-changed=migrations");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("web");
    println!("cargo:rerun-if-changed=web");
    let mut files = Vec::new();
    if root.is_dir() {
        collect(&root, &mut files);
    }
    let mut assets: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|file| (file.strip_prefix(&root).expect("under web/").to_string_lossy().replace('\\', "/"), file))
        .collect();
    let realtime = root.join("../clients/js/src/realtime.js");
    println!("cargo:rerun-if-changed={}", realtime.display());
    assets.push(("js/realtime.js".to_owned(), realtime));
    assets.sort();
    let mut out =
        String::from("/// Every file of web/, by its path under web/.\npub static ASSETS: &[(&str, &[u8])] = &[\n");
    for (relative, file) in &assets {
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
