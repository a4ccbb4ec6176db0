//! `article-cleaner --jsonl`: batch mode for large corpora. Reads `{"html": …, "url": …}` lines
//! from standard input, writes one output line per input line, in order: the article JSON, or
//! `{"error": {code, message, …}, "line": N}`. Work is spread over all cores; a progress line is
//! drawn on standard error when it is a terminal.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use article_cleaner::{clean_to_json, Error, Options};

#[derive(serde::Deserialize)]
struct InputLine {
    html: String,
    #[serde(default)]
    url: Option<String>,
}

/// Lines processed per parallel batch.
const BATCH: usize = 256;

fn process(line: &str, number: usize, base: &Options) -> String {
    let error_line =
        |e: Error| serde_json::json!({ "error": e.info(), "line": number }).to_string();
    let input: InputLine = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return error_line(Error::InvalidOptions {
                path: String::new(),
                message: format!("line {number} is not a {{\"html\", \"url\"}} JSON object: {e}"),
            })
        }
    };
    let mut options = base.clone();
    if input.url.is_some() {
        options.url = input.url;
    }
    match clean_to_json(&input.html, &options, false) {
        Ok(s) => s,
        Err(e) => error_line(e),
    }
}

/// Runs the batch mode; returns (documents, errors).
pub fn run(options: &Options) -> std::io::Result<(usize, usize)> {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let progress = std::io::stderr().is_terminal();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let started = Instant::now();
    let mut done = 0usize;
    let errors = AtomicUsize::new(0);
    let mut lines = stdin.lines();
    loop {
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        for line in lines.by_ref() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            done += 1;
            batch.push((done, line));
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let chunk = batch.len().div_ceil(workers);
        let outputs: Vec<Vec<String>> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .chunks(chunk.max(1))
                .map(|part| {
                    let errors = &errors;
                    s.spawn(move || {
                        part.iter()
                            .map(|(n, l)| {
                                let out = process(l, *n, options);
                                if out.starts_with("{\"error\"") {
                                    errors.fetch_add(1, Ordering::Relaxed);
                                }
                                out
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for out in outputs.into_iter().flatten() {
            stdout.write_all(out.as_bytes())?;
            stdout.write_all(b"\n")?;
        }
        if progress {
            let secs = started.elapsed().as_secs_f64().max(1e-9);
            eprint!(
                "\r{done} documents, {:.0} docs/s, {} errors",
                done as f64 / secs,
                errors.load(Ordering::Relaxed)
            );
        }
    }
    stdout.flush()?;
    if progress {
        eprintln!();
    }
    Ok((done, errors.load(Ordering::Relaxed)))
}
