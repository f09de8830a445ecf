//! `pishkhan-datagen [--out DIR] [--scale N] [--seed N] [--if-stale]`: writes the sample v1 API.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pishkhan_datagen::inputs::Inputs;
use pishkhan_datagen::{generate, writer, Error, Options};

const USAGE: &str = "usage: pishkhan-datagen [--out DIR] [--scale N] [--seed N] [--if-stale]
  --out DIR    where to write (default: <workspace>/public/api/v1)
  --scale N    multiply offices and licences by N (default 1 ≈ 13,000 offices)
  --seed N     PRNG seed (default 42)
  --if-stale   do nothing when DIR/meta.json already has this dataset_version";

/// Parsed command line.
struct Args {
    out: PathBuf,
    options: Options,
    if_stale: bool,
}

/// `public/api/v1` of the workspace, whatever the current directory.
fn default_out() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .join("public/api/v1")
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, Error> {
    let mut parsed = Args {
        out: default_out(),
        options: Options::default(),
        if_stale: false,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| Error::Usage(format!("{name} needs a value\n{USAGE}")))
        };
        match arg.as_str() {
            "--out" => parsed.out = PathBuf::from(value("--out")?),
            "--scale" => parsed.options.scale = number(&value("--scale")?, "--scale")?,
            "--seed" => parsed.options.seed = number(&value("--seed")?, "--seed")?,
            "--if-stale" => parsed.if_stale = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(Error::Usage(format!("unknown argument {other:?}\n{USAGE}"))),
        }
    }
    Ok(Some(parsed))
}

fn number<T: std::str::FromStr>(raw: &str, name: &str) -> Result<T, Error> {
    raw.parse()
        .map_err(|_| Error::Usage(format!("{name} expects a whole number, got {raw:?}")))
}

fn run() -> Result<(), Error> {
    let Some(args) = parse_args(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(());
    };
    let version = args.options.dataset_version();
    if args.if_stale && writer::is_fresh(&args.out, &version) {
        println!(
            "pishkhan-datagen: {} is up to date ({version})",
            args.out.display()
        );
        return Ok(());
    }
    let started = Instant::now();
    let inputs = Inputs::load()?;
    let dataset = generate(&inputs, &args.options)?;
    let docs = writer::render(&dataset)?;
    let bytes = writer::write(&args.out, &docs)?;
    println!(
        "pishkhan-datagen: {version}: {} offices, {} licences, {} provinces, {} files, {:.1} MB in {} ms -> {}",
        dataset.office_count(),
        dataset.licence_count(),
        dataset.provinces.len(),
        docs.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_millis(),
        args.out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pishkhan-datagen: {e}");
            ExitCode::FAILURE
        }
    }
}
