//! "Report a problem with this office" and "Report wrong information": the regulator's
//! complaints channel and the data publisher's feedback channel from `config.json`, filled in
//! with the office's code, id and licence number.
//!
//! A template names values in braces — `{office_code}`, `{office_id}`, `{licence_number}`,
//! `{page}` (the office page's address) and `{details}` (what the page showed) — each
//! percent-encoded into its place. What comes out is only ever an `https:` or `mailto:` link
//! (and `tel:`/`sms:` for the phone numbers); a template that names another value, or that
//! would produce another kind of link, produces nothing.

use crate::domain::links::{safe_https_url, sms_href, tel_href};
use crate::route::{encode, Part};

/// What a report is about: the office as the page shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportSubject {
    pub office_id: String,
    pub office_code: String,
    pub licence_number: Option<String>,
    /// The office page's public address.
    pub page: String,
    /// What the page showed (name, address, phone, hours…), as plain text.
    pub details: String,
}

impl ReportSubject {
    fn value(&self, name: &str) -> Option<&str> {
        match name {
            "office_code" => Some(&self.office_code),
            "office_id" => Some(&self.office_id),
            "licence_number" => Some(self.licence_number.as_deref().unwrap_or("")),
            "page" => Some(&self.page),
            "details" => Some(&self.details),
            _ => None,
        }
    }
}

/// The placeholders a template may use.
pub const PLACEHOLDERS: &[&str] = &[
    "office_code",
    "office_id",
    "licence_number",
    "page",
    "details",
];

/// `template` with every `{name}` replaced by the subject's percent-encoded value; `None`
/// when it names an unknown value or a brace is left open.
fn fill(template: &str, subject: &ReportSubject) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        out.push_str(&encode(subject.value(&after[..close])?, Part::Segment));
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

/// Whether `template` is usable: `https:`, only known placeholders, braces closed. For
/// `config.json`'s validation.
pub fn template_is_valid(template: &str) -> bool {
    url_from_template(template, &ReportSubject::default()).is_some()
}

/// The filled-in `https:` URL of a template; `None` for anything else.
pub fn url_from_template(template: &str, subject: &ReportSubject) -> Option<String> {
    // The scheme and host come from the operator, never from a value: check the template's
    // own start before filling it in.
    safe_https_url(template.split('{').next().unwrap_or(""))
        .filter(|start| start.len() > "https://".len())?;
    fill(template, subject).and_then(|url| safe_https_url(&url))
}

/// Whether `address` looks like one e-mail address (`local@domain.tld`), with nothing that
/// could add headers or recipients to a `mailto:` link.
pub fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+'))
    };
    ok(local) && ok(domain) && domain.contains('.') && !domain.starts_with('.')
}

/// A `mailto:` link to `address` with a percent-encoded subject and body; `None` when the
/// address is not one address.
pub fn mailto(address: &str, subject: &str, body: &str) -> Option<String> {
    is_email(address).then(|| {
        format!(
            "mailto:{address}?subject={}&body={}",
            encode(subject, Part::Segment),
            encode(body, Part::Segment)
        )
    })
}

/// The complaint channel's links for one office: the form (a URL template), a phone number
/// to call and a number to text, each only when configured and well formed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComplaintLinks {
    pub form: Option<String>,
    pub call: Option<String>,
    pub sms: Option<String>,
}

impl ComplaintLinks {
    /// Whether there is any way to complain (else the page shows no complaint section).
    pub fn is_empty(&self) -> bool {
        self.form.is_none() && self.call.is_none() && self.sms.is_none()
    }
}

