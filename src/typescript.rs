//! The TypeScript declarations of the JSON contract, generated from the Rust types.

use ts_rs::{Config, TS};

use crate::article::*;
use crate::edges::vocab::UserVocabulary;
use crate::error::ErrorInfo;
use crate::options::{FeedContext, Options};
use crate::rules::{Action, Field, Flag, Guard, Match, ProxyEncoding, ProxyPolicy, Rule, Scope};

/// The declarations of every type of the contract, as one `.d.ts` text.
pub fn declarations() -> String {
    let cfg = Config::default();
    let decls = [
        Article::decl(&cfg),
        InputKind::decl(&cfg),
        LeadImage::decl(&cfg),
        RelatedLink::decl(&cfg),
        Link::decl(&cfg),
        ListItem::decl(&cfg),
        Block::decl(&cfg),
        Stats::decl(&cfg),
        RemovalAction::decl(&cfg),
        Removal::decl(&cfg),
        Options::decl(&cfg),
        FeedContext::decl(&cfg),
        UserVocabulary::decl(&cfg),
        ProxyPolicy::decl(&cfg),
        Rule::decl(&cfg),
        Scope::decl(&cfg),
        Match::decl(&cfg),
        Guard::decl(&cfg),
        Field::decl(&cfg),
        Flag::decl(&cfg),
        ProxyEncoding::decl(&cfg),
        Action::decl(&cfg),
        ErrorInfo::decl(&cfg),
    ];
    #[cfg(feature = "feed")]
    let decls = {
        use crate::feed::model::{Enclosure, Feed, FeedFormat, FeedInfo, FeedItem};
        let mut d = decls.to_vec();
        d.extend([
            Feed::decl(&cfg),
            FeedFormat::decl(&cfg),
            FeedInfo::decl(&cfg),
            FeedItem::decl(&cfg),
            Enclosure::decl(&cfg),
        ]);
        d
    };
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test` (src/typescript.rs). Do not edit.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}
