// Generated from the Rust types by `cargo test` (src/typescript.rs). Do not edit.

export type Article = { 
/**
 * Contract version, [`CONTRACT_VERSION`].
 */
version: number, 
/**
 * Which kind of input was detected.
 */
inputKind: InputKind, 
/**
 * The feed generator or wrapper detected from the item's shape (`"feedx"`, `"feedburner"`,
 * `"wordpress"`, `"medium"`, `"substack"`, …), or null.
 */
feed: string | null, 
/**
 * Article title.
 */
title: string | null, 
/**
 * Canonical article URL (absolute, tracking parameters removed).
 */
url: string | null, 
/**
 * The discussion page of the article on an aggregator or the site ("Comments URL:" of a
 * Hacker News feed, Reddit's "[comments]"), absolute, or null.
 */
commentsUrl: string | null, 
/**
 * Name of the publishing site.
 */
siteName: string | null, 
/**
 * Author line.
 */
byline: string | null, 
/**
 * BCP 47 language tag, from markup or detected from the text's script.
 */
lang: string | null, 
/**
 * Text direction, `"ltr"` or `"rtl"`.
 */
dir: string | null, 
/**
 * Publication time, ISO 8601.
 */
published: string | null, 
/**
 * Time the feed service fetched the item (from the envelope comment), ISO 8601 UTC.
 */
fetched: string | null, 
/**
 * A short plain-text summary: the description metadata or the start of the first paragraph.
 */
excerpt: string | null, 
/**
 * The lead image: from metadata, or the first image of the body.
 */
leadImage: LeadImage | null, 
/**
 * The news source named in the article's dateline, e.g. `德國之聲中文網` for
 * `（德國之聲中文網）…`; the dateline itself stays in the text.
 */
source: string | null, 
/**
 * Copyright notice lifted out of the body.
 */
copyright: string | null, 
/**
 * Attribution lines lifted out of the body, e.g. `（綜合報導）`.
 */
credits: Array<string>, 
/**
 * Further-reading links lifted out of the body ("延伸閱讀", "Related:", "Read more" …).
 */
related: Array<RelatedLink>, 
/**
 * The item is an excerpt of the article, not all of it (a WordPress "more…" link or a
 * trailing `[…]` was removed). `false` unless a rule with `flag: "truncated"` fired.
 */
truncated: boolean, 
/**
 * The article body in reading order.
 */
blocks: Array<Block>, 
/**
 * The whole clean article as sanitized HTML, rendered from `blocks`; safe for `innerHTML`.
 */
content: string, 
/**
 * Plain text of the article: the blocks' text joined by blank lines.
 */
textContent: string, 
/**
 * Every link in the body, in order.
 */
links: Array<Link>, 
/**
 * Counts over the body.
 */
stats: Stats, 
/**
 * Audit trail: one entry for every removed, extracted or rewritten thing.
 */
removed: Array<Removal>, };

export type InputKind = "feedItem" | "fragment" | "document";

export type LeadImage = { 
/**
 * Absolute image URL.
 */
src: string, 
/**
 * Alternative text.
 */
alt: string | null, 
/**
 * Caption text.
 */
caption: string | null, };

export type RelatedLink = { 
/**
 * Link text.
 */
title: string, 
/**
 * Absolute URL.
 */
url: string, 
/**
 * The publisher named next to the link (Google News: `<font>Publisher</font>`), or null.
 */
source: string | null, };

export type Link = { 
/**
 * Link text.
 */
text: string, 
/**
 * Absolute URL.
 */
href: string, };

export type ListItem = { 
/**
 * Whitespace-normalised text.
 */
text: string, 
/**
 * Sanitized inline HTML.
 */
html: string, };

