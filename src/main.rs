//! Entry point: mounts the app. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    pishkhan::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pishkhan is a browser app: build it with `scripts/build.sh` (see README.md)");
}
