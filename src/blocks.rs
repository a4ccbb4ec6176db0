//! DOM → blocks: walks the article subtree once (iteratively) and emits the body as typed
//! blocks with sanitized inline HTML.

use crate::dom::{IdMap, IdSet};

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::article::{Block, Link, ListItem, RemovalAction};
use crate::audit::Audit;
use crate::dom::{self, ego_tree};
use crate::rules::UrlRewriter;
use crate::text::{self, normalize_ws};

/// Deepest inline nesting rendered; deeper formatting is flattened (text kept).
const MAX_INLINE_DEPTH: usize = 16;
/// Longest caption taken from the element after an image.
const MAX_CAPTION_CHARS: usize = 400;

/// Escapes text for HTML element content.
pub fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

/// Escapes text for a double-quoted attribute value.
pub fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

struct OpenTag {
    id: NodeId,
    open: String,
    close: &'static str,
}

/// Inline content being collected for one paragraph (or list item, or quote).
#[derive(Default)]
struct Inline {
    html: String,
    text: String,
    open: Vec<OpenTag>,
    /// How many of `open` are written into `html`.
    emitted: usize,
    space_pending: bool,
    last_br: bool,
}

impl Inline {
    fn has_text(&self) -> bool {
        !self.text.is_empty()
    }

    fn emit_open(&mut self) {
        while self.emitted < self.open.len() {
            if let Some(t) = self.open.get(self.emitted) {
                self.html.push_str(&t.open);
            }
            self.emitted += 1;
        }
    }

    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if text::is_space(c) {
                if !self.text.is_empty() {
                    self.space_pending = true;
                }
                continue;
            }
            if self.space_pending {
                self.html.push(' ');
                self.text.push(' ');
                self.space_pending = false;
            }
            self.emit_open();
            let mut buf = [0u8; 4];
            escape_text(c.encode_utf8(&mut buf), &mut self.html);
            self.text.push(c);
            self.last_br = false;
        }
    }

    fn open_tag(&mut self, id: NodeId, open: String, close: &'static str) {
        if self.open.len() < MAX_INLINE_DEPTH {
            self.open.push(OpenTag { id, open, close });
        }
    }

    fn close_tag(&mut self, id: NodeId) {
        if let Some(pos) = self.open.iter().rposition(|t| t.id == id) {
            // Close everything opened after it too (mis-nested input).
            while self.open.len() > pos {
                if let Some(t) = self.open.pop() {
                    if self.emitted > self.open.len() {
                        self.html.push_str(t.close);
                        self.emitted = self.open.len();
                    }
                }
            }
        }
    }

    fn br(&mut self) {
        if self.has_text() {
            self.emit_open();
            self.html.push_str("<br>");
            self.space_pending = true;
        }
        self.last_br = true;
    }

    /// Takes the collected paragraph, closing the emitted tags (they stay open for what
    /// follows).
    fn take(&mut self) -> Option<(String, String)> {
        for i in (0..self.emitted).rev() {
            if let Some(t) = self.open.get(i) {
                self.html.push_str(t.close);
            }
        }
        self.emitted = 0;
        self.space_pending = false;
        self.last_br = false;
        let html = std::mem::take(&mut self.html);
        let text = std::mem::take(&mut self.text);
        if text.is_empty() {
            return None;
        }
        let html = trim_trailing_br(html);
        Some((html, text))
    }
}

fn trim_trailing_br(mut html: String) -> String {
    loop {
        let t = html.trim_end().len();
        html.truncate(t);
        if html.ends_with("<br>") {
            html.truncate(html.len() - 4);
        } else {
            return html;
        }
    }
}

/// Output of the block walk.
pub(crate) struct Built {
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
}

/// Tags rendered inline, with the tag written for them.
fn inline_tag(name: &str) -> Option<&'static str> {
    Some(match name {
        "em" | "i" | "cite" | "dfn" | "var" => "em",
        "strong" | "b" => "strong",
        "code" | "kbd" | "samp" | "tt" => "code",
        "sub" => "sub",
        "sup" => "sup",
        "mark" => "mark",
        "s" | "del" | "strike" => "del",
        "ins" | "u" => "u",
        "small" => "small",
        "q" => "q",
        "abbr" => "abbr",
        _ => return None,
    })
}

