//! Every route of the app and the state each one keeps in its URL, in one place.
//!
//! [`Route`] names every page; [`Route::path`] writes its path and query (relative to the
//! deployment's base path) and, in the browser, `Route::href` puts it under that base path.
//! The URL states of the finder ([`FinderState`]), the catalogue ([`CatalogueState`]) and the
//! registry ([`RegistryState`]) share one shape, [`UrlState`]: read from a query map, written
//! to pairs, and turned into a query string by the one percent-encoder, [`encode`].
//!
//! Pages and components build no path by hand: they make a [`Route`].
//!
//! Platform-neutral (tested natively) except for `Route::href`, which reads the base path
//! from the document.

mod catalogue;
mod finder;
mod gaps;
mod registry;

pub use catalogue::{CatalogueState, MAX_QUERY_CHARS, OTHER_AGENCY};
pub use finder::{
    format_near, parse_near, round_position, FinderState, COORD_DECIMALS, DEFAULT_RADIUS_KM,
    MAX_RADIUS_KM, MIN_RADIUS_KM, RADIUS_CHOICES_KM,
};
pub use gaps::{GapState, DEFAULT_THRESHOLD_KM, THRESHOLDS_KM};
pub use registry::{RegistryState, SortDir, SortKey};

/// A page of the app, with what its URL carries.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    /// `/`: near me, search, saved offices.
    Home,
    /// `/offices?…`: the office finder.
    Offices(FinderState),
    /// `/offices/{province}/{id}`: one office.
    Office { province: String, id: String },
    /// `/services?…`: the service catalogue.
    Services(CatalogueState),
    /// `/services/{id}` (`?office=` when an office was picked on the page).
    Service { id: String, office: Option<String> },
    /// `/licences?…`: the licence registry.
    Licences(RegistryState),
    /// `/licences/{province}/{number}`: one licence.
    Licence { province: String, number: String },
    /// `/dashboard`: provincial coverage and licensing.
    Dashboard,
    /// `/dashboard/gaps?…`: places far from an office.
    Gaps(GapState),
    /// `/about`: data source and licences.
    About,
}

/// A page of the app with nothing in its URL but its path: the navigation's links. (Its
/// [`Page::href`] is a constant path under the base, so a link to `/licences` from the
/// first-load module does not carry the registry's query writer.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Offices,
    Services,
    Licences,
    Dashboard,
    About,
}

impl Page {
    /// The page's path relative to the deployment's base path.
    pub fn path(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::Offices => "/offices",
            Page::Services => "/services",
            Page::Licences => "/licences",
            Page::Dashboard => "/dashboard",
            Page::About => "/about",
        }
    }

    /// The link to this page in this deployment.
    #[cfg(target_arch = "wasm32")]
    pub fn href(self) -> String {
        under_base(&crate::platform::dom::router_base_cached(), self.path())
    }
}

/// The second path segment of the coverage-gap view, under the dashboard.
pub const GAPS: &str = "gaps";

/// The first path segment of each section of the app, for the router and the preloader.
pub mod section {
    pub const OFFICES: &str = "offices";
    pub const SERVICES: &str = "services";
    pub const LICENCES: &str = "licences";
    pub const DASHBOARD: &str = "dashboard";
    pub const ABOUT: &str = "about";
    pub const AUTH: &str = "auth";
}

/// Where the OpenID provider sends an official back after signing in (the redirect URI is this
/// path under the deployment's base URL), relative to the base path.
pub const SIGN_IN_CALLBACK: &str = "/auth/callback";

/// The file a static host serves at the base path, which a bookmark or a host may link to
/// itself: the home page, relative to the base path.
pub const INDEX_FILE: &str = "/index.html";

/// A page to return to after signing in, as kept before leaving for the provider: an app path
/// (`/licences?province=IR-23`) and nothing else, so a crafted value can never send the official
/// to another site (`//evil.example`, `https://…`, `/\evil`) or back to the callback itself; `/`
/// otherwise.
pub fn return_path(raw: &str) -> &str {
    let safe = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && !raw.chars().any(char::is_control)
        && section_of(raw) != section::AUTH;
    if safe {
        raw
    } else {
        "/"
    }
}

