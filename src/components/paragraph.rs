//! One paragraph of the article, drawn from markup built in one pass: the browser's HTML parser
//! makes a paragraph's marks and runs in one call, where building them node by node costs
//! several calls per node (on a long report, most of the time it takes to show thousands of new
//! highlights). Memoised by its markup: a change redraws only the paragraphs whose markup changed.

use redline_core::segment::Segment;
use redline_core::{AnnotationId, CharOffset, DocumentText};
use std::fmt::Write;
use std::ops::Range;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    /// The paragraph's markup, from [`markup`].
    pub html: AttrValue,
}

#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    Html::from_html_unchecked(props.html.clone())
}

/// A paragraph as the page shows it: `<p data-start data-end>` holding its runs of text in
/// order, plain ones as `<span data-start>`, marked ones as `<mark>` with their labels, the ids
/// covering them and a class per label (`data-start` is the run's first code point in the
/// document: the selection maps back to offsets through it).
pub fn markup(
    text: &DocumentText,
    chars: Range<CharOffset>,
    segments: &[Segment],
    selected: Option<&AnnotationId>,
) -> String {
    let text_bytes: usize = segments.iter().map(|s| s.bytes.len()).sum();
    let mut html = String::with_capacity(text_bytes + 160 * segments.len() + 48);
    write!(html, r#"<p data-start="{}" data-end="{}">"#, chars.start.get(), chars.end.get()).ok();
    for segment in segments {
        let start = segment.chars.start.get();
        let run = &text.as_str()[segment.bytes.clone()];
        if !segment.is_marked() {
            write!(html, r#"<span data-start="{start}">"#).ok();
            push_escaped(&mut html, run);
            html.push_str("</span>");
            continue;
        }
        let labels = segment.labels();
        html.push_str(r#"<mark class="hl"#);
        for label in &labels {
            write!(html, " hl-{label}").ok();
        }
        if labels.len() > 1 {
            html.push_str(" hl-both");
        }
        if selected.is_some_and(|s| segment.covering.iter().any(|(id, _)| id == s)) {
            html.push_str(" is-selected");
        }
        let names: Vec<&str> = labels.iter().map(|l| l.as_str()).collect();
        let ids: Vec<&str> = segment.covering.iter().map(|(id, _)| id.as_str()).collect();
        let titles: Vec<&str> = labels.iter().map(|l| l.display_name()).collect();
        write!(
            html,
            r#"" data-start="{start}" data-labels="{}" data-ids="{}" title="{}">"#,
            names.join(" "),
            ids.join(" "),
            titles.join(" + ")
        )
        .ok();
        push_escaped(&mut html, run);
        html.push_str("</mark>");
    }
    html.push_str("</p>");
    html
}

/// Appends text as HTML text: the characters that mean markup as references, and NUL (which
/// the HTML parser drops) as U+FFFD, still one code point, so that offsets hold.
fn push_escaped(html: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '\0']) {
        html.push_str(&rest[..at]);
        html.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "\u{FFFD}",
        });
        rest = &rest[at + 1..];
    }
    html.push_str(rest);
}
