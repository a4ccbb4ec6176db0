//! Arbitrary bytes → (options JSON, HTML). The first two bytes give the length of the options
//! part (little-endian, taken modulo the input length); both parts are read as lossy UTF-8.
#![no_main]

use article_cleaner::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (opts, html) = match data {
        [a, b, rest @ ..] => {
            let n = usize::from(u16::from_le_bytes([*a, *b]));
            let n = if rest.is_empty() { 0 } else { n % (rest.len() + 1) };
            rest.split_at(n)
        }
        _ => (&[][..], data),
    };
    let html = String::from_utf8_lossy(html).into_owned();
    let options = if opts.is_empty() {
        Options::default()
    } else {
        // Malformed options must be a typed error, never a panic.
        match Options::from_json_str(&String::from_utf8_lossy(opts)) {
            Ok(o) => o,
            Err(e) => {
                assert!(matches!(e.code(), "INVALID_OPTIONS" | "INVALID_RULE"));
                Options::default()
            }
        }
    };
    article_cleaner_fuzz::run(html, options);
});
