//! The feed's XML as a small tree of namespaced elements, read with quick-xml.
//!
//! No DTD processing: a `<!DOCTYPE>` that declares entities is refused (an entity-expansion bomb
//! or an external entity is never expanded nor fetched), any other DOCTYPE is ignored. The five
//! predefined entities and character references are resolved; an undeclared entity (`&nbsp;` in
//! a sloppy feed) stays in the text as written, for the HTML parser of the item body.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::Error;

pub(crate) const ATOM: &str = "http://www.w3.org/2005/Atom";
pub(crate) const RSS1: &str = "http://purl.org/rss/1.0/";
pub(crate) const RSS090: &str = "http://my.netscape.com/rdf/simple/0.9/";
pub(crate) const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub(crate) const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
pub(crate) const DC: &str = "http://purl.org/dc/elements/1.1/";
pub(crate) const MEDIA: &str = "http://search.yahoo.com/mrss/";
/// FeedBurner's namespace (`feedburner:origLink`: the item's link before FeedBurner's redirect).
pub(crate) const FEEDBURNER: &str = "http://rssnamespace.org/feedburner/ext/1.0";
pub(crate) const XHTML: &str = "http://www.w3.org/1999/xhtml";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// An element: namespace URI (None when unqualified), local name, attributes, children.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub ns: Option<String>,
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

/// An attribute, namespaced like an element (`xml:base` has the XML namespace).
#[derive(Debug)]
pub(crate) struct Attr {
    pub ns: Option<String>,
    pub name: String,
    pub value: String,
}

#[derive(Debug)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// True when the element is `name` in namespace `ns` (None: no namespace).
    pub fn is(&self, ns: Option<&str>, name: &str) -> bool {
        self.name == name && self.ns.as_deref() == ns
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element `name` in one of the namespaces `ns`.
    pub fn child(&self, ns: &[Option<&str>], name: &str) -> Option<&Element> {
        self.elements()
            .find(|e| e.name == name && ns.contains(&e.ns.as_deref()))
    }

    /// Every child element `name` in one of the namespaces `ns`.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a [Option<&'a str>],
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements()
            .filter(move |e| e.name == name && ns.contains(&e.ns.as_deref()))
    }

    /// An unqualified attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_none() && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// An `xml:` attribute's value (`xml:base`, `xml:lang`).
    pub fn xml_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.as_deref() == Some(XML) && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The text content: every descendant text, concatenated.
    pub fn text(&self) -> String {
        let mut out = String::new();
        fn walk(e: &Element, out: &mut String) {
            for c in &e.children {
                match c {
                    Node::Text(t) => out.push_str(t),
                    Node::Element(e) => walk(e, out),
                }
            }
        }
        walk(self, &mut out);
        out
    }

    /// The trimmed text, None when empty.
    pub fn trimmed(&self) -> Option<String> {
        let t = self.text();
        let t = t.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// The children serialized as HTML (Atom `type="xhtml"` content): local names, attributes
    /// without namespace declarations, text escaped.
    pub fn inner_html(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            write_html(c, &mut out);
        }
        out
    }
}

fn write_html(n: &Node, out: &mut String) {
    match n {
        Node::Text(t) => escape_into(t, false, out),
        Node::Element(e) => {
            out.push('<');
            out.push_str(&e.name);
            for a in &e.attrs {
                out.push(' ');
                out.push_str(&a.name);
                out.push_str("=\"");
                escape_into(&a.value, true, out);
                out.push('"');
            }
            out.push('>');
            for c in &e.children {
                write_html(c, out);
            }
            out.push_str("</");
            out.push_str(&e.name);
            out.push('>');
        }
    }
}

/// Escapes text for HTML (`&`, `<`, `>`, and `"` in attribute values).
pub(crate) fn escape_into(s: &str, attr: bool, out: &mut String) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Limits of one parse.
pub(crate) struct Limits {
    pub max_elements: usize,
    pub max_depth: usize,
}