impl Route {
    /// The finder with nothing chosen.
    pub fn finder() -> Route {
        Route::Offices(FinderState::default())
    }

    /// The catalogue with nothing chosen.
    pub fn services() -> Route {
        Route::Services(CatalogueState::default())
    }

    /// The registry with nothing chosen.
    pub fn licences() -> Route {
        Route::Licences(RegistryState::default())
    }

    /// One office.
    pub fn office(province: &str, id: &str) -> Route {
        Route::Office {
            province: province.to_string(),
            id: id.to_string(),
        }
    }

    /// One service.
    pub fn service(id: &str) -> Route {
        Route::Service {
            id: id.to_string(),
            office: None,
        }
    }

    /// One licence.
    pub fn licence(province: &str, number: &str) -> Route {
        Route::Licence {
            province: province.to_string(),
            number: number.to_string(),
        }
    }

    /// The path and query of this route relative to the deployment's base path, e.g.
    /// `/offices/IR-23/IR-23-00001` or `/offices?province=IR-23`. Path segments taken from
    /// data are percent-encoded, so an id can never climb out of its segment.
    pub fn path(&self) -> String {
        match self {
            Route::Home => Page::Home.path().to_string(),
            Route::Offices(state) => Route::offices_path(state),
            Route::Office { province, id } => Route::office_path(province, id),
            Route::Services(state) => with_query(Page::Services.path(), state),
            Route::Service { id, office } => {
                let mut path = Route::service_path(id);
                if let Some(office) = office {
                    path.push_str("?office=");
                    path.push_str(&encode(office, Part::Query));
                }
                path
            }
            Route::Licences(state) => with_query(Page::Licences.path(), state),
            Route::Licence { province, number } => format!(
                "{}/{}/{}",
                Page::Licences.path(),
                encode(province, Part::Segment),
                encode(number, Part::Segment)
            ),
            Route::Dashboard => Page::Dashboard.path().to_string(),
            Route::Gaps(state) => {
                with_query(&format!("{}/{}", Page::Dashboard.path(), GAPS), state)
            }
            Route::About => Page::About.path().to_string(),
        }
    }

    /// The path of `Route::Offices(state)`. The first-load module (the home page, the place
    /// picker) navigates with this and [`Route::office_path`] rather than [`Route::path`], so
    /// it does not carry the other pages' writers.
    pub fn offices_path(state: &FinderState) -> String {
        let path = with_query(Page::Offices.path(), state);
        match state.fragment() {
            fragment if fragment.is_empty() => path,
            fragment => format!("{path}#{fragment}"),
        }
    }

    /// The path of `Route::Office { province, id }`.
    pub fn office_path(province: &str, id: &str) -> String {
        format!(
            "{}/{}/{}",
            Page::Offices.path(),
            encode(province, Part::Segment),
            encode(id, Part::Segment)
        )
    }

    /// The path of `Route::Service { id, office: None }` (the home page's suggestions use it).
    pub fn service_path(id: &str) -> String {
        format!("{}/{}", Page::Services.path(), encode(id, Part::Segment))
    }

    /// [`Route::path`] under a deployment's base path (`/pishkhan`, or empty at the root).
    pub fn href_under(&self, base: &str) -> String {
        under_base(base, &self.path())
    }

    /// The link to this route in this deployment (the `<base href>` the build was made for).
    #[cfg(target_arch = "wasm32")]
    pub fn href(&self) -> String {
        self.href_under(&crate::platform::dom::router_base_cached())
    }
}