fn close_of(tag: &str) -> &'static str {
    match tag {
        "em" => "</em>",
        "strong" => "</strong>",
        "code" => "</code>",
        "sub" => "</sub>",
        "sup" => "</sup>",
        "mark" => "</mark>",
        "del" => "</del>",
        "u" => "</u>",
        "small" => "</small>",
        "q" => "</q>",
        "abbr" => "</abbr>",
        _ => "</a>",
    }
}

/// Known embed providers: (host suffix, path prefix, provider).
const EMBEDS: &[(&str, &str, &str)] = &[
    ("youtube.com", "/embed/", "youtube"),
    ("youtube-nocookie.com", "/embed/", "youtube"),
    ("player.vimeo.com", "/video/", "vimeo"),
    ("dailymotion.com", "/embed/", "dailymotion"),
    ("player.bilibili.com", "/", "bilibili"),
    ("open.spotify.com", "/embed/", "spotify"),
    ("w.soundcloud.com", "/player", "soundcloud"),
    ("embed.ted.com", "/", "ted"),
    ("player.twitch.tv", "/", "twitch"),
];

pub(crate) struct Builder<'a> {
    html: &'a Html,
    rw: &'a UrlRewriter<'a>,
    audit: &'a mut Audit,
    promoted: &'a IdMap<u8>,
    /// Drop an `<h1>` whose text equals this (the title is not repeated in the body).
    title: Option<String>,
    blocks: Vec<Block>,
    links: Vec<Link>,
    inline: Inline,
    consumed: IdSet,
    /// Rendering a heading: bold is its own look there, so `<b>`/`<strong>` are not written.
    in_heading: bool,
}

impl<'a> Builder<'a> {
    pub fn new(
        html: &'a Html,
        rw: &'a UrlRewriter<'a>,
        audit: &'a mut Audit,
        promoted: &'a IdMap<u8>,
        title: Option<&str>,
    ) -> Self {
        Builder {
            html,
            rw,
            audit,
            promoted,
            title: title.map(text::fold),
            blocks: Vec::new(),
            links: Vec::new(),
            inline: Inline::default(),
            consumed: IdSet::default(),
            in_heading: false,
        }
    }

    fn flush(&mut self) {
        if let Some((html, text)) = self.inline.take() {
            self.blocks.push(Block::Paragraph { text, html });
        }
    }

    /// Walks the subtree under `root` and returns the blocks.
    pub fn build(mut self, root: NodeId) -> Built {
        let html = self.html;
        let Some(root_ref) = html.tree.get(root) else {
            return Built {
                blocks: self.blocks,
                links: self.links,
            };
        };
        let mut skip_until: Option<NodeId> = None;
        for edge in root_ref.traverse() {
            match edge {
                Edge::Open(n) => {
                    if skip_until.is_some() {
                        continue;
                    }
                    let id = n.id();
                    if self.consumed.contains(&id) {
                        skip_until = Some(id);
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) => self.inline.push_text(&t.text),
                        Node::Element(e) if id != root && self.open_element(id, e.name()) => {
                            skip_until = Some(id);
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if let Some(s) = skip_until {
                        if s == n.id() {
                            skip_until = None;
                        }
                        continue;
                    }
                    if let Node::Element(e) = n.value() {
                        if dom::is_block(e.name()) {
                            self.flush();
                        } else {
                            self.inline.close_tag(n.id());
                        }
                    }
                }
            }
        }
        self.flush();
        Built {
            blocks: self.blocks,
            links: self.links,
        }
    }

    /// Handles an element's opening; returns true when its subtree was consumed.
    fn open_element(&mut self, id: NodeId, name: &str) -> bool {
        if let Some(level) = self.promoted.get(&id).copied() {
            self.flush();
            self.heading(id, level);
            return true;
        }
        if name == "math" {
            // MathML: keep its text (readers and search need it); markup is not rendered.
            let t = dom::content_text(self.html, id);
            self.inline.push_text(&t);
            return true;
        }
        if dom::NON_CONTENT.contains(&name) {
            self.non_content(id, name);
            return true;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let n = name.as_bytes().get(1).map(|b| b - b'0').unwrap_or(2);
                if n == 1 || self.blocks.is_empty() {
                    let t = dom::text(self.html, id);
                    if self.title.as_deref() == Some(text::fold(&t).as_str()) {
                        self.audit.push(
                            "title-heading",
                            RemovalAction::Remove,
                            "heading repeats the article title",
                            None,
                            &t,
                        );
                        return true;
                    }
                }
                self.heading(id, n.clamp(2, 6));
                true
            }
            "img" => {
                self.image(id, None);
                true
            }
            "picture" => {
                let img = self.find_descendant(id, "img");
                if let Some(img) = img {
                    self.image(img, None);
                }
                true
            }
            "figure" => self.figure(id),
            "ul" | "ol" => {
                self.list(id, name == "ol");
                true
            }
            "blockquote" => {
                self.flush();
                let (html, text, images) = self.render_inline(id);
                if !text.is_empty() {
                    self.blocks.push(Block::Quote { text, html });
                }
                for img in images {
                    self.inline_image(img);
                }
                true
            }
            "pre" => {
                self.flush();
                self.code(id);
                true
            }
            "table" => {
                if self.is_data_table(id) {
                    self.flush();
                    self.table(id);
                    true
                } else {
                    self.flush();
                    false
                }
            }
            "br" => {
                if self.inline.last_br {
                    self.flush();
                } else {
                    self.inline.br();
                }
                true
            }
            "hr" => {
                self.flush();
                true
            }
            _ if dom::is_block(name) => {
                self.flush();
                false
            }
            _ => {
                self.inline_open(id, name);
                false
            }
        }
    }

