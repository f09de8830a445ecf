//! Running a [`Sliced`] job on the main thread without blocking it: a few milliseconds of work,
//! then a yield to the event loop (input, rendering, other loads), until the job is done
//! (issue 14: no task over 50 ms while data loads, on a phone four times slower than a desk).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::slices::{Budget, Sliced};

/// The longest a slice of work runs before it yields: a phone's 50 ms long-task limit with
/// room for what the page does in the same task.
pub const SLICE_MS: f64 = 8.0;

/// A budget of wall-clock time: spent [`SLICE_MS`] after it was made.
pub struct Deadline(f64);

impl Deadline {
    /// A budget of [`SLICE_MS`] from now.
    pub fn slice() -> Self {
        Deadline(js_sys::Date::now() + SLICE_MS)
    }
}

impl Budget for Deadline {
    fn spent(&mut self) -> bool {
        js_sys::Date::now() >= self.0
    }
}

/// Runs `job` a slice at a time, yielding between slices; its result.
pub async fn run<S: Sliced>(mut job: S) -> S::Output {
    while !job.step(&mut Deadline::slice()) {
        yield_now().await;
    }
    job.finish()
}

/// Lets the browser run what is waiting (input, rendering, timers) and resumes in a new task:
/// `scheduler.yield()` where the browser has it (the continuation keeps its priority), else a
/// zero-delay timer.
pub async fn yield_now() {
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok();
    let promise = scheduler.and_then(|s| {
        let f = js_sys::Reflect::get(&s, &"yield".into()).ok()?;
        let f: &js_sys::Function = f.dyn_ref()?;
        f.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    match promise {
        Some(p) => {
            let _ = JsFuture::from(p).await;
        }
        None => super::timer::sleep(0).await,
    }
}