/// `path?query`, or just `path` when the state sets nothing.
fn with_query(path: &str, state: &impl UrlState) -> String {
    let query = state.query_string();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// The state a page keeps in its query string, so reload, back and a shared link show the
/// same thing. Reading never fails: a value that makes no sense is dropped and the rest kept.
pub trait UrlState: Sized {
    /// Reads the state from a query map: `get_all(key)` gives every value of `key`, in order
    /// (a key that holds one value takes the last, as a person appending to a URL expects).
    fn from_query(get_all: &dyn Fn(&str) -> Vec<String>) -> Self;

    /// The query parameters of this state, defaults left out, in a stable order.
    fn to_pairs(&self) -> Vec<(&'static str, String)>;

    /// The query string (without `?`), values percent-encoded; empty when nothing is set.
    fn query_string(&self) -> String {
        self.to_pairs()
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v, Part::Query)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads the state from `key=value` pairs (tests, and the decoded query of a link).
    fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        Self::from_query(&|key| {
            pairs
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
                .collect()
        })
    }
}

/// Whether a value from a URL can be an id of the data (a filter value such as a service,
/// province or agency id): 1–64 ASCII letters, digits, `-` or `_`. Ids in a path segment are
/// not checked: they are opaque and only percent-encoded.
pub fn is_url_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The last value of a query key (for keys that hold one value).
pub(crate) fn last(get_all: &dyn Fn(&str) -> Vec<String>, key: &str) -> Option<String> {
    get_all(key).pop()
}

/// Where a percent-encoded value goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A path segment: only RFC 3986 unreserved characters stay (`/`, `.` sequences, `?` and
    /// `#` are all encoded, so a value cannot leave its segment).
    Segment,
    /// A query value: unreserved characters, and `,` and `/` (readable lists, positions and
    /// dates; both are allowed in a query) stay.
    Query,
}

/// The one percent-encoder of the crate (UTF-8 bytes).
pub fn encode(raw: &str, part: Part) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'~')
            || (b == b'.' && part == Part::Query)
            || (matches!(b, b',' | b'/') && part == Part::Query);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An app path (`/services`) under the deployment's base path (`/pishkhan`, no trailing slash;
/// empty at the site root): `/pishkhan/services`. Anything that is not an absolute path
/// (relative, `//host`, `https:…`, `#fragment`) is returned as it is.
pub fn under_base(base: &str, path: &str) -> String {
    if path.starts_with('/') && !path.starts_with("//") {
        format!("{}{path}", base.trim_end_matches('/'))
    } else {
        path.to_string()
    }
}

