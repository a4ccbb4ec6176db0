//! `article-cleaner`: the command-line front end of the core.
//!
//! ```text
//! article-cleaner [--url URL] [--rules FILE] [--options JSON] [--pretty] [FILE|-]
//! ```

use std::io::{Read, Write};
use std::process::ExitCode;

use article_cleaner::{clean_to_json, Options};

const USAGE: &str = "\
article-cleaner — strip everything that is not the article; print it as JSON (contract v1)

USAGE:
    article-cleaner [OPTIONS] [FILE|-]

Reads the HTML of a feed item, fragment or whole page from FILE (or standard input when FILE
is `-` or absent) and prints the cleaned article as one line of JSON.

OPTIONS:
    --url URL          Base URL of the article (for relative links)
    --rules FILE       JSON array of extra rules (same format as the built-in rules)
    --disable-rule ID  Switch off a rule by id (repeatable)
    --options JSON     Options as a JSON object (camelCase keys, as in JavaScript)
    --pretty           Indent the JSON
    --list-rules       Print the built-in rules as JSON and exit
    --types            Print the TypeScript declarations of the contract and exit
    -h, --help         Print this help
    -V, --version      Print the version
";

struct Args {
    url: Option<String>,
    rules: Option<String>,
    disable: Vec<String>,
    options: Option<String>,
    pretty: bool,
    file: Option<String>,
}

enum Command {
    Clean(Args),
    Help,
    Version,
    ListRules,
    Types,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut a = Args {
        url: None,
        rules: None,
        disable: Vec::new(),
        options: None,
        pretty: false,
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
            "--types" => return Ok(Command::Types),
            "--pretty" => a.pretty = true,
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
    if let Some(u) = a.url {
        options.url = Some(u);
    }
    if let Some(path) = &a.rules {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let rules = article_cleaner::rules::rules_from_json_str(&text)
            .map_err(|e| format!("{path}: {e}"))?;
        options.rules.extend(rules);
    }
    options.disable_rules.extend(a.disable);
    options.validate().map_err(|e| e.to_string())?;
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
    let text = String::from_utf8_lossy(&input);
    clean_to_json(&text, &options, a.pretty).map_err(|e| format!("{} ({})", e, e.code()))
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
        Ok(Command::Types) => article_cleaner::typescript::declarations(),
        Ok(Command::Clean(a)) => match run(a) {
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
