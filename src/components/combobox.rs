//! A search box with suggestions: the ARIA 1.2 combobox pattern (list autocomplete).
//!
//! The input keeps focus; arrow keys move the active option (`aria-activedescendant`),
//! Enter picks it (or submits the typed text when none is active), Escape closes the list.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// One suggestion. `key` tells the owner what it is (e.g. `service:smart-id-card`).
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// What picking it does, interpreted by the owner of the combobox.
    pub key: String,
    /// The main text.
    pub label: String,
    /// A second line (what kind of suggestion, where).
    pub hint: String,
}

/// Key prefix of a service suggestion: `service:<id>`.
pub const SERVICE_KEY: &str = "service:";

impl Suggestion {
    /// A service, named in the locale, with a hint saying what picking it does.
    pub fn service(
        service: &crate::model::Service,
        locale: crate::i18n::Locale,
        hint: &str,
    ) -> Self {
        Suggestion {
            key: format!("{SERVICE_KEY}{}", service.id),
            label: service.name(locale).to_string(),
            hint: hint.to_string(),
        }
    }
}

/// Text input + listbox of suggestions. `value` is the typed text (updated on every keystroke).
#[component]
pub fn Combobox(
    /// Base id: the input is `{id}`, the listbox `{id}-listbox`, options `{id}-opt-{n}`.
    id: &'static str,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Hint under the label (also the input's description).
    #[prop(into)]
    hint: Signal<String>,
    /// The typed text.
    value: RwSignal<String>,
    /// Suggestions for the current text (the owner limits their number).
    #[prop(into)]
    suggestions: Signal<Vec<Suggestion>>,
    /// A suggestion was picked.
    on_select: Callback<Suggestion>,
    /// Enter with no active suggestion (or the search button).
    on_submit: Callback<String>,
    /// Text of the submit button.
    #[prop(into)]
    button: Signal<String>,
    /// Where the box is a GET form to (its text as `q`) before the app runs or without
    /// JavaScript (a route shell): the finder. None: the page's own address.
    #[prop(optional)]
    action: Option<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let listbox_id = format!("{id}-listbox");
    let hint_id = format!("{id}-hint");
    let option_id = move |i: usize| format!("{id}-opt-{i}");
    let expanded = move || open.get() && !suggestions.with(|s| s.is_empty());

    let pick = move |i: usize| {
        if let Some(s) = suggestions.with_untracked(|s| s.get(i).cloned()) {
            open.set(false);
            active.set(None);
            on_select.run(s);
        }
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let n = suggestions.with_untracked(|s| s.len());
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                ev.prevent_default();
                match active.get_untracked() {
                    Some(i) if open.get_untracked() && i < n => pick(i),
                    _ => {
                        open.set(false);
                        on_submit.run(value.get_untracked());
                    }
                }
            }
            "Escape" => {
                if open.get_untracked() {
                    ev.prevent_default();
                }
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };

    view! {
        <form class="app-search finder-combobox" role="search" method="get" action=action
            on:submit=move |ev| { ev.prevent_default(); on_submit.run(value.get_untracked()); }>
            <div class="app-field app-search__field">
                <label class="app-field__label" for=id>{label}</label>
                <span class="app-field__hint" id=hint_id.clone()>{hint}</span>
                <input id=id name="q" class="app-input" type="search" dir="auto" autocomplete="off"
                    role="combobox" aria-autocomplete="list" aria-controls=listbox_id.clone()
                    aria-describedby=hint_id
                    aria-expanded=move || if expanded() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                    data-testid="search-input"
                    prop:value=move || value.get()
                    on:input:target=move |ev| {
                        value.set(ev.target().value());
                        open.set(true);
                        active.set(None);
                    }
                    on:keydown=on_keydown
                    on:blur=move |_| open.set(false)
                />
            </div>
            <button type="submit" class="app-button" data-testid="search-submit">{button}</button>
            <ul id=listbox_id class="app-search__listbox" role="listbox" aria-label=label
                hidden=move || !expanded() data-testid="suggestions">
                {move || suggestions.get().into_iter().enumerate().map(|(i, s)| view! {
                    <li id=option_id(i) class="app-search__option" role="option"
                        aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                        on:mousedown=move |ev| { ev.prevent_default(); pick(i); }>
                        <bdi>{s.label}</bdi>
                        <span class="app-search__option-hint">{s.hint}</span>
                    </li>
                }).collect_view()}
            </ul>
        </form>
    }
}