/// The app path of an address's path under the base path: `/pishkhan/about` → `/about`,
/// `/pishkhan` → `/`; `None` when the address is outside the base (`/pishkhanx/about`).
pub fn app_path<'a>(base: &str, pathname: &'a str) -> Option<&'a str> {
    let rest = pathname.strip_prefix(base.trim_end_matches('/'))?;
    match rest {
        "" => Some("/"),
        _ if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

/// The section (first path segment) of an app path: `/offices/IR-23/x` → `offices`.
pub fn section_of(app_path: &str) -> &str {
    app_path
        .trim_start_matches('/')
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_path_is_an_app_path_only() {
        assert_eq!(
            return_path("/licences?province=IR-23&page=2"),
            "/licences?province=IR-23&page=2"
        );
        assert_eq!(return_path("/"), "/");
        for hostile in [
            "//evil.example/x",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "",
            "licences",
            "/auth/callback?code=1",
            "/x\ny",
        ] {
            assert_eq!(return_path(hostile), "/", "{hostile:?}");
        }
    }

    #[test]
    fn every_route_has_its_path() {
        assert_eq!(Route::Home.path(), "/");
        assert_eq!(Route::finder().path(), "/offices");
        assert_eq!(
            Route::office("IR-23", "IR-23-00001").path(),
            "/offices/IR-23/IR-23-00001"
        );
        assert_eq!(Route::services().path(), "/services");
        assert_eq!(
            Route::service("smart-id-card").path(),
            "/services/smart-id-card"
        );
        assert_eq!(
            Route::Service {
                id: "x".into(),
                office: Some("IR-23-1".into())
            }
            .path(),
            "/services/x?office=IR-23-1"
        );
        assert_eq!(Route::licences().path(), "/licences");
        assert_eq!(
            Route::licence("IR-23", "PK-1403-0001").path(),
            "/licences/IR-23/PK-1403-0001"
        );
        assert_eq!(Route::Dashboard.path(), "/dashboard");
        assert_eq!(Route::Gaps(GapState::default()).path(), "/dashboard/gaps");
        let gaps = GapState {
            province: Some("IR-23".into()),
            ..GapState::default()
        };
        assert_eq!(Route::Gaps(gaps).path(), "/dashboard/gaps?province=IR-23");
        assert_eq!(Route::About.path(), "/about");
        let finder = FinderState {
            province: Some("IR-23".into()),
            ..FinderState::default()
        };
        assert_eq!(Route::Offices(finder).path(), "/offices?province=IR-23");
    }

    #[test]
    fn pages_are_the_routes_without_state() {
        assert_eq!(Page::Offices.path(), Route::finder().path());
        assert_eq!(Page::Services.path(), Route::services().path());
        assert_eq!(Page::Licences.path(), Route::licences().path());
        assert_eq!(Page::Home.path(), Route::Home.path());
        assert_eq!(Page::Dashboard.path(), Route::Dashboard.path());
        assert_eq!(Page::About.path(), Route::About.path());
        for (page, name) in [
            (Page::Offices, section::OFFICES),
            (Page::Services, section::SERVICES),
            (Page::Licences, section::LICENCES),
            (Page::Dashboard, section::DASHBOARD),
            (Page::About, section::ABOUT),
        ] {
            assert_eq!(section_of(page.path()), name);
        }
    }

    #[test]
    fn ids_stay_inside_their_segment() {
        assert_eq!(
            Route::office("../x", "a/b?c#d").path(),
            "/offices/%2E%2E%2Fx/a%2Fb%3Fc%23d"
        );
        assert_eq!(
            Route::licence("IR-23", "۱۲ ۳").path(),
            "/licences/IR-23/%DB%B1%DB%B2%20%DB%B3"
        );
        assert_eq!(encode("a,b/c.d", Part::Query), "a,b/c.d");
        assert_eq!(encode("a,b/c.d", Part::Segment), "a%2Cb%2Fc%2Ed");
        assert_eq!(encode("a&b=c?#%+", Part::Query), "a%26b%3Dc%3F%23%25%2B");
        assert_eq!(encode("کارت", Part::Query), "%DA%A9%D8%A7%D8%B1%D8%AA");
    }

    #[test]
    fn app_paths_follow_the_base_path() {
        assert_eq!(under_base("", "/services"), "/services");
        assert_eq!(under_base("/pishkhan", "/services"), "/pishkhan/services");
        assert_eq!(under_base("/pishkhan/", "/"), "/pishkhan/");
        assert_eq!(
            Route::office("IR-23", "x").href_under("/a/b"),
            "/a/b/offices/IR-23/x"
        );
        for unchanged in [
            "#main-content",
            "services",
            "//cdn.example/x",
            "https://x.ir/",
            "",
        ] {
            assert_eq!(under_base("/pishkhan", unchanged), unchanged);
        }
        assert_eq!(app_path("", "/about"), Some("/about"));
        assert_eq!(app_path("/pishkhan", "/pishkhan/about"), Some("/about"));
        assert_eq!(app_path("/pishkhan/", "/pishkhan/"), Some("/"));
        assert_eq!(app_path("/pishkhan", "/pishkhan"), Some("/"));
        assert_eq!(app_path("/pishkhan", "/pishkhanx/about"), None);
        assert_eq!(app_path("/pishkhan", "/about"), None);
        assert_eq!(section_of("/offices/IR-23/x"), "offices");
        assert_eq!(section_of("/dashboard?x=1"), "dashboard");
        assert_eq!(section_of("/"), "");
    }
}
