//! The negotiation map: a document as parties and their positions. One column per party (its
//! holders), its red lines then its claims as cards with a short quote, and the relations as
//! arrows told apart by dash pattern, arrowhead and label as well as colour. Drawn as one SVG
//! whose presentation is inline, so that the page shows it and a report embeds it as it is.
//!
//! A document with many annotations is shown by counts per party; a party named in `expanded`
//! shows its cards all the same.

use crate::annotation::{Annotation, AnnotationId};
use crate::document::Document;
use crate::label::Label;
use crate::order;
use crate::relation::RelationKind;
use crate::text::fit;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Beyond this many annotations, parties show counts until expanded.
pub const CARDS_SHOWN_UP_TO: usize = 120;

const COLUMN_WIDTH: usize = 260;
const COLUMN_GAP: usize = 70;
const CARD_WIDTH: usize = 230;
const CARD_HEIGHT: usize = 58;
const CARD_GAP: usize = 14;
const HEADER_HEIGHT: usize = 70;
const LEGEND_HEIGHT: usize = 56;
const LEGEND_WIDTH: usize = 560;
const MARGIN: usize = 20;
/// Code points of quote per card line (two lines), words kept whole.
const QUOTE_LINE: usize = 30;

/// How each kind of relation is drawn: colour, dash pattern and arrowhead, so that the kinds
/// differ without colour too.
fn style(kind: RelationKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        RelationKind::Contests => ("#c62828", "", "tee"),
        RelationKind::Supports => ("#2e7d32", "8 5", "arrow"),
        RelationKind::Restates => ("#5c6bc0", "2 4", "dot"),
    }
}

/// One party's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// The holder, or "" for annotations held by no one.
    pub name: String,
    pub red_lines: usize,
    pub claims: usize,
    /// Its annotations that another contests.
    pub contested: usize,
    /// Whether its cards are drawn (else only its counts).
    pub shown: bool,
}

impl Party {
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            "(no holder)"
        } else {
            &self.name
        }
    }

    /// "3 red lines, 2 claims, 1 contested".
    pub fn counts(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {}, {} contested",
            plural(self.red_lines, "red line", "red lines"),
            plural(self.claims, "claim", "claims"),
            self.contested
        )
    }
}

/// The map of one document, laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NegotiationMap {
    pub parties: Vec<Party>,
    /// Cards drawn: (column, row, annotation).
    cards: Vec<(usize, usize, Annotation)>,
    /// Arrows between drawn cards: (kind, from card, to card).
    edges: Vec<(RelationKind, AnnotationId, usize, usize)>,
    pub width: usize,
    pub height: usize,
}

impl NegotiationMap {
    pub fn of(document: &Document, expanded: &BTreeSet<String>) -> NegotiationMap {
        let few = document.annotations().len() <= CARDS_SHOWN_UP_TO;
        let contested = order::set_of(
            document.relations().iter().filter(|r| r.kind() == RelationKind::Contests).map(|r| r.target()),
        );
        let mut by_party: BTreeMap<&str, Vec<&Annotation>> = BTreeMap::new();
        for annotation in document.annotations() {
            by_party.entry(annotation.holder().trim()).or_default().push(annotation);
        }
        // Named parties in order, then the annotations no one holds.
        let mut parties_in_order: Vec<&str> = by_party.keys().copied().filter(|name| !name.is_empty()).collect();
        if by_party.contains_key("") {
            parties_in_order.push("");
        }
        let mut parties = Vec::new();
        let mut cards = Vec::new();
        for (column, name) in parties_in_order.into_iter().enumerate() {
            let mut held = by_party.remove(name).unwrap_or_default();
            // Red lines first: they are what the others run into.
            order::sort_by_key(&mut held, |a| (a.label() != Label::RedLine, a.text_order_key()));
            let shown = few || expanded.contains(name);
            parties.push(Party {
                name: name.to_string(),
                red_lines: held.iter().filter(|a| a.label() == Label::RedLine).count(),
                claims: held.iter().filter(|a| a.label() == Label::Claim).count(),
                contested: held.iter().filter(|a| contested.contains(a.id())).count(),
                shown,
            });
            if shown {
                cards.extend(held.into_iter().enumerate().map(|(row, a)| (column, row, a.clone())));
            }
        }
        let index = order::map_of(cards.iter().enumerate().map(|(i, (_, _, a))| (a.id(), i)));
        let edges = document
            .relations()
            .iter()
            .filter_map(|r| Some((r.kind(), r.id().clone(), *index.get(r.source())?, *index.get(r.target())?)))
            .collect();
        let rows = cards.iter().map(|(_, row, _)| row + 1).max().unwrap_or(1);
        // At least as wide as the legend.
        let width = (2 * MARGIN + parties.len().max(1) * (COLUMN_WIDTH + COLUMN_GAP) - COLUMN_GAP).max(LEGEND_WIDTH);
        let height = 2 * MARGIN + LEGEND_HEIGHT + HEADER_HEIGHT + rows * (CARD_HEIGHT + CARD_GAP);
        NegotiationMap { parties, cards, edges, width, height }
    }

