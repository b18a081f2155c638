//! Checking many payloads in parallel while printing their reports in argument order.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};
use std::thread;

use ppio_validator::{Position, Validator, Violation, ViolationKind};

use crate::input::{self, Input, ReadError, Source};
use crate::output::{Printer, Rendered, Renderer};

/// Result of one payload.
#[derive(Debug)]
pub struct FileReport {
    /// Path as given on the command line, or `<stdin>`.
    pub name: String,
    pub result: Result<Checked, ReadError>,
}

/// Violations of a payload that could be read, or that was rejected as too large.
#[derive(Debug)]
pub struct Checked {
    pub violations: Vec<Violation>,
    /// Violations found after the `--max-violations` limit; counted, not listed.
    pub omitted: u64,
    /// False when a stream exceeded the cap, so the `too_large` size is only a lower bound.
    pub size_known: bool,
}

impl Checked {
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty() && self.omitted == 0
    }
}

/// Counts over all files, for the summary line and the exit status.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: u64,
    pub invalid: u64,
    pub unreadable: u64,
    pub violations: u64,
}

impl Summary {
    fn add(&mut self, report: &FileReport) {
        self.files += 1;
        match &report.result {
            Ok(checked) if checked.is_valid() => {}
            Ok(checked) => {
                self.invalid += 1;
                self.violations += checked.violations.len() as u64 + checked.omitted;
            }
            Err(_) => self.unreadable += 1,
        }
    }
}

/// Reports rendered by workers but not printed yet are capped at this many per worker, so
/// memory stays bounded when an early file is slow and later ones finish first.
const PENDING_PER_WORKER: usize = 8;

/// Checks every source and prints each report, in the order given, through `printer`.
pub fn check_all(sources: &[Source], validator: &Validator, printer: &mut Printer) -> Summary {
    let workers = thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .min(sources.len())
        .max(1);
    let renderer = printer.renderer();
    let mut summary = Summary::default();
    if workers == 1 {
        for source in sources {
            let (report, rendered) = check_one(source, validator, &renderer);
            summary.add(&report);
            printer.print(&rendered);
        }
        return summary;
    }

    let window = workers * PENDING_PER_WORKER;
    // The next index to claim and the next index to print.
    let progress = Mutex::new((0usize, 0usize));
    let printed = Condvar::new();
    let (sender, receiver) = mpsc::channel::<(usize, FileReport, Rendered)>();
    thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let progress = &progress;
            let printed = &printed;
            let renderer = &renderer;
            scope.spawn(move || {
                loop {
                    let index = {
                        let guard = progress.lock().expect("no worker panics while holding it");
                        let mut guard = printed
                            .wait_while(guard, |(next, done)| {
                                *next < sources.len() && *next >= *done + window
                            })
                            .expect("no worker panics while holding it");
                        if guard.0 >= sources.len() {
                            break;
                        }
                        guard.0 += 1;
                        guard.0 - 1
                    };
                    let (report, rendered) = check_one(&sources[index], validator, renderer);
                    if sender.send((index, report, rendered)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);

        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (index, report, rendered) in receiver {
            pending.insert(index, (report, rendered));
            while let Some((report, rendered)) = pending.remove(&next) {
                summary.add(&report);
                printer.print(&rendered);
                next += 1;
            }
            progress
                .lock()
                .expect("no worker panics while holding it")
                .1 = next;
            printed.notify_all();
        }
    });
    summary
}

/// Reads and checks one payload, then renders its report while the bytes are still at hand.
fn check_one(
    source: &Source,
    validator: &Validator,
    renderer: &Renderer,
) -> (FileReport, Rendered) {
    let max_size = validator.options().max_size;
    let name = source.display_name();
    let (result, bytes) = match input::read(source, max_size) {
        Ok(Input::Bytes(bytes)) => {
            let report = validator.check(&bytes);
            let checked = Checked {
                omitted: report.omitted(),
                violations: report.into_violations(),
                size_known: true,
            };
            (Ok(checked), Some(bytes))
        }
        Ok(Input::TooLarge { size }) => {
            let checked = Checked {
                violations: vec![too_large(max_size, size)],
                omitted: 0,
                size_known: size.is_some(),
            };
            (Ok(checked), None)
        }
        Err(error) => (Err(error), None),
    };
    let report = FileReport { name, result };
    let rendered = renderer.render(&report, bytes.as_deref());
    (report, rendered)
}

/// Builds the violation the validator itself reports for an oversized input. A stream stops
/// being read one byte past the cap, so its `actual` is that lower bound.
fn too_large(limit: u64, size: Option<u64>) -> Violation {
    Violation {
        kind: ViolationKind::TooLarge {
            limit,
            actual: size.unwrap_or(limit.saturating_add(1)),
        },
        pointer: String::new(),
        position: Some(Position {
            line: 1,
            column: 1,
            offset: 0,
        }),
    }
}
