//! Claims and red lines per holder, as a small horizontal bar chart.

use redline_core::document::HolderCount;
use redline_core::text::fit;
use yew::prelude::*;

const BAR_HEIGHT: usize = 14;
const ROW_HEIGHT: usize = 40;
// Whole SVG units: the bars need no finer steps, and integers keep float formatting out of
// the download.
const LABEL_WIDTH: usize = 110;
const CHART_WIDTH: usize = 300;
const BAR_SPACE: usize = CHART_WIDTH - LABEL_WIDTH - 30;

pub fn summary_chart(counts: &[HolderCount]) -> Html {
    if counts.is_empty() {
        return html! {
            <section class="summary" aria-labelledby="summary-title" data-testid="summary">
                <h2 id="summary-title">{ "Summary" }</h2>
                <p class="muted">{ "No annotations yet." }</p>
            </section>
        };
    }
    let max = counts.iter().map(|c| c.claims.max(c.red_lines)).max().unwrap_or(1).max(1);
    let height = counts.len() * ROW_HEIGHT + 8;
    let rows = counts.iter().enumerate().map(|(row, count)| {
        let y = row * ROW_HEIGHT + 4;
        let holder = holder_name(count);
        let claim_width = BAR_SPACE * count.claims / max;
        let red_width = BAR_SPACE * count.red_lines / max;
        html! {
            <g class="row">
                <title>{ format!("{holder}: {} claims, {} red lines", count.claims, count.red_lines) }</title>
                <text x="0" y={(y + BAR_HEIGHT).to_string()} class="chart-label">{ fit(&holder, 16) }</text>
                <rect class="bar-claim" x={LABEL_WIDTH.to_string()} y={y.to_string()} width={claim_width.to_string()} height={BAR_HEIGHT.to_string()} />
                <text class="chart-count" x={(LABEL_WIDTH + claim_width + 4).to_string()} y={(y + BAR_HEIGHT - 3).to_string()}>{ count.claims }</text>
                <rect class="bar-red-line" x={LABEL_WIDTH.to_string()} y={(y + BAR_HEIGHT + 2).to_string()} width={red_width.to_string()} height={BAR_HEIGHT.to_string()} />
                <text class="chart-count" x={(LABEL_WIDTH + red_width + 4).to_string()} y={(y + 2 * BAR_HEIGHT - 1).to_string()}>{ count.red_lines }</text>
            </g>
        }
    });
    html! {
        <section class="summary" aria-labelledby="summary-title" data-testid="summary">
            <h2 id="summary-title">{ "Summary" }</h2>
            <p class="legend"><span class="key claim"></span>{ "Claims" }<span class="key red-line"></span>{ "Red lines" }</p>
            <svg role="img" aria-label="Claims and red lines per holder" viewBox={format!("0 0 {CHART_WIDTH} {height}")} width="100%">
                { for rows }
            </svg>
            <table class="visually-hidden">
                <caption>{ "Claims and red lines per holder" }</caption>
                <thead><tr><th scope="col">{ "Holder" }</th><th scope="col">{ "Claims" }</th><th scope="col">{ "Red lines" }</th></tr></thead>
                <tbody>
                    { for counts.iter().map(|c| html! {
                        <tr><th scope="row">{ holder_name(c) }</th><td>{ c.claims }</td><td>{ c.red_lines }</td></tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

fn holder_name(count: &HolderCount) -> String {
    if count.holder.is_empty() {
        "(no holder)".to_string()
    } else {
        count.holder.clone()
    }
}