    /// The exported map's file name, after the document's title.
    pub fn file_name(title: &str) -> String {
        format!("{}.map.svg", crate::formats::file_stem(title))
    }

    pub const MEDIA_TYPE: &'static str = "image/svg+xml";

    /// How many relations are drawn.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    fn card_origin(&self, card: usize) -> (usize, usize) {
        let (column, row, _) = &self.cards[card];
        let x = MARGIN + column * (COLUMN_WIDTH + COLUMN_GAP) + (COLUMN_WIDTH - CARD_WIDTH) / 2;
        let y = MARGIN + LEGEND_HEIGHT + HEADER_HEIGHT + row * (CARD_HEIGHT + CARD_GAP);
        (x, y)
    }

    /// The map as a standalone SVG document: fonts, colours and arrowheads inline; every piece
    /// of text escaped. Cards carry `data-testid="map-node"` and `data-id`, arrows
    /// `data-testid="map-edge"` with `data-kind`, `data-from`, `data-to`, parties
    /// `data-testid="map-party"`.
    pub fn to_svg(&self, title: &str) -> String {
        let mut svg = String::with_capacity(4096 + 600 * self.cards.len());
        write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="map-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="13">"#,
            w = self.width,
            h = self.height
        )
        .ok();
        svg.push_str("<title>");
        escape_into(&mut svg, &format!("Negotiation map: {title}"));
        svg.push_str("</title>");
        self.write_markers(&mut svg);
        svg.push_str(r##"<rect class="map-ground" width="100%" height="100%" fill="#fbfaf7"/>"##);
        self.write_legend(&mut svg);
        for (column, party) in self.parties.iter().enumerate() {
            self.write_party(&mut svg, column, party);
        }
        // Arrows behind the cards (a card hides the stretch that crosses it), their labels in
        // the gap before the card they point at.
        for edge in &self.edges {
            self.write_edge(&mut svg, edge);
        }
        for card in 0..self.cards.len() {
            self.write_card(&mut svg, card);
        }
        svg.push_str("</svg>");
        svg
    }

    fn write_markers(&self, svg: &mut String) {
        svg.push_str("<defs>");
        for kind in RelationKind::ALL {
            let (colour, _, head) = style(kind);
            let shape = match head {
                "tee" => {
                    format!(r#"<path d="M 9 0 L 9 10 M 3 5 L 9 5" stroke="{colour}" stroke-width="2.5" fill="none"/>"#)
                }
                "arrow" => format!(r#"<path d="M 0 0 L 10 5 L 0 10 z" fill="{colour}"/>"#),
                _ => format!(r#"<circle cx="5" cy="5" r="4" fill="{colour}"/>"#),
            };
            write!(
                svg,
                r#"<marker id="map-head-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">{shape}</marker>"#
            )
            .ok();
        }
        svg.push_str("</defs>");
    }

    fn write_legend(&self, svg: &mut String) {
        let y = MARGIN + 14;
        write!(svg, r##"<g class="map-legend" data-testid="map-legend"><text x="{MARGIN}" y="{y}" font-weight="600" fill="#222">Relations:</text>"##).ok();
        for (i, kind) in RelationKind::ALL.into_iter().enumerate() {
            let (colour, dash, _) = style(kind);
            let x = MARGIN + 90 + i * 150;
            write!(
                svg,
                r##"<line x1="{x}" y1="{l}" x2="{x2}" y2="{l}" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}" marker-end="url(#map-head-{kind})"/><text x="{tx}" y="{y}" fill="#222">{name}</text>"##,
                l = y - 4,
                x2 = x + 44,
                tx = x + 52,
                name = kind.display_name()
            )
            .ok();
        }
        svg.push_str("</g>");
    }

    fn write_party(&self, svg: &mut String, column: usize, party: &Party) {
        let x = MARGIN + column * (COLUMN_WIDTH + COLUMN_GAP);
        let y = MARGIN + LEGEND_HEIGHT;
        write!(svg, r##"<g class="map-party" data-testid="map-party" data-party=""##).ok();
        escape_into(svg, &party.name);
        write!(
            svg,
            r##""><rect x="{x}" y="{y}" width="{COLUMN_WIDTH}" height="{h}" rx="10" fill="#efece4" stroke="#d8d2c4"/><text x="{tx}" y="{ty}" font-size="15" font-weight="700" fill="#222">"##,
            h = self.height - y - MARGIN,
            tx = x + 12,
            ty = y + 24
        )
        .ok();
        escape_into(svg, &fit(party.display_name(), 28));
        write!(
            svg,
            r##"</text><text x="{tx}" y="{ty}" fill="#555">{counts}</text>"##,
            tx = x + 12,
            ty = y + 46,
            counts = party.counts()
        )
        .ok();
        if !party.shown {
            write!(
                svg,
                r##"<text x="{tx}" y="{ty}" fill="#555" font-style="italic">Expand to see its cards</text>"##,
                tx = x + 12,
                ty = y + 84
            )
            .ok();
        }
        svg.push_str("</g>");
    }

    fn write_card(&self, svg: &mut String, card: usize) {
        let (x, y) = self.card_origin(card);
        let annotation = &self.cards[card].2;
        let (fill, stroke, dash) = match annotation.label() {
            Label::RedLine => ("#fde4e4", "#c62828", "6 3"),
            Label::Claim => ("#fff4cc", "#b8860b", ""),
        };
        write!(svg, r#"<g class="map-node" data-testid="map-node" tabindex="0" role="button" data-id=""#).ok();
        escape_into(svg, annotation.id().as_str());
        write!(svg, r#"" data-label="{}"><title>"#, annotation.label().as_str()).ok();
        escape_into(svg, &format!("{}: “{}”", annotation.label().display_name(), annotation.quote().exact));
        write!(
            svg,
            r##"</title><rect x="{x}" y="{y}" width="{CARD_WIDTH}" height="{CARD_HEIGHT}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="1.5" stroke-dasharray="{dash}"/><text x="{tx}" y="{ty}" font-size="11" font-weight="700" fill="{stroke}">{label}</text>"##,
            tx = x + 8,
            ty = y + 15,
            label = annotation.label().display_name().to_ascii_uppercase()
        )
        .ok();
        for (i, line) in wrap(&annotation.quote().exact, QUOTE_LINE, 2).iter().enumerate() {
            write!(svg, r##"<text x="{tx}" y="{ty}" fill="#222">"##, tx = x + 8, ty = y + 32 + i * 16).ok();
            escape_into(svg, line);
            svg.push_str("</text>");
        }
        svg.push_str("</g>");
    }

    fn write_edge(&self, svg: &mut String, (kind, id, from, to): &(RelationKind, AnnotationId, usize, usize)) {
        let (colour, dash, _) = style(*kind);
        let ((fx, fy), (tx, ty)) = (self.card_origin(*from), self.card_origin(*to));
        let (fy, ty) = (fy + CARD_HEIGHT / 2, ty + CARD_HEIGHT / 2);
        // Across columns: from the facing sides; within one: a loop on the right.
        let (x1, x2, bend) = if fx < tx {
            (fx + CARD_WIDTH, tx, 0)
        } else if fx > tx {
            (fx, tx + CARD_WIDTH, 0)
        } else {
            (fx + CARD_WIDTH, tx + CARD_WIDTH, 50)
        };
        let (c1, c2) = if bend > 0 { (x1 + bend, x2 + bend) } else { ((x1 + x2) / 2, (x1 + x2) / 2) };
        let (from_id, to_id) = (self.cards[*from].2.id().as_str(), self.cards[*to].2.id().as_str());
        write!(svg, r#"<g class="map-edge" data-testid="map-edge" data-kind="{kind}" data-id=""#).ok();
        escape_into(svg, id.as_str());
        svg.push_str(r#"" data-from=""#);
        escape_into(svg, from_id);
        svg.push_str(r#"" data-to=""#);
        escape_into(svg, to_id);
        write!(
            svg,
            r##""><path d="M {x1} {fy} C {c1} {fy}, {c2} {ty}, {x2} {ty}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}" marker-end="url(#map-head-{kind})"/><text x="{lx}" y="{ly}" font-size="11" text-anchor="middle" fill="{colour}" stroke="#fbfaf7" stroke-width="3" paint-order="stroke">{name}</text></g>"##,
            lx = if x2 > x1 { x2 - COLUMN_GAP / 2 } else { x2 + COLUMN_GAP / 2 + bend / 2 },
            ly = ty - 6,
            name = kind.as_str()
        )
        .ok();
    }
}

/// Up to `lines` lines of at most `width` code points, broken between words (a longer word is
/// cut); an ellipsis ends the last line when text is left over.
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.peek() {
        let line_len = out.last().map_or(usize::MAX, |l| l.chars().count());
        let fits = line_len != usize::MAX && line_len + 1 + word.chars().count() <= width;
        if fits {
            if let Some(line) = out.last_mut() {
                line.push(' ');
                line.push_str(word);
            }
        } else if out.len() == lines {
            break;
        } else {
            out.push(word.chars().take(width).collect());
        }
        words.next();
    }
    if words.peek().is_some() {
        if let Some(last) = out.last_mut() {
            *last = fit(&format!("{last}…"), width);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    out
}

/// Text as XML character data or an attribute value; control characters XML forbids become
/// U+FFFD.
fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}
