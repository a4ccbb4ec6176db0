//! The shape of a parsed input, read from its structure rather than from a few tags: whether a
//! fragment is really a whole page (navigation, scripts, forms, head elements, many blocks),
//! and which `<form>`s are containers of the content rather than form controls (an ASP.NET
//! WebForms page wraps its whole body in one `<form runat=server>`).

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::dom::{self, ego_tree};

/// A form is a container when it holds at least this much prose (characters outside its
/// controls, scripts and styles)…
pub const CONTAINER_FORM_PROSE: usize = 400;
/// …in at least this many runs of text of [`LONG_RUN`] characters or more (a search, login,
/// comment or cookie form has labels and at most one notice).
pub const CONTAINER_FORM_RUNS: usize = 2;
/// A run of text long enough to be prose.
pub const LONG_RUN: usize = 80;
/// Block elements above which a fragment is as big as a page (one signal of several).
pub const PAGE_BLOCKS: usize = 60;
/// Page signals a fragment needs to be treated as a page.
pub const PAGE_SIGNALS: usize = 2;

/// Elements whose text is a control's, not prose.
fn is_control(name: &str) -> bool {
    matches!(
        name,
        "input" | "button" | "select" | "option" | "optgroup" | "textarea" | "label" | "legend"
    ) || matches!(name, "script" | "style" | "noscript" | "template")
}

/// Whether a parsed fragment (no `<html>`/`<head>`/`<body>` tags in the input) has the
/// structure of a whole page: at least [`PAGE_SIGNALS`] of head elements (`<title>`, `<meta>`,
/// `<link>`), navigation (`<nav>`, `role=navigation`, `<menu>`), a form, two or more scripts,
/// a page header or footer, more than [`PAGE_BLOCKS`] blocks.
pub fn looks_like_page(html: &Html) -> bool {
    let (mut head, mut nav, mut form, mut scripts, mut banner, mut blocks) =
        (false, false, false, 0usize, false, 0usize);
    for n in html.tree.nodes() {
        let Some(e) = n.value().as_element() else {
            continue;
        };
        let name = e.name();
        match name {
            "title" | "meta" | "link" => head = true,
            "nav" | "menu" => nav = true,
            "form" => form = true,
            "script" => scripts += 1,
            "header" | "footer" => banner = true,
            _ => {}
        }
        if e.attr("role") == Some("navigation") {
            nav = true;
        }
        if dom::is_block(name) {
            blocks += 1;
        }
    }
    let signals = [head, nav, form, scripts >= 2, banner, blocks > PAGE_BLOCKS];
    signals.iter().filter(|s| **s).count() >= PAGE_SIGNALS
}

/// Turns every `<form>` that holds the content (see [`CONTAINER_FORM_PROSE`]) into a `<div>`,
/// so that article finding and rendering treat it as the container it is. Its controls stay
/// controls (and are dropped later as such). Returns how many forms were opened.
pub fn open_container_forms(html: &mut Html) -> usize {
    let forms: Vec<NodeId> = html
        .tree
        .nodes()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "form"))
        .map(|n| n.id())
        .filter(|&id| is_container(html, id))
        .collect();
    for &id in &forms {
        if let Some(mut n) = html.tree.get_mut(id) {
            if let Node::Element(e) = n.value() {
                e.name.local = "div".into();
            }
        }
    }
    forms.len()
}

/// Prose in a form: characters of text outside controls, and runs of [`LONG_RUN`]+ characters
/// (whitespace-normalised text between two block or control boundaries).
fn is_container(html: &Html, form: NodeId) -> bool {
    let Some(node) = html.tree.get(form) else {
        return false;
    };
    let (mut prose, mut runs) = (0usize, 0usize);
    let mut run = 0usize;
    let mut skip: Option<NodeId> = None;
    let end_run = |run: &mut usize, runs: &mut usize| {
        if *run >= LONG_RUN {
            *runs += 1;
        }
        *run = 0;
    };
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => {
                        let chars = crate::text::normalize_ws(t).chars().count();
                        prose += chars;
                        run += chars;
                    }
                    Node::Element(e) if is_control(e.name()) => {
                        end_run(&mut run, &mut runs);
                        skip = Some(n.id());
                    }
                    Node::Element(e) if dom::is_block(e.name()) || e.name() == "br" => {
                        end_run(&mut run, &mut runs);
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                } else if n
                    .value()
                    .as_element()
                    .is_some_and(|e| dom::is_block(e.name()))
                {
                    end_run(&mut run, &mut runs);
                }
            }
        }
    }
    end_run(&mut run, &mut runs);
    prose >= CONTAINER_FORM_PROSE && runs >= CONTAINER_FORM_RUNS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Html {
        Html::parse_document(s)
    }

    const PROSE: &str = "Der Gemeinderat hat am Dienstag beschlossen, die Sanierung der \
        Grundschule um ein Jahr vorzuziehen, nachdem Gutachter Mängel am Dach gefunden hatten.";

    #[test]
    fn a_form_around_the_content_is_a_container() {
        let page = format!(
            "<form id=aspnetForm method=post><input type=hidden name=__VIEWSTATE value=x>\
             <div><h1>T</h1><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></form>"
        );
        let mut html = parse(&page);
        assert_eq!(open_container_forms(&mut html), 1);
        assert!(html
            .tree
            .nodes()
            .all(|n| n.value().as_element().is_none_or(|e| e.name() != "form")));
    }

    #[test]
    fn search_login_and_comment_forms_stay_forms() {
        for f in [
            "<form><input name=q><button>Suchen</button></form>",
            "<form><label>Name</label><input><label>E-Mail</label><input>\
             <p>Deine E-Mail-Adresse wird nicht veröffentlicht.</p><textarea></textarea>\
             <button>Kommentar abschicken</button></form>",
            &format!("<form><p>{PROSE} {PROSE}</p><button>OK</button></form>"),
        ] {
            let mut html = parse(f);
            assert_eq!(open_container_forms(&mut html), 0, "{f}");
        }
    }

    #[test]
    fn a_fragment_with_page_structure_is_a_page() {
        let page = "<title>Site</title><nav><a href=/>Home</a></nav><p>Text</p>";
        assert!(looks_like_page(&parse(page)));
        let aspnet = "<form method=post><script>var a;</script><script>var b;</script>\
                      <div><p>Text</p></div></form>";
        assert!(looks_like_page(&parse(aspnet)));
        // A feed item with an embedded post and its script is no page.
        let item = "<p>Text</p><blockquote class=twitter-tweet><p>Tweet</p></blockquote>\
                    <script async src=https://platform.twitter.com/widgets.js></script>\
                    <figure><img src=a.jpg><figcaption>Bild</figcaption></figure>";
        assert!(!looks_like_page(&parse(item)));
    }
}