/// The complaint links for `subject`; the SMS carries the office code (and licence number).
pub fn complaint_links(
    url_template: Option<&str>,
    phone: Option<&str>,
    sms: Option<&str>,
    subject: &ReportSubject,
) -> ComplaintLinks {
    let text = match &subject.licence_number {
        Some(l) => format!("{} {} {l}", subject.office_code, subject.office_id),
        None => format!("{} {}", subject.office_code, subject.office_id),
    };
    ComplaintLinks {
        form: url_template.and_then(|t| url_from_template(t, subject)),
        call: phone.and_then(tel_href),
        sms: sms.and_then(|n| sms_href(n, Some(&text))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject() -> ReportSubject {
        ReportSubject {
            office_id: "IR-23-00042".into(),
            office_code: "12345".into(),
            licence_number: Some("23-1401-000123".into()),
            page: "https://pishkhan.example.ir/offices/IR-23/IR-23-00042".into(),
            details: "نام: دفتر ۱ & x=1".into(),
        }
    }

    #[test]
    fn templates_fill_in_percent_encoded_values() {
        let url = url_from_template(
            "https://regulator.example.ir/complaint?office={office_code}&licence={licence_number}&from={page}",
            &subject(),
        );
        assert_eq!(
            url.as_deref(),
            Some("https://regulator.example.ir/complaint?office=12345&licence=23-1401-000123&from=https%3A%2F%2Fpishkhan%2Eexample%2Eir%2Foffices%2FIR-23%2FIR-23-00042")
        );
        let details = url_from_template("https://x.example.ir/f?d={details}", &subject());
        assert_eq!(
            details.as_deref(),
            Some("https://x.example.ir/f?d=%D9%86%D8%A7%D9%85%3A%20%D8%AF%D9%81%D8%AA%D8%B1%20%DB%B1%20%26%20x%3D1")
        );
    }

    #[test]
    fn only_https_templates_with_known_placeholders_produce_a_link() {
        for bad in [
            "http://regulator.example.ir/c?o={office_code}",
            "javascript:alert('{office_code}')",
            "{page}",
            "https://{office_code}.example.ir/",
            "https://regulator.example.ir/c?o={office}",
            "https://regulator.example.ir/c?o={office_code",
            "https://regulator.example.ir/c?o=office_code}",
            "mailto:a@b.ir",
        ] {
            assert_eq!(url_from_template(bad, &subject()), None, "{bad}");
            assert!(!template_is_valid(bad), "{bad}");
        }
        assert!(template_is_valid(
            "https://regulator.example.ir/c?o={office_code}"
        ));
        // A value cannot escape its place: a hostile office code stays inside the query.
        let hostile = ReportSubject {
            office_code: "1&x=\"><script>".into(),
            ..subject()
        };
        assert_eq!(
            url_from_template("https://r.example.ir/c?o={office_code}", &hostile).as_deref(),
            Some("https://r.example.ir/c?o=1%26x%3D%22%3E%3Cscript%3E")
        );
    }

    #[test]
    fn mailto_links_carry_one_address_and_encoded_text() {
        assert_eq!(
            mailto("data@example.ir", "دفتر 12345", "a&b\nc").as_deref(),
            Some("mailto:data@example.ir?subject=%D8%AF%D9%81%D8%AA%D8%B1%2012345&body=a%26b%0Ac")
        );
        for bad in [
            "data@example.ir?cc=x@y.ir",
            "a@b",
            "a b@c.ir",
            "@c.ir",
            "a@@c.ir",
            "javascript:x@y.ir",
        ] {
            assert!(!is_email(bad), "{bad}");
            assert_eq!(mailto(bad, "s", "b"), None, "{bad}");
        }
    }

    #[test]
    fn complaint_links_are_https_tel_and_sms_only() {
        let links = complaint_links(
            Some("https://r.example.ir/c?o={office_code}"),
            Some("۱۱۱"),
            Some("3000 111"),
            &subject(),
        );
        assert_eq!(
            links.form.as_deref(),
            Some("https://r.example.ir/c?o=12345")
        );
        assert_eq!(links.call.as_deref(), Some("tel:111"));
        assert_eq!(
            links.sms.as_deref(),
            Some("sms:3000111?body=12345%20IR-23-00042%2023-1401-000123")
        );
        let none = complaint_links(None, None, None, &subject());
        assert!(none.is_empty());
        let bad = complaint_links(
            Some("http://r.example.ir/"),
            Some("call us"),
            Some("x"),
            &subject(),
        );
        assert!(bad.is_empty());
    }
}