    /// A heading block from an element: its inline content rendered like a paragraph's, so
    /// its links stay (in `links` too); images inside it follow it as image blocks.
    fn heading(&mut self, id: NodeId, level: u8) {
        self.in_heading = true;
        let (html, text, images) = self.render_inline(id);
        self.in_heading = false;
        if !text.is_empty() {
            self.blocks.push(Block::Heading { level, text, html });
        }
        for img in images {
            self.inline_image(img);
        }
    }

    fn inline_open(&mut self, id: NodeId, name: &str) {
        if name == "a" {
            if let Some(href) = dom::attr(self.html, id, "href") {
                if let Some(rw) = self.rw.rewrite(href, self.audit) {
                    let text = dom::text(self.html, id);
                    if !text.is_empty() {
                        self.links.push(Link {
                            text,
                            href: rw.url.clone(),
                        });
                    }
                    let mut open = String::from("<a href=\"");
                    escape_attr(&rw.url, &mut open);
                    open.push_str("\" rel=\"noopener noreferrer\">");
                    self.inline.open_tag(id, open, "</a>");
                }
            }
            return;
        }
        if let Some(tag) = inline_tag(name).filter(|t| !(self.in_heading && *t == "strong")) {
            self.inline.open_tag(id, format!("<{tag}>"), close_of(tag));
        }
    }

    fn non_content(&mut self, id: NodeId, name: &str) {
        if name == "iframe" || name == "embed" || name == "video" || name == "audio" {
            if let Some(src) =
                dom::attr(self.html, id, "src").or_else(|| dom::attr(self.html, id, "data-src"))
            {
                if let Some(rw) = self.rw.rewrite(src, self.audit) {
                    if let Some(provider) = embed_provider(&rw.url) {
                        self.flush();
                        self.blocks.push(Block::Embed {
                            src: rw.url,
                            provider: provider.to_string(),
                        });
                        return;
                    }
                }
            }
        }
        let t = dom::raw_text(self.html, id);
        let t = normalize_ws(&t);
        let desc = format!(
            "<{name}>{}",
            if t.is_empty() {
                String::new()
            } else {
                format!(" {t}")
            }
        );
        let reason = match name {
            "script" | "noscript" | "template" => "scripts are never article content",
            "style" | "link" | "meta" | "base" | "head" | "title" => {
                "styles and metadata are not body content"
            }
            "form" | "input" | "button" | "select" | "textarea" | "option" | "dialog" => {
                "forms and controls are not article content"
            }
            "nav" | "menu" => "navigation is not article content",
            _ => "embedded objects other than known video players are not kept",
        };
        self.audit
            .push("non-content", RemovalAction::Sanitize, reason, None, &desc);
    }

