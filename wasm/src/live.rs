//! `cleanDocument()`: reads a live DOM document through web-sys (the only way this crate touches
//! the DOM) and turns what the browser knows into the core's plain-data [`PageHints`]: the
//! elements it does not show, the `aria-hidden` elements it does show, the document's language,
//! direction, encoding and URL. The page is only read, never changed.
//!
//! What counts as hidden, decided from computed style and the box (web-sys has no binding for
//! `checkVisibility()`, which reads the same facts):
//! - `display: none` (the element and everything inside it);
//! - `content-visibility: hidden` (its contents are never rendered);
//! - `visibility: hidden | collapse`, when nothing inside sets `visible` again;
//! - a box at most 1 px wide or high that clips its overflow in that direction (`height: 0;
//!   overflow: hidden`, the visually-hidden / screen-reader-only pattern).
//!
//! Hidden on purpose but content, so never a hint (the markup decides there, as for a string):
//! the contents of a closed `<details>`, `hidden="until-found"` sections, and elements named by
//! an `aria-controls` (a "read more" button's collapsed section). `aria-hidden` alone is not
//! visual hiding: an `aria-hidden` block the browser shows is reported as shown.
//!
//! Which elements are checked: the non-inline elements under `<body>`, top-down. A hidden
//! element's subtree is not walked further (its descendants are only counted), nor is anything
//! whose content the core never takes as article text (`<head>`, scripts, styles, SVG, media,
//! controls, `<nav>`, `<menu>`, `<dialog>`). Inline elements are walked but not
//! checked (their block decides), except for `display` when they hold elements (a link around a
//! card), and inside a `visibility: hidden` subtree, where any descendant may set `visible`
//! again. Per checked element: one computed style, four properties (`display`, `visibility`,
//! `content-visibility`, `overflow`), and the offset size only when it clips.

use article_cleaner::{ElementHint, Error, HiddenBy, HiddenElement, PageHints, Visibility};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleDeclaration, Document, Element, HtmlElement, Window};

/// What `cleanDocument()` hands to the core.
pub struct LivePage {
    /// The document's markup: its doctype (when it has one: the parser must not fall into
    /// quirks mode) and `documentElement.outerHTML`.
    pub markup: String,
    /// The default `url` option: the document's URL, else its base URI (http and https only).
    pub url: Option<String>,
    /// What the page knows beyond the markup.
    pub hints: PageHints,
}

/// Elements that never hold article text, whose contents are not a document tree (template
/// contents, raw text), or whose content the core drops whatever it is (`dom::NON_CONTENT`:
/// navigation, menus, dialogs, buttons): not checked, their descendants only counted. Not
/// `<form>`: some sites wrap the whole page in one (the article root is then inside it).
const NOT_TEXT: &[&str] = &[
    "head",
    "script",
    "style",
    "template",
    "noscript",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "select",
    "datalist",
    "textarea",
    "map",
    "picture",
    "frameset",
    "noframes",
    "xmp",
    "plaintext",
];

/// Void elements: no children in the markup (the serializer drops any a script added).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Phrasing elements: laid out inside a block, whose check decides for them.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
];

fn no_document(message: &str) -> Error {
    Error::NoDocument {
        message: message.to_string(),
    }
}

/// The document to clean: `arg` when it is one (any realm: a frame's document works too),
/// else the current `document`.
pub fn document_from(arg: Option<JsValue>) -> Result<Document, Error> {
    match arg.filter(|v| !v.is_undefined() && !v.is_null()) {
        None => web_sys::window().and_then(|w| w.document()).ok_or_else(|| {
            no_document(
                "cleanDocument() needs a DOM document, and this environment has none (Node.js or a worker): pass a Document, or clean an HTML string with clean(html).",
            )
        }),
        Some(v) => {
            // `instanceof Document` is false for a frame's document (another realm), whose
            // `toString()` still names its interface.
            let is_document = v.is_instance_of::<Document>()
                || (v.is_object()
                    && matches!(
                        String::from(js_sys::Object::to_string(v.unchecked_ref::<js_sys::Object>())).as_str(),
                        "[object HTMLDocument]" | "[object Document]" | "[object XMLDocument]"
                    ));
            if is_document {
                Ok(v.unchecked_into())
            } else {
                Err(no_document(
                    "cleanDocument(doc) needs a DOM Document (such as `document` or a frame's `contentDocument`); to clean an HTML string, call clean(html).",
                ))
            }
        }
    }
}

