//! The arrow beside a sortable column heading, drawn as SVG so it needs no font glyph.

use leptos::prelude::*;

/// How a column is sorted, for its icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortState {
    /// Not the sorted column: both arrows.
    Unsorted,
    /// Sorted smallest first.
    Ascending,
    /// Sorted largest first.
    Descending,
}

/// A decorative (`aria-hidden`) arrow; the state itself is announced through `aria-sort`.
#[component]
pub fn SortIcon(#[prop(into)] state: Signal<SortState>) -> impl IntoView {
    let points = move || match state.get() {
        SortState::Ascending => "1,9 5,2 9,9",
        SortState::Descending => "1,3 5,10 9,3",
        SortState::Unsorted => "",
    };
    view! {
        <svg class="app-sort-icon" viewBox="0 0 10 12" width="10" height="12" aria-hidden="true" focusable="false">
            {move || match state.get() {
                SortState::Unsorted => view! {
                    <polygon class="app-sort-icon__shape" points="2,5 5,1 8,5"></polygon>
                    <polygon class="app-sort-icon__shape" points="2,7 5,11 8,7"></polygon>
                }.into_any(),
                _ => view! { <polygon class="app-sort-icon__shape" points=points></polygon> }.into_any(),
            }}
        </svg>
    }
}