fn invalid(message: String) -> Error {
    Error::InvalidFeed { message }
}

/// Parses `input` into its root element.
pub(crate) fn parse(input: &str, limits: &Limits) -> Result<Element, Error> {
    let mut reader = Reader::from_str(input);
    // Item bodies keep their whitespace; structure-only whitespace is dropped below.
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    // Namespace declarations in scope, one frame per open element.
    let mut scopes: Vec<Vec<(String, String)>> = Vec::new();
    let mut root: Option<Element> = None;
    let mut elements = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            invalid(format!(
                "malformed XML at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match event {
            Event::DocType(d) => {
                let text = String::from_utf8_lossy(&d.into_inner()).to_ascii_uppercase();
                if text.contains("<!ENTITY") {
                    return Err(invalid(
                        "the document type declares entities; entities are never expanded (entity-expansion and external-entity attacks), so such feeds are refused".into(),
                    ));
                }
            }
            Event::Start(s) | Event::Empty(s) if root.is_some() => {
                let _ = s;
                return Err(invalid("content after the root element".into()));
            }
            Event::Start(s) => {
                elements += 1;
                if elements > limits.max_elements {
                    return Err(Error::TooManyElements {
                        limit: limits.max_elements,
                        found: elements,
                    });
                }
                if stack.len() + 1 > limits.max_depth {
                    return Err(Error::TooDeep {
                        limit: limits.max_depth,
                        found: stack.len() + 1,
                    });
                }
                let (el, frame) = open(&s, &scopes)?;
                scopes.push(frame);
                stack.push(el);
            }
            Event::Empty(s) => {
                elements += 1;
                if elements > limits.max_elements {
                    return Err(Error::TooManyElements {
                        limit: limits.max_elements,
                        found: elements,
                    });
                }
                let (el, _) = open(&s, &scopes)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                scopes.pop();
                let Some(el) = stack.pop() else {
                    return Err(invalid("an end tag without its start tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| invalid(format!("bad text: {e}")))?;
                push_text(&mut stack, &s, root.is_some())?;
            }
            Event::CData(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| invalid(format!("bad CDATA: {e}")))?;
                push_text(&mut stack, &s, root.is_some())?;
            }
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .map_err(|e| invalid(format!("bad reference: {e}")))?
                    .into_owned();
                let text = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => return Err(invalid(format!("bad character reference `&{name};`"))),
                    }
                } else {
                    predefined(&name)
                        .map(str::to_string)
                        .unwrap_or_else(|| html_entity(&name))
                };
                push_text(&mut stack, &text, root.is_some())?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(invalid(format!(
            "the document ends inside <{}>",
            stack.last().map(|e| e.name.as_str()).unwrap_or("")
        )));
    }
    root.ok_or_else(|| invalid("no root element".into()))
}

/// An undeclared entity, read as HTML's named character reference of that name (a fixed
/// table, nothing is expanded recursively); as written when HTML has none.
fn html_entity(name: &str) -> String {
    let literal = format!("&{name};");
    if name.len() > 32 || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return literal;
    }
    let text = super::html_to_text(&literal);
    if text.is_empty() {
        literal
    } else {
        text
    }
}

fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

fn push_text(stack: &mut [Element], s: &str, after_root: bool) -> Result<(), Error> {
    match stack.last_mut() {
        Some(parent) => {
            if let Some(Node::Text(prev)) = parent.children.last_mut() {
                prev.push_str(s);
            } else {
                parent.children.push(Node::Text(s.to_string()));
            }
            Ok(())
        }
        None if s.trim().is_empty() => Ok(()),
        None if after_root => Err(invalid("text after the root element".into())),
        None => Err(invalid("text before the root element".into())),
    }
}

