//! Work done a slice at a time, so that decoding or indexing a large document never holds the
//! browser's main thread for long (issue 14: no task over 50 ms while data loads).
//!
//! A [`Sliced`] job is a resumable struct: [`Sliced::step`] does some work until its [`Budget`]
//! is spent, and the caller decides what happens between two steps. In the browser,
//! `platform::slices::run` gives each step a few milliseconds and yields to the event loop
//! between them; natively (tests, tools) [`run_to_end`] runs the job at once, and [`Units`]
//! bounds a step by a count, so the slicing is tested without a clock.

/// How much work a step may still do.
pub trait Budget {
    /// Whether the step should stop now (asked after each unit of work).
    fn spent(&mut self) -> bool;
}

/// A budget of a number of units of work (records, offices): the step stops after that many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Units(pub usize);

impl Budget for Units {
    fn spent(&mut self) -> bool {
        self.0 = self.0.saturating_sub(1);
        self.0 == 0
    }
}

/// A budget that is never spent: the job runs to its end in one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unlimited;

impl Budget for Unlimited {
    fn spent(&mut self) -> bool {
        false
    }
}

/// A job that can be done in steps.
pub trait Sliced {
    /// What the finished job gives.
    type Output;

    /// Does at least one unit of work, and more until `budget` is spent or the job is done.
    /// `true` when the job is done (then [`Sliced::finish`] gives its result).
    fn step(&mut self, budget: &mut dyn Budget) -> bool;

    /// The result; called once [`Sliced::step`] returned `true` (earlier: the job is finished
    /// at once).
    fn finish(self) -> Self::Output;
}

/// Runs a job to its end at once: the one-shot form of a sliced job.
pub fn run_to_end<S: Sliced>(mut job: S) -> S::Output {
    while !job.step(&mut Unlimited) {}
    job.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_stop_a_step_after_that_many_units() {
        let mut b = Units(3);
        assert_eq!([b.spent(), b.spent(), b.spent()], [false, false, true]);
        // Zero units still lets the step do the one unit it always does.
        assert!(Units(0).spent());
        assert!(!Unlimited.spent());
    }
}