fn http_url(u: Option<String>) -> Option<String> {
    u.filter(|u| {
        let scheme = |s: &str| u.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s));
        scheme("http://") || scheme("https://")
    })
}

/// Reads the document: one serialization, plus the visibility walk when it is rendered.
pub fn read(doc: &Document) -> Result<LivePage, Error> {
    let root = doc
        .document_element()
        .ok_or_else(|| no_document("cleanDocument(doc): the document has no root element."))?;
    let doctype = if doc.compat_mode() == "CSS1Compat" {
        "<!DOCTYPE html>"
    } else {
        ""
    };
    let markup = format!("{doctype}{}", root.outer_html());
    let url = http_url(doc.url().ok()).or_else(|| http_url(doc.base_uri().ok().flatten()));

    // A document without a window (DOMParser, createHTMLDocument) or without layout (a frame
    // that is not displayed) cannot say what it shows.
    let view = doc.default_view();
    let body = doc.body();
    let body_style = match (&view, &body) {
        (Some(v), Some(b)) => v.get_computed_style(b).ok().flatten(),
        _ => None,
    };
    // A body that is itself not displayed leaves nothing to compare with.
    let rendered = root.client_width() > 0
        && body_style
            .as_ref()
            .is_some_and(|s| s.get_property_value("display").ok().as_deref() != Some("none"));
    let visibility = match (view, rendered) {
        (Some(view), true) => {
            let mut walk = Walk::new(doc, view);
            walk.run(&root);
            Visibility::Computed {
                hidden: walk.hidden,
                shown: walk.shown,
            }
        }
        _ => Visibility::NotRendered,
    };

    let lang = root.get_attribute("lang").filter(|l| !l.trim().is_empty());
    let declared = root
        .get_attribute("dir")
        .map(|d| d.trim().to_ascii_lowercase());
    let computed = body_style.and_then(|s| s.get_property_value("direction").ok());
    let dir = match (declared.as_deref(), computed.as_deref()) {
        (Some(d @ ("ltr" | "rtl")), _) => Some(d.to_string()),
        // `dir="auto"` resolved by the browser, or `direction: rtl` from a stylesheet; a
        // computed `ltr` is only the initial value and says nothing.
        (Some("auto"), Some(c @ ("ltr" | "rtl"))) | (_, Some(c @ "rtl")) => Some(c.to_string()),
        _ => None,
    };
    Ok(LivePage {
        markup,
        url,
        hints: PageHints {
            visibility,
            lang,
            dir,
            charset: Some(doc.character_set()),
        },
    })
}

/// An element being walked, for `visibility: hidden` subtrees: it may be reported as a whole
/// only when nothing inside it is visible.
struct Frame {
    el: Element,
    /// The element's hint, when it is `visibility: hidden`.
    vis_hidden: Option<ElementHint>,
    /// Something visible, with text, lies inside.
    has_visible: bool,
    /// `hidden.len()` when the frame was opened.
    pending: usize,
}

enum Seen {
    /// Not shown, and nothing inside is.
    Hidden(HiddenBy),
    /// Hidden on purpose, but content: left to the markup.
    Collapsed,
    /// `visibility: hidden`: descendants may be visible again.
    VisibilityHidden,
    /// Shown (or not checked).
    Shown,
}

struct Walk {
    view: Window,
    ordinal: usize,
    hidden: Vec<HiddenElement>,
    shown: Vec<ElementHint>,
    /// Whether any `aria-hidden="true"` element exists (else the attribute is never read).
    any_aria_hidden: bool,
    /// Ids named by `aria-controls` (disclosure targets; a handful per page, searched only for
    /// hidden elements: a plain vector keeps hashing and sorting code out of the module).
    controlled: Vec<String>,
    /// Open frames that are `visibility: hidden`.
    vis_hidden_open: usize,
}

