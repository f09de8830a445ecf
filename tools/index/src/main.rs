//! `pishkhan-index API_DIR [--out DIR] [--if-stale] [--places-population FILE]`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use pishkhan_index::{build_all, is_fresh, load_gazetteer, write, Params};

const USAGE: &str =
    "usage: pishkhan-index API_DIR [--out DIR] [--if-stale] [--places-population FILE]
  API_DIR                  a v1 API folder (meta.json, services.json, provinces/*/…)
  --out DIR                write the index and an updated meta.json to DIR (default: API_DIR)
  --if-stale               do nothing when meta.json already has an index of its dataset_version
  --places-population FILE gazetteer ({\"cities\":[{name_en,names_fa,lat,lon,population}]})
                           giving places a population";

struct Args {
    api: PathBuf,
    out: Option<PathBuf>,
    if_stale: bool,
    gazetteer: Option<PathBuf>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut api = None;
    let (mut out, mut if_stale, mut gazetteer) = (None, false, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a value")?)),
            "--places-population" => {
                gazetteer = Some(PathBuf::from(
                    args.next().ok_or("--places-population needs a value")?,
                ))
            }
            "--if-stale" => if_stale = true,
            "-h" | "--help" => return Ok(None),
            other if other.starts_with("--") => return Err(format!("unknown option {other:?}")),
            other if api.is_none() => api = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let api = api.ok_or("API_DIR is missing")?;
    Ok(Some(Args {
        api,
        out,
        if_stale,
        gazetteer,
    }))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("pishkhan-index: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let out = args.out.clone().unwrap_or_else(|| args.api.clone());
    if args.if_stale && args.out.is_none() && is_fresh(&args.api) {
        println!("pishkhan-index: {} is up to date", args.api.display());
        return ExitCode::SUCCESS;
    }
    let started = Instant::now();
    let gazetteer = match args.gazetteer.as_deref().map(load_gazetteer).transpose() {
        Ok(g) => g.unwrap_or_default(),
        Err(e) => {
            eprintln!("pishkhan-index: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result =
        build_all(&args.api, &Params::default(), &gazetteer).and_then(|docs| write(&out, &docs));
    match result {
        Ok(r) => {
            println!(
                "pishkhan-index: {} documents, {} bytes, largest {} ({} bytes), in {} ms -> {}",
                r.documents,
                r.bytes,
                r.largest.0,
                r.largest.1,
                started.elapsed().as_millis(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pishkhan-index: refused {}: {e}", args.api.display());
            ExitCode::FAILURE
        }
    }
}
