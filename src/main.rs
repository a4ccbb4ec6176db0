//! `article-cleaner`: the command-line front end of the core.
//!
//! ```text
//! article-cleaner [--url URL] [--rules FILE] [--disable-rule ID] [--options JSON] [--pretty] [FILE|-]
//! article-cleaner --feed [OPTIONS] [FILE|-]
//! article-cleaner --list-rules | --rules-schema | --types | --help | --version
//! ```

use std::io::{Read, Write};
use std::process::ExitCode;

use article_cleaner::{clean_bytes_to_json, Options};

mod cli_batch;

const USAGE: &str = "\
article-cleaner — strip everything that is not the article; print it as JSON (contract v1)

USAGE:
    article-cleaner [OPTIONS] [FILE|-]
    article-cleaner --feed [OPTIONS] [FILE|-]

Reads the HTML of a feed item, fragment or whole page from FILE (or standard input when FILE
is `-` or absent) and prints the cleaned article as one line of JSON. The bytes are decoded
as a browser does: byte-order mark, then `<meta charset>`, then a guess. With --feed, reads a
whole feed (RSS 2.0, RSS 1.0, Atom, JSON Feed; the charset from the BOM or the XML declaration)
and prints {version, feed, items} with every item cleaned.

OPTIONS:
    --url URL          Base URL of the article (for relative links)
    --rules FILE       JSON array of extra rules (same format as the built-in rules)
    --disable-rule ID  Switch off a rule by id (repeatable)
    --options JSON     Options as a JSON object (camelCase keys, as in JavaScript)
    --pretty           Indent the JSON
    --feed             The input is a whole feed: print the feed with every item cleaned
    --jsonl            Batch mode: read {html, url} JSON lines from standard input, write one
                       article (or error) line per input line, using all cores
    --list-rules       Print the built-in rules as JSON and exit
    --rules-schema     Print the JSON Schema of the rule format and exit
    --types            Print the TypeScript declarations of the contract and exit
    -h, --help         Print this help
    -V, --version      Print the version

EXIT STATUS:
    0  success
    1  the input, the options or a rules file could not be read or used (message on stderr)
    2  bad command line
";

struct Args {
    url: Option<String>,
    rules: Option<String>,
    disable: Vec<String>,
    options: Option<String>,
    pretty: bool,
    jsonl: bool,
    feed: bool,
    file: Option<String>,
}

enum Command {
    Clean(Args),
    Help,
    Version,
    ListRules,
    RulesSchema,
    Types,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut a = Args {
        url: None,
        rules: None,
        disable: Vec::new(),
        options: None,
        pretty: false,
        jsonl: false,
        feed: false,
        file: None,
    };
    let value = |flag: &str, it: &mut dyn Iterator<Item = String>| {
        it.next().ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--list-rules" => return Ok(Command::ListRules),
            "--rules-schema" => return Ok(Command::RulesSchema),
            "--types" => return Ok(Command::Types),
            "--pretty" => a.pretty = true,
            "--jsonl" => a.jsonl = true,
            "--feed" => a.feed = true,
            "--url" => a.url = Some(value("--url", &mut it)?),
            "--rules" => a.rules = Some(value("--rules", &mut it)?),
            "--disable-rule" => a.disable.push(value("--disable-rule", &mut it)?),
            "--options" => a.options = Some(value("--options", &mut it)?),
            s if s.starts_with("--") => return Err(format!("unknown option `{s}` (see --help)")),
            _ => {
                if a.file.is_some() {
                    return Err("only one input file may be given".into());
                }
                a.file = Some(arg);
            }
        }
    }
    Ok(Command::Clean(a))
}

fn run(a: Args) -> Result<String, String> {
    let mut options = match &a.options {
        Some(json) => Options::from_json_str(json).map_err(|e| e.to_string())?,
        None => Options::default(),
    };
    // `--url ''` (a harness with no URL for a page) means no URL, not a bad one.
    if let Some(u) = a.url.filter(|u| !u.trim().is_empty()) {
        options.url = Some(u);
    }
    if let Some(path) = &a.rules {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let rules = article_cleaner::rules::rules_from_json_str(&text)
            .and_then(|r| article_cleaner::rules::validate_rules(&r).map(|()| r))
            .map_err(|e| format!("{path}: {e}"))?;
        options.rules.extend(rules);
    }
    options.disable_rules.extend(a.disable);
    options.validate().map_err(|e| e.to_string())?;
    if a.jsonl {
        if a.feed {
            return Err("--jsonl and --feed cannot be combined".into());
        }
        if a.file.is_some() {
            return Err("--jsonl reads standard input; no FILE may be given".into());
        }
        let started = std::time::Instant::now();
        let (docs, errors) = cli_batch::run(&options).map_err(|e| format!("batch mode: {e}"))?;
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "article-cleaner: {docs} documents, {errors} errors, {:.1} s, {:.0} documents/s",
            secs,
            docs as f64 / secs
        );
        return Ok(String::new());
    }
    let mut input = Vec::new();
    match a.file.as_deref() {
        None | Some("-") => {
            std::io::stdin()
                .read_to_end(&mut input)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
        }
        Some(path) => {
            input = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        }
    }
    if a.feed {
        #[cfg(feature = "feed-charset")]
        {
            let text = article_cleaner::decode_feed_bytes(&input)
                .map_err(|e| format!("{} ({})", e, e.code()))?;
            return article_cleaner::clean_feed_to_json(&text, &options, a.pretty)
                .map_err(|e| format!("{} ({})", e, e.code()));
        }
        #[cfg(not(feature = "feed-charset"))]
        return Err("built without the `feed-charset` feature: --feed is not available".into());
    }
    // Bytes in: decoded by BOM, `<meta charset>`, then a guess (article_cleaner::decode).
    clean_bytes_to_json(&input, &options, a.pretty).map_err(|e| format!("{} ({})", e, e.code()))
}

fn main() -> ExitCode {
    let out = match parse_args(std::env::args().skip(1)) {
        Err(e) => {
            eprintln!("article-cleaner: {e}");
            return ExitCode::from(2);
        }
        Ok(Command::Help) => USAGE.to_string(),
        Ok(Command::Version) => format!("article-cleaner {}", article_cleaner::VERSION),
        Ok(Command::ListRules) => {
            match serde_json::to_string_pretty(article_cleaner::builtin_rules()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("article-cleaner: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        Ok(Command::RulesSchema) => {
            match serde_json::to_string_pretty(&article_cleaner::rules::rules_schema()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("article-cleaner: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        Ok(Command::Types) => article_cleaner::typescript::declarations(),
        Ok(Command::Clean(a)) => match run(a) {
            Ok(s) if s.is_empty() => return ExitCode::SUCCESS,
            Ok(s) => s,
            Err(e) => {
                eprintln!("article-cleaner: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{out}").is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