impl Walk {
    fn new(doc: &Document, view: Window) -> Walk {
        let any_aria_hidden = doc
            .query_selector("body [aria-hidden='true' i]")
            .ok()
            .flatten()
            .is_some();
        let mut controlled = Vec::new();
        if let Ok(list) = doc.query_selector_all("[aria-controls]") {
            for i in 0..list.length() {
                // Elements only (a selector matches nothing else); not `instanceof`, which
                // fails for a frame's nodes.
                let ids = list
                    .item(i)
                    .and_then(|n| n.unchecked_into::<Element>().get_attribute("aria-controls"));
                for id in ids.iter().flat_map(|s| s.split_ascii_whitespace()) {
                    controlled.push(id.to_string());
                }
            }
        }
        Walk {
            view,
            ordinal: 0,
            hidden: Vec::new(),
            shown: Vec::new(),
            any_aria_hidden,
            controlled,
            vis_hidden_open: 0,
        }
    }

    /// Pre-order over the element tree from the root, with an explicit stack (pages nest deep).
    fn run(&mut self, root: &Element) {
        let mut stack: Vec<Frame> = Vec::new();
        let mut next = Some(root.clone());
        loop {
            match next.take() {
                Some(el) => match self.visit(&el, &mut stack) {
                    Some(frame) => {
                        next = el.first_element_child();
                        self.vis_hidden_open += usize::from(frame.vis_hidden.is_some());
                        stack.push(frame);
                    }
                    None => next = el.next_element_sibling(),
                },
                None => {
                    let Some(frame) = stack.pop() else { break };
                    next = frame.el.next_element_sibling();
                    self.vis_hidden_open -= usize::from(frame.vis_hidden.is_some());
                    self.close(frame, stack.last_mut());
                }
            }
        }
    }

    /// Counts `el`'s descendants without walking them (as the markup holds them: template
    /// contents are not descendants).
    fn skip_descendants(&mut self, el: &Element) {
        self.ordinal += el.get_elements_by_tag_name("*").length() as usize;
    }

    fn hint(&self, el: &Element, ordinal: usize, tag: &str) -> Option<ElementHint> {
        let text = el.text_content().unwrap_or_default();
        if text.trim().is_empty() {
            return None;
        }
        Some(ElementHint {
            ordinal,
            tag: tag.to_string(),
            child_elements: el.child_element_count() as usize,
            text_chars: text.chars().count(),
        })
    }

    /// Visits one element; returns a frame when its children are to be walked.
    fn visit(&mut self, el: &Element, stack: &mut [Frame]) -> Option<Frame> {
        let ordinal = self.ordinal;
        self.ordinal += 1;
        let name = el.local_name();
        let pending = self.hidden.len();
        let frame = |vis_hidden| Frame {
            el: el.clone(),
            vis_hidden,
            has_visible: false,
            pending,
        };
        if VOID.contains(&name.as_str()) {
            return None;
        }
        if NOT_TEXT.contains(&name.as_str()) {
            self.skip_descendants(el);
            return None;
        }
        let in_vis_hidden = self.vis_hidden_open > 0;
        if ordinal == 0 || name == "body" {
            return Some(frame(None));
        }
        if INLINE.contains(&name.as_str()) && !in_vis_hidden {
            // Its block decides for its text; but blocks inside a hidden inline element (a
            // link around a card) are not displayed either, whatever their own style says.
            if el.child_element_count() > 0 {
                let hidden = self
                    .view
                    .get_computed_style(el)
                    .ok()
                    .flatten()
                    .and_then(|s| s.get_property_value("display").ok())
                    .is_some_and(|d| d == "none");
                if hidden {
                    if let Some(element) = self.hint(el, ordinal, &name) {
                        self.hidden.push(HiddenElement {
                            element,
                            by: HiddenBy::DisplayNone,
                        });
                    }
                    self.skip_descendants(el);
                    return None;
                }
            }
            return Some(frame(None));
        }
        let Some(style) = self.view.get_computed_style(el).ok().flatten() else {
            return Some(frame(None));
        };
        match self.seen(el, &style) {
            Seen::Hidden(by) => {
                if let Some(element) = self.hint(el, ordinal, &name) {
                    self.hidden.push(HiddenElement { element, by });
                }
                self.skip_descendants(el);
                None
            }
            Seen::Collapsed => {
                self.skip_descendants(el);
                None
            }
            Seen::VisibilityHidden => {
                // Reported (or not) when the walk leaves it; `None` here when it has no text.
                let hint = self.hint(el, ordinal, &name);
                match hint {
                    Some(h) => Some(frame(Some(h))),
                    None => {
                        self.skip_descendants(el);
                        None
                    }
                }
            }
            Seen::Shown => {
                if in_vis_hidden {
                    if let Some(top) = stack.last_mut() {
                        top.has_visible |= self.hint(el, ordinal, &name).is_some();
                    }
                }
                if self.any_aria_hidden
                    && el
                        .get_attribute("aria-hidden")
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
                {
                    if let Some(h) = self.hint(el, ordinal, &name) {
                        self.shown.push(h);
                    }
                }
                // A closed <details> shows its summary; the rest is collapsed content.
                if name == "details" && !el.has_attribute("open") {
                    self.skip_descendants(el);
                    return None;
                }
                Some(frame(None))
            }
        }
    }

