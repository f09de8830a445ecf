//! Typed failures of the API client, turned into bilingual messages at the edge (`i18n`).

use thiserror::Error;

/// Why a document could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// The body ended early (a cut connection or a partial file).
    #[error("the document is truncated (line {line}, column {column})")]
    Truncated { line: usize, column: usize },
    /// The body is not JSON at all.
    #[error("the document is not valid JSON (line {line}, column {column}): {message}")]
    BadJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON, but not the shape the contract promises.
    #[error("the document does not match the contract: {0}")]
    Schema(String),
}

impl DecodeError {
    /// Classifies a `serde_json` error into the three kinds the UI distinguishes.
    pub fn from_json(err: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let (line, column) = (err.line(), err.column());
        match err.classify() {
            Category::Eof => DecodeError::Truncated { line, column },
            Category::Syntax | Category::Io => DecodeError::BadJson {
                line,
                column,
                message: err.to_string(),
            },
            Category::Data => DecodeError::Schema(err.to_string()),
        }
    }
}

/// Every way a request for a document can fail.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ApiError {
    /// No response at all (offline, DNS, CORS, connection reset).
    #[error("network error: {0}")]
    Network(String),
    /// No complete response within the configured time-out.
    #[error("the request timed out after {0} ms")]
    Timeout(u32),
    /// The server answered with a non-success status.
    #[error("HTTP {status}")]
    Http {
        status: u16,
        /// Seconds from `Retry-After`, when the server sent one.
        retry_after_s: Option<u32>,
    },
    /// The body could not be decoded into the contract's types.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The request was not attempted because the browser is offline and nothing is cached.
    #[error("not available offline")]
    Offline,
    /// 403 to a request that carried the official's access token: signed in, but this account
    /// may not read this document (a province that is not theirs).
    #[error("HTTP 403 with a token")]
    NoAccess,
    /// The official's sign-in could not give a token for this request.
    #[error("sign-in: {describe}", describe = .0.describe())]
    SignIn(SignInError),
}

/// Why signing in, or renewing the access token, failed (each kind has its own message).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SignInError {
    /// The provider could not be reached (network, DNS, CSP, a 5xx).
    #[error("unreachable")]
    Unreachable(String),
    /// The official cancelled at the provider's page.
    #[error("cancelled")]
    Cancelled,
    /// A callback this tab did not start, a replayed one, or a `state` that does not match.
    #[error("state")]
    State(String),
    /// The tokens' times disagree with this device's clock.
    #[error("clock")]
    Clock(String),
    /// The sign-in is over (the provider refused the refresh token, or the API refused a freshly
    /// renewed token): sign in again.
    #[error("ended")]
    Ended(String),
    /// The provider answered with something else that is wrong.
    #[error("provider")]
    Provider(String),
}

impl SignInError {
    /// What went wrong, beyond the kind (empty for a cancelled sign-in).
    pub fn detail(&self) -> &str {
        match self {
            SignInError::Cancelled => "",
            SignInError::Unreachable(d)
            | SignInError::State(d)
            | SignInError::Clock(d)
            | SignInError::Ended(d)
            | SignInError::Provider(d) => d,
        }
    }

    /// The kind and the detail in one line, as the logs and `ApiError::SignIn` give it:
    /// `provider: invalid_grant`, or only the kind when there is no detail (`cancelled`).
    pub fn describe(&self) -> String {
        match self.detail() {
            "" => self.to_string(),
            detail => format!("{self}: {detail}"),
        }
    }

    /// From the `{ kind, message }` the sign-in module throws (`src/platform/auth.js`).
    pub fn from_kind(kind: &str, message: String) -> SignInError {
        match kind {
            "unreachable" => SignInError::Unreachable(message),
            "cancelled" => SignInError::Cancelled,
            "state" => SignInError::State(message),
            "clock" => SignInError::Clock(message),
            "ended" => SignInError::Ended(message),
            _ => SignInError::Provider(message),
        }
    }
}