export type Block = { "type": "paragraph", 
/**
 * Whitespace-normalised plain text.
 */
text: string, 
/**
 * Sanitized inline HTML (links, emphasis, code, line breaks).
 */
html: string, } | { "type": "heading", 
/**
 * 2 to 6.
 */
level: number, 
/**
 * Plain text.
 */
text: string, 
/**
 * Sanitized inline HTML: a heading's links and emphasis are kept, as in a paragraph.
 */
html: string, } | { "type": "image", 
/**
 * Absolute URL of the original image (proxies unwrapped).
 */
src: string, 
/**
 * Alternative text.
 */
alt: string | null, 
/**
 * Caption text.
 */
caption: string | null, 
/**
 * Intrinsic width in pixels, when the markup gives a number.
 */
width: number | null, 
/**
 * Intrinsic height in pixels, when the markup gives a number.
 */
height: number | null, 
/**
 * The proxied URL `src` was unwrapped from, or null.
 */
proxy: string | null, } | { "type": "list", 
/**
 * Numbered list.
 */
ordered: boolean, 
/**
 * The items, in order.
 */
items: Array<ListItem>, } | { "type": "quote", 
/**
 * Plain text.
 */
text: string, 
/**
 * Sanitized inline HTML.
 */
html: string, } | { "type": "code", 
/**
 * The code, whitespace kept.
 */
text: string, 
/**
 * Language from a `language-*`/`lang-*` class, or null.
 */
language: string | null, } | { "type": "table", 
/**
 * Cell texts, row by row (header rows first).
 */
rows: Array<Array<string>>, } | { "type": "embed", 
/**
 * Absolute player URL.
 */
src: string, 
/**
 * Provider name, e.g. `"youtube"`.
 */
provider: string, };

export type Stats = { 
/**
 * Characters of `textContent` excluding whitespace.
 */
characters: number, 
/**
 * Han, Kana and Hangul characters.
 */
cjkCharacters: number, 
/**
 * Latin-script words plus CJK characters.
 */
words: number, 
/**
 * Paragraph blocks.
 */
paragraphs: number, 
/**
 * Image blocks.
 */
images: number, 
/**
 * Estimated reading time in whole minutes (at least 1 for a non-empty article):
 * 230 words a minute for Latin text, 500 characters a minute for CJK text.
 */
readingMinutes: number, };

export type RemovalAction = "remove" | "extract" | "rewrite" | "promote" | "sanitize" | "keep";

export type Removal = { 
/**
 * Id of the rule that acted (a built-in or a user rule id).
 */
rule: string, 
/**
 * What was done.
 */
action: RemovalAction, 
/**
 * Why, in words.
 */
reason: string, 
/**
 * The metadata field the text went to, for `extract`.
 */
field: string | null, 
/**
 * An excerpt of what was removed or rewritten (at most 200 characters; for rewrites
 * `old → new`).
 */
text: string, 
/**
 * The signals behind a heuristic decision (the edge layer's `vocab:readMore:whole(sv
 * 'läs mer')`, `link:0.95`, `tail:0`, `score:1.50` …); empty for exact rules.
 */
signals: Array<string>, };

export type CleanOptions = { 
/**
 * Base URL for relative links; the envelope's URL or the page's canonical URL wins when absent.
 */
url?: string, 
/**
 * Rules added to the built-in set; a rule with a built-in's id replaces it.
 */
rules?: Array<Rule>, 
/**
 * Ids of rules (built-in or given) to switch off; the edge layer's ids (`edge-read-more`,
 * `edge-share` …) switch off its categories.
 */
disableRules?: Array<string>, 
/**
 * Phrases added to the edge layer's built-in vocabulary, by category (`{"readMore":
 * ["läs hela texten"]}`).
 */
vocabulary?: Vocabulary, 
/**
 * Use the built-in rule set and the edge layer (default true).
 */
builtinRules?: boolean, 
/**
 * Image-proxy policy (default `"rewrite"`).
 */
unwrapProxies?: ProxyPolicy, 
/**
 * Remove tracking parameters (`utm_*`, `fbclid` …) from every URL (default true).
 */
stripTracking?: boolean, 
/**
 * On whole pages, look for the article inside the page (default true); when false the
 * whole body is cleaned.
 */
findArticle?: boolean, 
/**
 * Largest input accepted, in bytes (default 32 MiB).
 */
maxInputBytes?: number, 
/**
 * Most elements accepted in the parsed document (default 1,000,000).
 */
maxElements?: number, 
/**
 * Deepest element nesting accepted while parsing (default 1024).
 */
maxDepth?: number, };

