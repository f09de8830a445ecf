//! Same options, same bytes: the generator writes identical files twice, and `--if-stale`
//! recognises a complete, current dataset.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use pishkhan_datagen::inputs::Inputs;
use pishkhan_datagen::writer::{is_fresh, render, write};
use pishkhan_datagen::{generate, Options};

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    dir
}

fn write_dataset(dir: &Path, options: &Options) {
    let inputs = Inputs::load().expect("inputs load");
    let dataset = generate(&inputs, options).expect("dataset generates");
    write(dir, &render(&dataset).expect("renders")).expect("writes");
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside dir")
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, fs::read(&path).expect("readable file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn two_runs_write_identical_bytes() {
    let (a, b) = (temp_dir("determinism-a"), temp_dir("determinism-b"));
    write_dataset(&a, &Options::default());
    write_dataset(&b, &Options::default());
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(
        fa.len(),
        2 + 2 * 31 + 1,
        "meta, agencies, services and two documents per province"
    );
    assert_eq!(
        fa.iter().map(|f| &f.0).collect::<Vec<_>>(),
        fb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{name} differs between two runs");
    }
    // The in-memory rendering is the same as what was written.
    let rendered = common::documents();
    let tehran = rendered
        .iter()
        .find(|d| d.path == "provinces/IR-23/offices.json")
        .expect("Tehran offices");
    assert_eq!(
        fs::read(a.join(&tehran.path)).expect("written"),
        tehran.bytes
    );
}

#[test]
fn another_seed_gives_another_dataset() {
    let inputs = Inputs::load().expect("inputs load");
    let other = generate(&inputs, &Options { seed: 7, scale: 1 }).expect("generates");
    assert_ne!(
        other.provinces[0].offices,
        common::dataset().provinces[0].offices
    );
    assert_eq!(other.meta.dataset_version, "sample-1.2.0-s7-x1");
}

#[test]
fn if_stale_sees_a_complete_current_dataset() {
    let dir = temp_dir("freshness");
    let options = Options::default();
    assert!(
        !is_fresh(&dir, &options.dataset_version()),
        "nothing written yet"
    );
    write(&dir, common::documents()).expect("writes");
    assert!(is_fresh(&dir, &options.dataset_version()));
    assert!(
        !is_fresh(
            &dir,
            &Options {
                seed: 42,
                scale: 10
            }
            .dataset_version()
        ),
        "another scale is stale"
    );
    fs::remove_file(dir.join("provinces/IR-24/licences.json")).expect("removable");
    assert!(
        !is_fresh(&dir, &options.dataset_version()),
        "a missing document makes it stale"
    );
}

#[test]
fn command_line_writes_then_skips() {
    let dir = temp_dir("cli");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pishkhan-datagen"))
            .args(["--out", dir.to_str().expect("utf-8 path")])
            .args(args)
            .output()
            .expect("binary runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    };
    let first = run(&["--if-stale"]);
    assert!(
        first.contains("13000 offices") && first.contains("sample-1.2.0-s42-x1"),
        "{first}"
    );
    assert_eq!(
        fs::read(dir.join("meta.json")).expect("meta written"),
        common::text("meta.json").as_bytes()
    );
    let second = run(&["--if-stale"]);
    assert!(second.contains("up to date"), "{second}");
    let bad = Command::new(env!("CARGO_BIN_EXE_pishkhan-datagen"))
        .args(["--scale", "x"])
        .output()
        .expect("runs");
    assert!(!bad.status.success());
}