/// Reads a start tag: its namespace declarations (the new scope frame), then its name and
/// attributes resolved against every frame in scope.
fn open(
    s: &BytesStart<'_>,
    scopes: &[Vec<(String, String)>],
) -> Result<(Element, Vec<(String, String)>), Error> {
    let mut raw: Vec<(String, String)> = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| invalid(format!("bad attribute: {e}")))?;
        let key = String::from_utf8_lossy(a.key.0).into_owned();
        let value = unescape(&String::from_utf8_lossy(&a.value))?;
        raw.push((key, value));
    }
    let mut frame = Vec::new();
    for (k, v) in &raw {
        if k == "xmlns" {
            frame.push((String::new(), v.clone()));
        } else if let Some(p) = k.strip_prefix("xmlns:") {
            frame.push((p.to_string(), v.clone()));
        }
    }
    let resolve = |prefix: &str| -> Option<String> {
        if prefix == "xml" {
            return Some(XML.to_string());
        }
        frame
            .iter()
            .rev()
            .chain(scopes.iter().rev().flat_map(|f| f.iter().rev()))
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.clone())
            .filter(|u| !u.is_empty())
    };
    let qname = String::from_utf8_lossy(s.name().0).into_owned();
    let (prefix, local) = split_qname(&qname);
    let ns = resolve(prefix);
    let attrs = raw
        .into_iter()
        .filter(|(k, _)| k != "xmlns" && !k.starts_with("xmlns:"))
        .map(|(k, value)| {
            let (p, l) = split_qname(&k);
            Attr {
                // Unprefixed attributes are in no namespace.
                ns: if p.is_empty() { None } else { resolve(p) },
                name: l.to_string(),
                value,
            }
        })
        .collect();
    Ok((
        Element {
            ns,
            name: local.to_string(),
            attrs,
            children: Vec::new(),
        },
        frame,
    ))
}

fn split_qname(q: &str) -> (&str, &str) {
    match q.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", q),
    }
}

/// Resolves the predefined entities and character references of an attribute value; an
/// undeclared entity stays as written.
fn unescape(s: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 1..).unwrap_or("");
        let Some(end) = after.find(';').filter(|&e| e <= 32) else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = after.get(..end).unwrap_or("");
        if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            match code.and_then(char::from_u32).filter(|c| *c != '\0') {
                Some(c) => out.push(c),
                None => return Err(invalid(format!("bad character reference `&{name};`"))),
            }
        } else if let Some(p) = predefined(name) {
            out.push_str(p);
        } else {
            out.push('&');
            out.push_str(name);
            out.push(';');
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            max_elements: 1000,
            max_depth: 64,
        }
    }

    #[test]
    fn namespaces_and_references() {
        let doc = r#"<?xml version="1.0"?><a:feed xmlns:a="http://www.w3.org/2005/Atom" xml:base="http://x/"><a:title type="html">A &amp; B &#x263A; &nbsp;<![CDATA[<b>c</b>]]></a:title></a:feed>"#;
        let root = parse(doc, &limits()).unwrap();
        assert!(root.is(Some(ATOM), "feed"));
        assert_eq!(root.xml_attr("base"), Some("http://x/"));
        let t = root.child(&[Some(ATOM)], "title").unwrap();
        assert_eq!(t.attr("type"), Some("html"));
        assert_eq!(t.text(), "A & B ☺ \u{a0}<b>c</b>");
    }

    #[test]
    fn refuses_entities_and_malformed() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss>&lol2;</rss>"#;
        assert_eq!(parse(bomb, &limits()).unwrap_err().code(), "INVALID_FEED");
        for bad in [
            "<rss><channel></rss>",
            "<rss>",
            "<rss></rss><rss/>",
            "",
            "<rss a='1' a='2'/>",
        ] {
            assert_eq!(
                parse(bad, &limits()).unwrap_err().code(),
                "INVALID_FEED",
                "{bad}"
            );
        }
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert_eq!(parse(&deep, &limits()).unwrap_err().code(), "TOO_DEEP");
    }
}