export type Vocabulary = { 
/**
 * "Read more" links (the item is an excerpt).
 */
readMore?: Array<string>, 
/**
 * Comment links and labels.
 */
comments?: Array<string>, 
/**
 * Permalink labels.
 */
permalink?: Array<string>, 
/**
 * Labels of a link to the article itself ("Article URL:").
 */
articleLink?: Array<string>, 
/**
 * Share labels.
 */
share?: Array<string>, 
/**
 * Subscribe / newsletter calls to action.
 */
subscribe?: Array<string>, 
/**
 * Advertisement labels.
 */
advertisement?: Array<string>, 
/**
 * Widget words (close, dismiss, back to top).
 */
ui?: Array<string>, 
/**
 * Labels of further-reading links.
 */
relatedLabel?: Array<string>, 
/**
 * Links to the article in another language.
 */
translation?: Array<string>, 
/**
 * Labels of counts (points, views).
 */
counter?: Array<string>, 
/**
 * Footer labels of aggregators and blog engines (submitted by, tags).
 */
aggregatorLabel?: Array<string>, 
/**
 * Byline starts ("By").
 */
byline?: Array<string>, 
/**
 * Byline ends ("기자").
 */
bylineSuffix?: Array<string>, 
/**
 * Date labels ("Published").
 */
dateLabel?: Array<string>, 
/**
 * End marks ("（完）").
 */
endMark?: Array<string>, 
/**
 * Sponsor phrases ("brought to you by").
 */
sponsor?: Array<string>, 
/**
 * Repost notices ("originally published in").
 */
repost?: Array<string>, };

export type ProxyPolicy = "off" | "metadata" | "rewrite";

export type Rule = { 
/**
 * Unique id, e.g. `feedx-footer`. A user rule with a built-in's id replaces it.
 */
id: string, 
/**
 * What the rule is for, in words; shown in the audit trail.
 */
description?: string, 
/**
 * Where the rule applies; everywhere when absent.
 */
scope?: Scope, 
/**
 * What the rule matches.
 */
match?: Match, 
/**
 * Conditions a match must also meet.
 */
guard?: Guard, 
/**
 * What to do with a match.
 */
action: Action, 
/**
 * A flag of the article that the rule sets whenever it fires (e.g. `truncated` for the
 * "more…" link of a WordPress excerpt).
 */
flag?: Flag, };

export type Scope = { 
/**
 * Feed generators detected from the item's shape: `feedx`, `feedburner`, `wordpress`,
 * `medium`, `substack`, `blogger`, `rsshub`, `feed43`, `fetchrss`, `inoreader`, `xgo`.
 */
feeds?: Array<string>, 
/**
 * Host names or suffixes of the article URL (`dw.com` matches `www.dw.com`).
 */
domains?: Array<string>, 
/**
 * Regular expressions over the article URL.
 */
urlPatterns?: Array<string>, };

export type Match = { 
/**
 * CSS selector. With `text` alone, block elements (`p`, `div`, `li`, headings, …) are tried.
 */
selector?: string, 
/**
 * Regular expression matched against the element's whole text (anchored at both ends),
 * after folding: full-width → half-width, Traditional → Simplified for common label
 * characters, ASCII lowercased, whitespace collapsed. Write patterns in lower case.
 */
text?: string, 
/**
 * Regular expression searched in a URL: for element rules the element's `href` or `src`;
 * for URL rules every link and image URL.
 */
url?: string, 
/**
 * Only elements whose text is all inside `<b>`/`<strong>` (a bold-only paragraph).
 */
boldOnly?: boolean, };

