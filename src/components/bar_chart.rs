//! A horizontal bar chart drawn as accessible SVG: `role="img"` named by its `<title>` and
//! `<desc>`, the same numbers always also in a table (the text alternative). Colours come
//! from CSS classes only (the CSP forbids style attributes); no network is needed.

use leptos::prelude::*;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The category (a province name).
    pub label: String,
    /// The value; negative or non-finite values draw no bar.
    pub value: f64,
    /// The value as shown beside the bar (already formatted for the locale).
    pub value_text: String,
}

/// Drawing constants (SVG user units).
const WIDTH: f64 = 800.0;
const LABEL_W: f64 = 230.0;
const VALUE_W: f64 = 70.0;
const ROW_H: f64 = 22.0;
const BAR_H: f64 = 14.0;
const PAD: f64 = 6.0;

/// Length of a bar for `value` on a scale whose full length is `max`.
fn bar_len(value: f64, max: f64) -> f64 {
    let area = WIDTH - LABEL_W - VALUE_W;
    if !(value.is_finite() && max.is_finite()) || value <= 0.0 || max <= 0.0 {
        0.0
    } else {
        (value / max).min(1.0) * area
    }
}

/// A bar chart. In right-to-left pages the labels are on the right and bars grow leftwards.
#[component]
pub fn BarChart(
    /// Unique id prefix for the `<title>`/`<desc>` ids.
    id: &'static str,
    /// What the chart shows.
    #[prop(into)]
    title: Signal<String>,
    /// One sentence that says the finding and where the numbers are as text.
    #[prop(into)]
    desc: Signal<String>,
    /// The bars, in order.
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
    /// A reference line (e.g. the coverage target), on the same scale as the values.
    #[prop(optional, into)]
    target: Option<Signal<Option<f64>>>,
    /// Right-to-left layout.
    #[prop(into)]
    rtl: Signal<bool>,
    /// Extra class for the bars (`app-chart__bar--2`, …).
    #[prop(optional)]
    bar_class: &'static str,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let target = move || target.and_then(|t| t.get());
    let scale = move || {
        let max_bar = bars.with(|b| {
            b.iter()
                .map(|b| b.value)
                .filter(|v| v.is_finite())
                .fold(0.0_f64, f64::max)
        });
        max_bar.max(target().unwrap_or(0.0))
    };
    let height = move || bars.with(Vec::len) as f64 * ROW_H + 2.0 * PAD;
    let rows = move || {
        let rtl = rtl.get();
        let max = scale();
        bars.get()
            .into_iter()
            .enumerate()
            .map(|(i, bar)| {
                let y = PAD + i as f64 * ROW_H;
                let len = bar_len(bar.value, max);
                let (label_x, bar_x, value_x, value_anchor) = if rtl {
                    (
                        WIDTH - PAD,
                        WIDTH - LABEL_W - len,
                        WIDTH - LABEL_W - len - 4.0,
                        "end",
                    )
                } else {
                    (LABEL_W - PAD, LABEL_W, LABEL_W + len + 4.0, "start")
                };
                let text_y = y + BAR_H - 2.0;
                view! {
                    <text class="app-chart__label" x=label_x y=text_y text-anchor="end">{bar.label}</text>
                    <rect class=format!("app-chart__bar {bar_class}") x=bar_x y=y width=len height=BAR_H></rect>
                    <text class="app-chart__label app-chart__value" x=value_x y=text_y text-anchor=value_anchor>{bar.value_text}</text>
                }
            })
            .collect_view()
    };
    let target_line = move || {
        let t = target()?;
        let len = bar_len(t, scale());
        let x = if rtl.get() {
            WIDTH - LABEL_W - len
        } else {
            LABEL_W + len
        };
        Some(view! {
            <line class="app-chart__target" x1=x x2=x y1=0 y2=height()></line>
        })
    };
    view! {
        <figure class="app-chart">
            // Visible heading; the SVG itself is named by its <title> and <desc>.
            <figcaption class="app-chart__caption" aria-hidden="true">{move || title.get()}</figcaption>
            <svg role="img" aria-labelledby=labelled_by direction="ltr"
                viewBox=move || format!("0 0 {WIDTH} {}", height())>
                <title id=title_id>{move || title.get()}</title>
                <desc id=desc_id>{move || desc.get()}</desc>
                {rows}
                {target_line}
            </svg>
        </figure>
    }
}
