//! Format sniffing: is the input a JSON Feed, an RSS 2.0, RSS 1.0 or Atom document, or not a
//! feed at all? Looks at the first non-blank character and, for XML, the root element's name,
//! before anything is parsed in full.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::model::FeedFormat;
use crate::error::Error;

/// What the input looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A JSON document (a JSON Feed if its `version` says so).
    Json,
    /// An XML document whose root names this format.
    Xml(FeedFormat),
}

/// Sniffs the format from the start of the input.
pub(crate) fn sniff(input: &str) -> Result<Sniffed, Error> {
    let t = input.trim_start_matches('\u{feff}').trim_start();
    match t.chars().next() {
        Some('{') => return Ok(Sniffed::Json),
        Some('<') => {}
        Some(_) => {
            return Err(Error::NotAFeed {
                message: "the input is neither XML nor JSON.".into(),
            })
        }
        None => {
            return Err(Error::NotAFeed {
                message: "the input is empty.".into(),
            })
        }
    }
    let root = match root_name(t) {
        Some(r) => r,
        // Declared XML that cannot be read is a broken feed; anything else starting with `<`
        // (an HTML page or fragment the XML reader cannot follow) is not a feed.
        None if t.starts_with("<?xml") => {
            return Err(Error::InvalidFeed {
                message: "the XML has no readable root element.".into(),
            })
        }
        None => {
            return Err(Error::NotAFeed {
                message: "the input is markup without a feed's root element.".into(),
            })
        }
    };
    let local = root.rsplit(':').next().unwrap_or(&root);
    match local {
        "rss" => Ok(Sniffed::Xml(FeedFormat::Rss2)),
        "RDF" => Ok(Sniffed::Xml(FeedFormat::Rss1)),
        "feed" => Ok(Sniffed::Xml(FeedFormat::Atom)),
        _ if local.eq_ignore_ascii_case("html") => Err(Error::NotAFeed {
            message: "the input is an HTML page (clean it with `clean`).".into(),
        }),
        other => Err(Error::NotAFeed {
            message: format!("the root element is <{other}>, not <rss>, <rdf:RDF> or <feed>."),
        }),
    }
}

/// The qualified name of the first element, skipping the prolog (declaration, comments,
/// DOCTYPE). None when the prolog is unreadable or has no element.
fn root_name(input: &str) -> Option<String> {
    let mut reader = Reader::from_str(input);
    // The prolog only: a handful of events.
    for _ in 0..64 {
        match reader.read_event().ok()? {
            Event::Start(s) | Event::Empty(s) => {
                return Some(String::from_utf8_lossy(s.name().0).into_owned())
            }
            Event::Eof => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(" {\"version\":1}").unwrap(), Sniffed::Json);
        assert_eq!(
            sniff("\u{feff}<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\"/>").unwrap(),
            Sniffed::Xml(FeedFormat::Rss2)
        );
        assert_eq!(
            sniff("<rdf:RDF xmlns:rdf=\"x\"></rdf:RDF>").unwrap(),
            Sniffed::Xml(FeedFormat::Rss1)
        );
        assert_eq!(
            sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>").unwrap(),
            Sniffed::Xml(FeedFormat::Atom)
        );
        for (s, code) in [
            ("<!DOCTYPE html><html><body>x</body></html>", "NOT_A_FEED"),
            ("<svg/>", "NOT_A_FEED"),
            ("plain text", "NOT_A_FEED"),
            ("", "NOT_A_FEED"),
        ] {
            assert_eq!(sniff(s).unwrap_err().code(), code, "{s}");
        }
    }
}
