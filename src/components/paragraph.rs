//! One paragraph of the article. Memoised by its props: a change re-renders only the
//! paragraphs whose pieces changed.

use std::rc::Rc;
use yew::prelude::*;

/// A run of text in a paragraph, plain or marked. `Eq` lets an unchanged paragraph's props
/// compare by pointer.
#[derive(Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: AttrValue,
    /// The first code point of the run in the document.
    pub start: usize,
    /// `claim`, `red-line` or both, space-separated; empty for plain text.
    pub labels: AttrValue,
    pub ids: AttrValue,
    pub selected: bool,
}

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub start: usize,
    pub end: usize,
    pub pieces: Rc<Vec<Piece>>,
}

#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    html! {
        <p data-start={props.start.to_string()} data-end={props.end.to_string()}>
            { for props.pieces.iter().map(piece) }
        </p>
    }
}

fn piece(piece: &Piece) -> Html {
    let start = piece.start.to_string();
    if piece.labels.is_empty() {
        return html! { <span data-start={start}>{ piece.text.clone() }</span> };
    }
    let class = classes!(
        "hl",
        piece.labels.split(' ').map(|l| format!("hl-{l}")).collect::<Vec<_>>(),
        piece.labels.contains(' ').then_some("hl-both"),
        piece.selected.then_some("is-selected"),
    );
    let title = piece
        .labels
        .split(' ')
        .map(|l| if l == "claim" { "Claim" } else { "Red line" })
        .collect::<Vec<_>>()
        .join(" + ");
    html! {
        <mark class={class} data-start={start} data-labels={piece.labels.clone()} data-ids={piece.ids.clone()} title={title}>
            { piece.text.clone() }
        </mark>
    }
}