    fn find_descendant(&self, id: NodeId, name: &str) -> Option<NodeId> {
        let node = self.html.tree.get(id)?;
        node.descendants()
            .find(|d| {
                d.value()
                    .as_element()
                    .map(|e| e.name() == name)
                    .unwrap_or(false)
            })
            .map(|d| d.id())
    }

    fn image_src(&self, id: NodeId) -> Option<&'a str> {
        dom::image_source(self.html, id)
    }

    /// Emits an image block; `caption` overrides the look-ahead caption.
    fn image(&mut self, id: NodeId, caption: Option<String>) {
        self.flush();
        let html = self.html;
        let Some(raw) = self.image_src(id) else {
            return;
        };
        let Some(rw) = self.rw.rewrite(raw, self.audit) else {
            return;
        };
        let alt = dom::attr(html, id, "alt")
            .map(normalize_ws)
            .filter(|a| !a.is_empty());
        let caption = caption.or_else(|| self.caption_after(id));
        self.blocks.push(Block::Image {
            src: rw.url,
            alt,
            caption,
            width: dimension(dom::attr(html, id, "width")),
            height: dimension(dom::attr(html, id, "height")),
            proxy: rw.proxy,
        });
    }

    /// The caption that follows an image in feed items: `<figcaption>`, `<small>`, a block
    /// holding only a `<small>`, or an element with a caption class. Marks it consumed.
    fn caption_after(&mut self, img: NodeId) -> Option<String> {
        let html = self.html;
        let mut anchor = html.tree.get(img)?;
        // An image alone inside an inline wrapper or paragraph: look after the wrapper.
        while let Some(parent) = anchor.parent() {
            let Some(pe) = parent.value().as_element() else {
                break;
            };
            if !matches!(pe.name(), "a" | "span" | "p" | "picture" | "div") {
                break;
            }
            let only = parent
                .children()
                .all(|c| c.id() == anchor.id() || dom::is_whitespace_text(c.value()));
            if !only {
                break;
            }
            anchor = parent;
        }
        let mut next = anchor.next_sibling();
        while let Some(n) = next {
            if dom::is_whitespace_text(n.value()) {
                next = n.next_sibling();
                continue;
            }
            break;
        }
        let n = next?;
        let e = n.value().as_element()?;
        let name = e.name();
        let class_caption = e
            .attr("class")
            .map(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("caption") || c.contains("credit")
            })
            .unwrap_or(false);
        let is_caption = match name {
            "figcaption" | "small" => true,
            "div" | "p" | "span" | "center" => {
                class_caption || {
                    let mut elems = n.children().filter(|c| !dom::is_whitespace_text(c.value()));
                    let first = elems.next();
                    let single = elems.next().is_none();
                    single
                        && first
                            .and_then(|f| f.value().as_element())
                            .map(|fe| fe.name() == "small")
                            .unwrap_or(false)
                }
            }
            _ => false,
        };
        if !is_caption {
            return None;
        }
        let t = dom::text(html, n.id());
        if t.is_empty() || t.chars().count() > MAX_CAPTION_CHARS {
            return None;
        }
        self.consumed.insert(n.id());
        Some(t)
    }

    /// Emits a figure's images with its caption; returns false (walk its content as usual) for
    /// a figure without an image. No nested walk: figures may nest 100,000 deep.
    fn figure(&mut self, id: NodeId) -> bool {
        self.flush();
        let html = self.html;
        let caption = html.tree.get(id).and_then(|n| {
            n.descendants()
                .find(|d| {
                    d.value()
                        .as_element()
                        .map(|e| e.name() == "figcaption")
                        .unwrap_or(false)
                })
                .map(|d| dom::text(html, d.id()))
                .filter(|t| !t.is_empty())
        });
        let imgs: Vec<NodeId> = html
            .tree
            .get(id)
            .map(|n| {
                n.descendants()
                    .filter(|d| {
                        d.value()
                            .as_element()
                            .map(|e| e.name() == "img")
                            .unwrap_or(false)
                    })
                    .map(|d| d.id())
                    .collect()
            })
            .unwrap_or_default();
        if imgs.is_empty() {
            // A figure without an image (a quote, a table, an embed): walk its content.
            return false;
        }
        // Lazy-loading placeholders without any source are not images; the caption goes to
        // the last image that has one.
        let imgs: Vec<NodeId> = imgs
            .into_iter()
            .filter(|i| self.image_src(*i).is_some())
            .collect();
        let before = self.blocks.len();
        let last = imgs.len().saturating_sub(1);
        for (i, img) in imgs.into_iter().enumerate() {
            let cap = if i == last { caption.clone() } else { None };
            self.image(img, cap.or(Some(String::new())));
            // An empty override means "no caption": normalise it to None.
            if let Some(Block::Image { caption, .. }) = self.blocks.last_mut() {
                if caption.as_deref() == Some("") {
                    *caption = None;
                }
            }
        }
        let placed = self.blocks.get(before..).is_some_and(|added| {
            added.iter().any(|b| {
                matches!(
                    b,
                    Block::Image {
                        caption: Some(_),
                        ..
                    }
                )
            })
        });
        if let (false, Some(text)) = (placed, caption) {
            // No image survived: keep the caption's words as a paragraph.
            let mut html_out = String::new();
            escape_text(&text, &mut html_out);
            self.blocks.push(Block::Paragraph {
                text,
                html: html_out,
            });
        }
        true
    }

    /// Renders the inline content of a subtree (nested blocks become line breaks); returns
    /// html, text and the images found inside.
    fn render_inline(&mut self, id: NodeId) -> (String, String, Vec<NodeId>) {
        let html = self.html;
        let saved = std::mem::take(&mut self.inline);
        let mut images = Vec::new();
        if let Some(node) = html.tree.get(id) {
            let mut skip_until: Option<NodeId> = None;
            for edge in node.traverse() {
                match edge {
                    Edge::Open(n) => {
                        if skip_until.is_some() || n.id() == id {
                            continue;
                        }
                        match n.value() {
                            Node::Text(t) => self.inline.push_text(&t.text),
                            Node::Element(e) => {
                                let name = e.name();
                                if name == "math" {
                                    let t = dom::content_text(html, n.id());
                                    self.inline.push_text(&t);
                                    skip_until = Some(n.id());
                                } else if dom::NON_CONTENT.contains(&name) {
                                    self.non_content(n.id(), name);
                                    skip_until = Some(n.id());
                                } else if name == "img" {
                                    images.push(n.id());
                                } else if name == "br"
                                    || (dom::is_block(name) && self.inline.has_text())
                                {
                                    self.inline.br();
                                } else {
                                    self.inline_open(n.id(), name);
                                }
                            }
                            _ => {}
                        }
                    }
                    Edge::Close(n) => {
                        if skip_until == Some(n.id()) {
                            skip_until = None;
                            continue;
                        }
                        if skip_until.is_none() {
                            self.inline.close_tag(n.id());
                        }
                    }
                }
            }
        }
        let out = self.inline.take().unwrap_or_default();
        self.inline = saved;
        (out.0, out.1, images)
    }

    fn list(&mut self, id: NodeId, ordered: bool) {
        self.flush();
        let html = self.html;
        // Items are the `<li>` children; a list nested directly in the list (invalid but
        // common) contributes its items in place.
        let mut items: Vec<NodeId> = Vec::new();
        let mut stack: Vec<NodeId> = html
            .tree
            .get(id)
            .map(|n| n.children().map(|c| c.id()).collect::<Vec<_>>())
            .unwrap_or_default();
        stack.reverse();
        while let Some(c) = stack.pop() {
            let Some(node) = html.tree.get(c) else {
                continue;
            };
            match node.value().as_element().map(|e| e.name()) {
                Some("li") => items.push(c),
                Some("ul") | Some("ol") => {
                    let mut kids: Vec<NodeId> = node.children().map(|k| k.id()).collect();
                    kids.reverse();
                    stack.extend(kids);
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        let mut images = Vec::new();
        for li in items {
            let (h, t, imgs) = self.render_inline(li);
            images.extend(imgs);
            if !t.is_empty() {
                out.push(ListItem { text: t, html: h });
            }
        }
        if !out.is_empty() {
            self.blocks.push(Block::List {
                ordered,
                items: out,
            });
        }
        for img in images {
            self.inline_image(img);
        }
    }

    /// An image found inside rendered inline content: its caption text is already part of
    /// that content, so none is looked up.
    fn inline_image(&mut self, img: NodeId) {
        self.image(img, Some(String::new()));
        if let Some(Block::Image { caption, .. }) = self.blocks.last_mut() {
            if caption.as_deref() == Some("") {
                *caption = None;
            }
        }
    }

    fn code(&mut self, id: NodeId) {
        let html = self.html;
        let text = dom::content_text(html, id);
        let text = text.trim_matches('\n').to_string();
        if text.trim().is_empty() {
            return;
        }
        let mut language = None;
        if let Some(node) = html.tree.get(id) {
            for d in node.descendants() {
                if let Some(e) = d.value().as_element() {
                    for c in e.classes() {
                        let l = c
                            .strip_prefix("language-")
                            .or_else(|| c.strip_prefix("lang-"))
                            .or_else(|| c.strip_prefix("highlight-source-"));
                        if let Some(l) = l {
                            if !l.is_empty() && l.len() <= 32 {
                                language = Some(l.to_ascii_lowercase());
                            }
                        }
                    }
                }
                if language.is_some() {
                    break;
                }
            }
        }
        self.blocks.push(Block::Code { text, language });
    }

    fn is_data_table(&self, id: NodeId) -> bool {
        let html = self.html;
        let Some(node) = html.tree.get(id) else {
            return false;
        };
        if dom::attr(html, id, "role") == Some("presentation") {
            return false;
        }
        let mut rows = 0;
        let mut max_cols = 0;
        let mut has_th = false;
        for d in node.descendants().skip(1) {
            if let Some(e) = d.value().as_element() {
                match e.name() {
                    "table" => return false,
                    "tr" => {
                        rows += 1;
                        let cols = d
                            .children()
                            .filter(|c| {
                                c.value()
                                    .as_element()
                                    .map(|e| matches!(e.name(), "td" | "th"))
                                    .unwrap_or(false)
                            })
                            .count();
                        max_cols = max_cols.max(cols);
                    }
                    "th" | "thead" | "caption" => has_th = true,
                    "p" | "div" | "h1" | "h2" | "h3" | "img" | "ul" | "ol" | "blockquote"
                    | "pre" => {
                        return false;
                    }
                    _ => {}
                }
            }
        }
        (has_th && rows >= 1) || (rows >= 2 && max_cols >= 2)
    }

    fn table(&mut self, id: NodeId) {
        let html = self.html;
        let mut rows = Vec::new();
        if let Some(node) = html.tree.get(id) {
            for d in node.descendants() {
                if d.value()
                    .as_element()
                    .map(|e| e.name() == "tr")
                    .unwrap_or(false)
                {
                    let cells: Vec<String> = d
                        .children()
                        .filter(|c| {
                            c.value()
                                .as_element()
                                .map(|e| matches!(e.name(), "td" | "th"))
                                .unwrap_or(false)
                        })
                        .map(|c| dom::text(html, c.id()))
                        .collect();
                    if cells.iter().any(|c| !c.is_empty()) {
                        rows.push(cells);
                    }
                }
            }
        }
        if !rows.is_empty() {
            self.blocks.push(Block::Table { rows });
        }
    }
}

fn dimension(v: Option<&str>) -> Option<u32> {
    let v = v?.trim();
    let v = v.strip_suffix("px").unwrap_or(v);
    v.parse::<u32>().ok().filter(|n| *n > 0)
}

fn embed_provider(src: &str) -> Option<&'static str> {
    let u = url::Url::parse(src).ok()?;
    let host = u.host_str()?.to_ascii_lowercase();
    EMBEDS.iter().find_map(|(h, p, name)| {
        let host_ok = host == *h || host.ends_with(&format!(".{h}"));
        (host_ok && u.path().starts_with(p)).then_some(*name)
    })
}