export type Guard = { 
/**
 * Only within the first N blocks of the article.
 */
first?: number, 
/**
 * Only within the last N blocks of the article.
 */
last?: number, 
/**
 * Only when the element's text has at most this many characters.
 */
maxChars?: number, 
/**
 * Only when at least this share (0–1) of the element's text is link text.
 */
minLinkDensity?: number, 
/**
 * Only when at most this share (0–1) of the element's text is link text (a bold line that
 * is a link is a call to action, not a sub-heading).
 */
maxLinkDensity?: number, 
/**
 * Only when the next element sibling exists and at least this share (0–1) of its text is
 * link text (a "Related posts" heading followed by its link list).
 */
nextMinLinkDensity?: number, 
/**
 * Only when the next element sibling exists and matches this CSS selector (RSSHub's AI
 * summary is the block right before an `<hr>`).
 */
nextSelector?: string, };

export type Field = "copyright" | "related" | "credits" | "byline" | "published" | "source" | "siteName";

export type Flag = "truncated";

export type ProxyEncoding = "query" | "path" | "hexPath" | "base64Path" | "pathTail" | "wholeQuery";

export type Action = { "type": "remove", 
/**
 * Also remove the `<br>`/`<hr>` elements directly before the match.
 */
withSeparators?: boolean, 
/**
 * Also remove the next element sibling (e.g. the list after a "Related posts" heading).
 */
withNext?: boolean, } | { "type": "extract", 
/**
 * The field to fill.
 */
field: Field, 
/**
 * Also take the next element sibling (the list after a heading).
 */
withNext?: boolean, 
/**
 * Also fill the article's `title` and `url`, when the input gives none, from the
 * element's first link (its text and `href`): Medium's "<a>Title</a> was originally
 * published in …" and WordPress's "The post <a>Title</a> appeared first on …".
 */
titleFromLink?: boolean, 
/**
 * For `related`: a CSS selector for the element after each link that names its
 * source (Google News: `<a>Title</a>&nbsp;<font>Publisher</font>`); its text becomes
 * the link's `source`.
 */
linkSource?: string, } | { "type": "capture", 
/**
 * The field to fill.
 */
field: Field, } | { "type": "promoteHeading", 
/**
 * 2 to 6.
 */
level: number, } | { "type": "keep" } | { "type": "trimText", 
/**
 * Regular expression matched at the end of the element's last text node.
 */
pattern: string, } | { "type": "rewriteUrl", 
/**
 * Replacement, e.g. `https://www.dw.com/a-$1`.
 */
template: string, } | { "type": "unwrapProxy", 
/**
 * How the original is encoded.
 */
encoding: ProxyEncoding, 
/**
 * Query parameter holding the URL (for `query`; default `url`).
 */
param?: string, 
/**
 * Regular expression cut from the end of the recovered URL (imgproxy's `@webp`
 * output-format suffix).
 */
stripSuffix?: string, } | { "type": "stripParams", 
/**
 * Exact parameter names.
 */
names?: Array<string>, 
/**
 * Parameter name prefixes, e.g. `utm_`.
 */
prefixes?: Array<string>, };

export type ErrorInfo = { 
/**
 * Stable code: `INPUT_TOO_LARGE`, `TOO_MANY_ELEMENTS`, `TOO_DEEP`, `INVALID_OPTIONS`,
 * `INVALID_RULE`, `NO_DOCUMENT`.
 */
code: string, 
/**
 * A full sentence.
 */
message: string, 
/**
 * Field path for option and rule errors.
 */
path: string | null, 
/**
 * Rule index for rule errors.
 */
ruleIndex: number | null, 
/**
 * Rule id for rule errors.
 */
ruleId: string | null, 
/**
 * The limit, for limit errors.
 */
limit: number | null, 
/**
 * The value found, for limit errors.
 */
found: number | null, };