impl ApiError {
    /// Whether trying again may help (the UI still always offers a manual retry).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout(_) | ApiError::Offline => true,
            ApiError::Http { status, .. } => *status == 408 || *status == 429 || *status >= 500,
            ApiError::Decode(DecodeError::Truncated { .. }) => true,
            ApiError::Decode(_) => false,
            ApiError::NoAccess => false,
            ApiError::SignIn(e) => matches!(e, SignInError::Unreachable(_)),
        }
    }

    /// 401 or 403, or a sign-in that could not give a token: the document is not for this
    /// visitor as they are now.
    pub fn is_access_denied(&self) -> bool {
        matches!(
            self,
            ApiError::Http {
                status: 401 | 403,
                ..
            } | ApiError::NoAccess
                | ApiError::SignIn(_)
        )
    }

    /// Whether signing in (again) is what would help: the API asked for a token, or the sign-in
    /// ended. Not for [`ApiError::NoAccess`]: signed in, the account itself has no access.
    pub fn needs_sign_in(&self) -> bool {
        matches!(
            self,
            ApiError::Http {
                status: 401 | 403,
                ..
            } | ApiError::SignIn(SignInError::Ended(_))
        )
    }

    /// How many automatic attempts this failure gets before it is shown (with a manual retry).
    /// A truncated document is not retried as if transient: the same server most likely sends
    /// the same cut file, and a large one would be downloaded again for nothing.
    pub fn automatic_attempts(&self, transient_attempts: u32) -> u32 {
        match self {
            // A slow network will likely stay slow: one more try, then let the user decide.
            ApiError::Timeout(_) => 2.min(transient_attempts),
            // The service worker answered "offline, no saved copy": asking again at once cannot
            // help (the manual retry remains).
            ApiError::Offline | ApiError::Decode(DecodeError::Truncated { .. }) => 1,
            e if e.is_transient() => transient_attempts,
            _ => 1,
        }
    }

    /// 404: the document does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Http { status: 404, .. })
    }
}

/// Parses a `Retry-After` header given in seconds (the HTTP-date form is ignored: we back off instead).
pub fn parse_retry_after(raw: &str) -> Option<u32> {
    raw.trim().parse::<u32>().ok().map(|s| s.min(300))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_error_is_described_by_its_kind_and_detail() {
        let e = SignInError::from_kind("provider", "invalid_grant".into());
        assert_eq!(e.describe(), "provider: invalid_grant");
        assert_eq!(SignInError::Cancelled.describe(), "cancelled");
        assert_eq!(SignInError::Clock(String::new()).describe(), "clock");
        assert_eq!(
            ApiError::SignIn(SignInError::Ended("refresh refused".into())).to_string(),
            "sign-in: ended: refresh refused"
        );
    }

    #[test]
    fn classifies_json_errors() {
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": [1, 2").unwrap_err();
        assert!(matches!(
            DecodeError::from_json(&e),
            DecodeError::Truncated { .. }
        ));
        let e = serde_json::from_str::<serde_json::Value>("<html>").unwrap_err();
        assert!(matches!(
            DecodeError::from_json(&e),
            DecodeError::BadJson { .. }
        ));
        let e = serde_json::from_str::<Vec<u32>>("[\"x\"]").unwrap_err();
        assert!(matches!(DecodeError::from_json(&e), DecodeError::Schema(_)));
    }

    #[test]
    fn transient_errors() {
        assert!(ApiError::Http {
            status: 503,
            retry_after_s: None
        }
        .is_transient());
        assert!(ApiError::Http {
            status: 429,
            retry_after_s: Some(2)
        }
        .is_transient());
        assert!(!ApiError::Http {
            status: 404,
            retry_after_s: None
        }
        .is_transient());
        assert!(ApiError::Http {
            status: 403,
            retry_after_s: None
        }
        .is_access_denied());
        assert!(!ApiError::Decode(DecodeError::Schema("x".into())).is_transient());
    }

    #[test]
    fn a_truncated_document_gets_one_attempt() {
        let cut = ApiError::Decode(DecodeError::Truncated { line: 1, column: 9 });
        assert_eq!(cut.automatic_attempts(3), 1);
        let net = ApiError::Network("reset".into());
        assert_eq!(net.automatic_attempts(3), 3);
        assert_eq!(ApiError::Timeout(10).automatic_attempts(3), 2);
        assert_eq!(ApiError::Offline.automatic_attempts(3), 1);
        let schema = ApiError::Decode(DecodeError::Schema("x".into()));
        assert_eq!(schema.automatic_attempts(3), 1);
    }

    #[test]
    fn sign_in_errors() {
        let ended = ApiError::SignIn(SignInError::from_kind("ended", "invalid_grant".into()));
        assert!(ended.needs_sign_in() && ended.is_access_denied() && !ended.is_transient());
        assert!(!ApiError::NoAccess.needs_sign_in());
        assert!(ApiError::NoAccess.is_access_denied());
        let unreachable = ApiError::SignIn(SignInError::from_kind("unreachable", "x".into()));
        assert!(unreachable.is_transient() && !unreachable.needs_sign_in());
        assert_eq!(
            SignInError::from_kind("cancelled", String::new()),
            SignInError::Cancelled
        );
        assert_eq!(
            SignInError::from_kind("odd", "m".into()),
            SignInError::Provider("m".into())
        );
    }

    #[test]
    fn retry_after_seconds() {
        assert_eq!(parse_retry_after(" 7 "), Some(7));
        assert_eq!(parse_retry_after("99999"), Some(300));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
