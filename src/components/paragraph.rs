//! One paragraph of the article, its runs drawn from markup built in one pass: the browser's HTML
//! parser makes a paragraph's marks and runs in one call, where building them node by node costs
//! several calls per node (on a long report, most of the time it takes to show thousands of new
//! highlights). The `<p>` itself stays when its runs change, so the browser keeps its laid-out
//! size. Memoised by its markup: a change redraws only the paragraphs whose markup changed.

use redline_core::segment::Segment;
use redline_core::{AnnotationId, CharOffset, DocumentText};
use std::fmt::Write;
use std::ops::Range;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub chars: Range<CharOffset>,
    /// The paragraph's runs, from [`markup`] (an `Rc`: an unchanged paragraph compares by
    /// pointer, not by its text, on every change elsewhere).
    pub html: Rc<str>,
}

/// The `<p>` this paragraph drew, and what it last wrote into it.
struct Drawn {
    element: web_sys::Element,
    chars: Range<CharOffset>,
    html: Rc<str>,
}

#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    // The `<p>` and its runs are written while rendering, not in an effect: Yew lets the browser
    // paint between a render and its effects, which would show a frame of empty paragraphs (on
    // start, between the kept first screen and the app's article). Yew keeps a node it is
    // handed again as it is.
    let drawn = use_mut_ref(|| None::<Drawn>);
    let mut drawn = drawn.borrow_mut();
    let fresh = drawn.is_none();
    if fresh {
        let Ok(element) = gloo::utils::document().create_element("p") else { return Html::default() };
        *drawn = Some(Drawn { element, chars: props.chars.clone(), html: props.html.clone() });
    }
    let Some(drawn) = drawn.as_mut() else { return Html::default() };
    if fresh || drawn.chars != props.chars {
        drawn.element.set_attribute("data-start", &props.chars.start.get().to_string()).ok();
        drawn.element.set_attribute("data-end", &props.chars.end.get().to_string()).ok();
        drawn.chars = props.chars.clone();
    }
    if fresh || drawn.html != props.html {
        drawn.element.set_inner_html(&props.html);
        drawn.html = props.html.clone();
    }
    Html::VRef(drawn.element.clone().into())
}

/// A paragraph's runs of text as the page shows them, in order: plain ones as
/// `<span data-start>`, marked ones as `<mark>` with their labels, the ids covering them and a
/// class per label, and `is-selected` / `is-related` for the selected annotation and those
/// linked to it (`data-start` is the run's first code point in the document: the selection
/// maps back to offsets through it, and through the `<p>`'s `data-start` and `data-end`).
pub fn markup(
    text: &DocumentText,
    segments: &[Segment],
    selected: Option<&AnnotationId>,
    related: &[AnnotationId],
) -> String {
    let text_bytes: usize = segments.iter().map(|s| s.bytes.len()).sum();
    let mut html = String::with_capacity(text_bytes + 160 * segments.len());
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
        if segment.covering.iter().any(|(id, _)| related.contains(id)) {
            html.push_str(" is-related");
        }
        let names: Vec<&str> = labels.iter().map(|l| l.as_str()).collect();
        let ids: Vec<&str> = segment.covering.iter().map(|(id, _)| id.as_str()).collect();
        let titles: Vec<&str> = labels.iter().map(|l| l.display_name()).collect();
        write!(
            html,
            r#"" data-start="{start}" data-labels="{}" title="{}" data-ids=""#,
            names.join(" "),
            titles.join(" + ")
        )
        .ok();
        // Ids come from files and other tabs: escaped like the text.
        push_escaped(&mut html, &ids.join(" "));
        html.push_str(r#"">"#);
        push_escaped(&mut html, run);
        html.push_str("</mark>");
    }
    html
}

/// Appends text as HTML text or a quoted attribute's value: the characters that mean markup as
/// references, and NUL (which the HTML parser drops) as U+FFFD, still one code point, so that
/// offsets hold.
fn push_escaped(html: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\0']) {
        html.push_str(&rest[..at]);
        html.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "\u{FFFD}",
        });
        rest = &rest[at + 1..];
    }
    html.push_str(rest);
}
