//! A service's journey (`services[].steps`) made ready to show as GOV.UK's numbered
//! step-by-step: each step numbered in published order, its links checked (`https:` only, via
//! [`crate::domain::links`]), its USSD code and SMS made into links, and the first office step
//! marked as the one that holds "the nearest open office offering this" and the documents
//! checklist. Unknown step kinds stay, shown as "other".

use crate::domain::links::{safe_https_url, sms_href, ussd};
use crate::model::{Service, Step, StepKind};

/// A USSD code and its `tel:` link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UssdCode {
    /// As the citizen dials it, ASCII (`*4040#`).
    pub code: String,
    pub href: String,
}

/// An SMS to send: the number and text as shown, and the `sms:` link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmsCode {
    pub number: String,
    pub text: Option<String>,
    pub href: String,
}

/// One step as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneyStep {
    /// 1-based position in the journey.
    pub number: usize,
    /// The step as published (titles, details, kind, duration).
    pub step: Step,
    /// The step's link when it is a safe `https:` URL.
    pub link: Option<String>,
    pub ussd: Option<UssdCode>,
    pub sms: Option<SmsCode>,
    /// Whether this step shows the nearest open offices offering the service and the
    /// documents checklist (the first `office` step of a Pishkhan service only).
    pub holds_office_finder: bool,
}

impl JourneyStep {
    /// Whether the step's kind is one this version of the app knows (else: "other").
    pub fn kind_is_known(&self) -> bool {
        self.step.kind.is_known()
    }
}

/// A service's journey: its steps, and how many published steps could not be read (their
/// links or codes that were refused are simply not shown).
#[derive(Clone, Debug, PartialEq)]
pub struct Journey {
    pub steps: Vec<JourneyStep>,
    pub skipped: usize,
}

impl Journey {
    /// Whether one of the steps holds the office finder and the checklist (then the page
    /// does not repeat them elsewhere).
    pub fn holds_office_finder(&self) -> bool {
        self.steps.iter().any(|s| s.holds_office_finder)
    }
}