    /// How the browser shows `el`, from its computed style and box.
    fn seen(&self, el: &Element, style: &CssStyleDeclaration) -> Seen {
        let prop = |p: &str| style.get_property_value(p).unwrap_or_default();
        let collapsed = || {
            let id = el.id();
            (!id.is_empty() && self.controlled.contains(&id))
                || el
                    .get_attribute("hidden")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("until-found"))
        };
        let display = prop("display");
        if display == "none" {
            return if collapsed() {
                Seen::Collapsed
            } else {
                Seen::Hidden(HiddenBy::DisplayNone)
            };
        }
        if prop("content-visibility") == "hidden" {
            return if collapsed() {
                Seen::Collapsed
            } else {
                Seen::Hidden(HiddenBy::ContentVisibilityHidden)
            };
        }
        let visibility = prop("visibility");
        // A box of at most 1 px that clips: measured only when it clips (offset sizes cost
        // more than a style read). `display: contents` has no box of its own; table parts are
        // measured by their table.
        let overflow = prop("overflow");
        if overflow != "visible" && display != "contents" && !display.starts_with("table-") {
            // An HTML element (SVG and MathML are not walked); not `dyn_ref`, whose
            // `instanceof` fails for a frame's elements.
            let h = el.unchecked_ref::<HtmlElement>();
            // `overflow` computes to one value, or two (x then y) when they differ.
            let mut axes = overflow.split_ascii_whitespace();
            let x = axes.next().unwrap_or("visible");
            let y = axes.next().unwrap_or(x);
            if (x != "visible" && h.offset_width() <= 1)
                || (y != "visible" && h.offset_height() <= 1)
            {
                return if collapsed() {
                    Seen::Collapsed
                } else {
                    Seen::Hidden(HiddenBy::ZeroSize)
                };
            }
        }
        if visibility == "hidden" || visibility == "collapse" {
            return Seen::VisibilityHidden;
        }
        Seen::Shown
    }

    /// Leaves an element: a `visibility: hidden` one with nothing visible inside is reported
    /// as a whole (instead of whatever was found inside it).
    fn close(&mut self, frame: Frame, parent: Option<&mut Frame>) {
        let Frame {
            vis_hidden,
            has_visible,
            pending,
            ..
        } = frame;
        match vis_hidden {
            Some(element) if !has_visible => {
                self.hidden.truncate(pending);
                self.hidden.push(HiddenElement {
                    element,
                    by: HiddenBy::VisibilityHidden,
                });
            }
            _ => {
                if let Some(p) = parent {
                    p.has_visible |= has_visible;
                }
            }
        }
    }
}