/// The journey of `service`; `None` when it publishes no readable step (the page then looks
/// as it does without journeys).
pub fn journey(service: &Service) -> Option<Journey> {
    if service.steps.is_empty() {
        return None;
    }
    let offered_at_offices = service.has_channel(&crate::model::Channel::Pishkhan);
    let mut finder_placed = false;
    let steps = service
        .steps
        .list
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let holds_office_finder =
                offered_at_offices && !finder_placed && step.kind == StepKind::Office;
            finder_placed |= holds_office_finder;
            JourneyStep {
                number: i + 1,
                link: step.link.as_deref().and_then(safe_https_url),
                ussd: step
                    .ussd
                    .as_deref()
                    .and_then(ussd)
                    .map(|(code, href)| UssdCode { code, href }),
                sms: step.sms.as_ref().and_then(|sms| {
                    let text = sms.text.clone().filter(|t| !t.trim().is_empty());
                    sms_href(&sms.number, text.as_deref()).map(|href| SmsCode {
                        number: sms.number.trim().to_string(),
                        text,
                        href,
                    })
                }),
                holds_office_finder,
                step: step.clone(),
            }
        })
        .collect();
    Some(Journey {
        steps,
        skipped: service.steps.skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ServicesDoc;

    /// A services document as an API would send it, one service with `steps`.
    fn service(steps: &str, channels: &str) -> Service {
        let text = format!(
            r#"{{"services":[{{"id":"s","agency_id":"a","name_fa":"خ","name_en":"S",
                "channels":{channels},"steps":{steps}}}]}}"#
        );
        let doc: ServicesDoc = serde_json::from_str(&text).expect("a valid document");
        doc.services.into_iter().next().expect("one service")
    }

    const STEPS: &str = r#"[
        {"kind":"online","title_fa":"پیش‌ثبت‌نام","title_en":"Pre-register","detail_fa":"…","detail_en":"…",
         "link":"https://smartcard.example.ir/","duration_days":0},
        {"kind":"office","title_fa":"مراجعه به دفتر","title_en":"Visit an office"},
        {"kind":"teleport","title_fa":"گام تازه","title_en":"A new kind of step"},
        {"kind":"wait","title_fa":"پیگیری","title_en":"Track it","tracking":true,
         "link":"http://insecure.example.ir/","ussd":"*4040#","sms":{"number":"۱۰۰۰۱۲۳","text":"کد"}},
        {"kind":"office","title_fa":"دوباره","title_en":"Again"},
        {"kind":"collect","title_fa":"","title_en":"No Persian title"},
        {"kind":"collect","title_en":"Missing title_fa"},
        "not a step",
        {"kind":"collect","title_fa":"دریافت کارت","title_en":"Collect the card","link":"javascript:alert(1)"}
    ]"#;

    #[test]
    fn steps_are_numbered_in_order_and_bad_ones_are_counted_not_fatal() {
        let s = service(STEPS, r#"["pishkhan","online"]"#);
        assert_eq!(s.steps.list.len(), 6);
        assert_eq!(s.steps.skipped, 3);
        let j = journey(&s).expect("a journey");
        assert_eq!(j.skipped, 3);
        let titles: Vec<(usize, &str)> = j
            .steps
            .iter()
            .map(|s| (s.number, s.step.title_en.as_str()))
            .collect();
        assert_eq!(
            titles,
            [
                (1, "Pre-register"),
                (2, "Visit an office"),
                (3, "A new kind of step"),
                (4, "Track it"),
                (5, "Again"),
                (6, "Collect the card")
            ]
        );
    }

    #[test]
    fn unknown_kinds_are_kept_as_other() {
        let j = journey(&service(STEPS, r#"["pishkhan"]"#)).expect("a journey");
        assert_eq!(j.steps[2].step.kind, StepKind::Other("teleport".into()));
        assert!(!j.steps[2].kind_is_known());
        assert!(j.steps[0].kind_is_known());
    }

    #[test]
    fn only_https_links_and_well_formed_codes_are_kept() {
        let j = journey(&service(STEPS, r#"["pishkhan"]"#)).expect("a journey");
        assert_eq!(
            j.steps[0].link.as_deref(),
            Some("https://smartcard.example.ir/")
        );
        assert_eq!(j.steps[3].link, None, "http is refused");
        assert_eq!(j.steps[5].link, None, "javascript: is refused");
        assert!(j.steps[3].step.tracking);
        assert_eq!(
            j.steps[3].ussd,
            Some(UssdCode {
                code: "*4040#".into(),
                href: "tel:*4040%23".into()
            })
        );
        let sms = j.steps[3].sms.as_ref().expect("an sms");
        assert_eq!(sms.href, "sms:1000123?body=%DA%A9%D8%AF");
    }

    #[test]
    fn the_first_office_step_of_a_pishkhan_service_holds_the_finder() {
        let j = journey(&service(STEPS, r#"["pishkhan"]"#)).expect("a journey");
        let holding: Vec<usize> = j
            .steps
            .iter()
            .filter(|s| s.holds_office_finder)
            .map(|s| s.number)
            .collect();
        assert_eq!(holding, [2]);
        assert!(j.holds_office_finder());
        // At the agency only: no office finder in any step.
        let agency = journey(&service(STEPS, r#"["agency"]"#)).expect("a journey");
        assert!(!agency.holds_office_finder());
    }

    #[test]
    fn no_steps_no_journey() {
        assert_eq!(journey(&service("[]", r#"["pishkhan"]"#)), None);
        assert_eq!(journey(&service("null", r#"["pishkhan"]"#)), None);
        assert_eq!(
            journey(&service(r#"{"kind":"x"}"#, r#"["pishkhan"]"#)),
            None
        );
        let all_bad = service(r#"[{"kind":"online"}]"#, r#"["pishkhan"]"#);
        assert_eq!(all_bad.steps.skipped, 1);
        assert_eq!(journey(&all_bad), None);
    }

    #[test]
    fn steps_round_trip_through_the_contract() {
        let s = service(STEPS, r#"["pishkhan"]"#);
        let text = serde_json::to_string(&s).expect("serialises");
        let back: Service = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back.steps.list, s.steps.list);
        assert_eq!(back.steps.skipped, 0);
        // A service without steps writes no `steps` key (services.json stays as it was).
        let none = service("[]", r#"["pishkhan"]"#);
        assert!(!serde_json::to_string(&none)
            .expect("serialises")
            .contains("steps"));
    }
}
