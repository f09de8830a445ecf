//! CSV export that opens correctly in spreadsheets and cannot inject formulas.
//!
//! The output starts with a UTF-8 byte order mark (so Excel reads Persian text as UTF-8),
//! ends every record with CRLF and quotes fields as RFC 4180 says. Cells that a spreadsheet
//! would run as a formula are neutralised with a leading `'`, as OWASP recommends for CSV
//! injection.

use chrono::NaiveDate;

use super::licence_flags;
use crate::i18n::{labels, Locale};
use crate::model::{Licence, LicenceKind, LicenceStatus};

/// UTF-8 byte order mark that starts every file.
pub const BOM: char = '\u{FEFF}';

/// Whether a spreadsheet might treat a cell starting with this character as a formula.
fn starts_formula(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// One cell as written to the file: neutralised, then quoted when it holds a comma, a
/// quote, CR or LF (quotes doubled).
pub fn escape_cell(value: &str) -> String {
    let neutral = if value.starts_with(starts_formula) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if neutral.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// Appends one record and its CRLF.
fn push_record<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&escape_cell(cell.as_ref()));
    }
    out.push_str("\r\n");
}

/// A whole CSV document: BOM, header record, then the rows, each record ending in CRLF.
/// Rows are written as given, even when their length differs from the header's.
pub fn to_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push(BOM);
    push_record(&mut out, header);
    for row in rows {
        push_record(&mut out, row);
    }
    out
}

/// The licence kind as `i18n::labels` names it; an unknown kind keeps its wire value, so
/// the export loses nothing.
fn kind_cell(locale: Locale, kind: &LicenceKind) -> String {
    if kind.is_known() {
        labels::licence_kind(locale, kind)
    } else {
        kind.as_str()
    }
    .to_string()
}

/// The licence status as `i18n::labels` names it; an unknown status keeps its wire value.
fn status_cell(locale: Locale, status: &LicenceStatus) -> String {
    if status.is_known() {
        labels::licence_status(locale, status)
    } else {
        status.as_str()
    }
    .to_string()
}

/// ISO `YYYY-MM-DD`, which every spreadsheet sorts correctly.
fn iso(d: NaiveDate) -> String {
    // Plain integer formatting: chrono's strftime machinery would add ~25 KB of wasm.
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Licences as CSV: number, holder, kind, city, status, issued_on, activated_on,
/// expires_on, last_activity_on, office_id, flags. The header, holder name (English when
/// published, else Persian), kind, status and flag summaries follow the locale; dates are
/// ISO with ASCII digits in both locales so spreadsheets sort them. Missing dates and
/// office ids are empty cells; several flags are joined with "; " (Persian "؛ ").
pub fn licences_csv(
    locale: Locale,
    licences: &[&Licence],
    today: NaiveDate,
    dormant_after_days: u32,
) -> String {
    let header = match locale {
        Locale::Fa => [
            "شماره پروانه",
            "دارنده",
            "نوع",
            "شهر",
            "وضعیت",
            "تاریخ صدور",
            "تاریخ فعال‌سازی",
            "تاریخ انقضا",
            "آخرین فعالیت",
            "شناسه دفتر",
            "هشدارها",
        ],
        Locale::En => [
            "Number",
            "Holder",
            "Kind",
            "City",
            "Status",
            "Issued on",
            "Activated on",
            "Expires on",
            "Last activity on",
            "Office id",
            "Flags",
        ],
    };
    let flag_sep = locale.t("؛ ", "; ");
    let rows: Vec<Vec<String>> = licences
        .iter()
        .map(|l| {
            let holder = match locale {
                Locale::Fa => l.holder_fa.as_str(),
                Locale::En => l
                    .holder_en
                    .as_deref()
                    .filter(|h| !h.trim().is_empty())
                    .unwrap_or(&l.holder_fa),
            };
            let flags: Vec<String> = licence_flags::flags(l, today, dormant_after_days)
                .iter()
                .map(|f| f.summary(locale))
                .collect();
            vec![
                l.number.clone(),
                holder.to_string(),
                kind_cell(locale, &l.kind),
                l.city_fa.clone(),
                status_cell(locale, &l.status),
                iso(l.issued_on),
                l.activated_on.map(iso).unwrap_or_default(),
                iso(l.expires_on),
                l.last_activity_on.map(iso).unwrap_or_default(),
                l.office_id.clone().unwrap_or_default(),
                flags.join(flag_sep),
            ]
        })
        .collect();
    to_csv(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LicenceKind, LicenceStatus};

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn empty_document_is_bom_and_header() {
        assert_eq!(to_csv(&["a", "b"], &[]), "\u{FEFF}a,b\r\n");
        assert_eq!(to_csv(&["a", "b"], &[]).as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
    }

    #[test]
    fn quoting_rfc_4180() {
        let out = to_csv(
            &["x", "y"],
            &[
                row(&["plain", "with,comma"]),
                row(&["say \"hi\"", "two\nlines"]),
                row(&["cr\rhere", ""]),
            ],
        );
        assert_eq!(
            out,
            "\u{FEFF}x,y\r\nplain,\"with,comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n\"cr\rhere\",\r\n"
        );
    }

    #[test]
    fn formulas_are_neutralised() {
        let out = to_csv(
            &["v"],
            &[
                row(&["=1+1"]),
                row(&["+98 21 1234"]),
                row(&["-5"]),
                row(&["@SUM(A1)"]),
                row(&["\tTAB"]),
                row(&["\rCR"]),
                row(&["=HYPERLINK(\"http://x\",\"a,b\")"]),
                row(&["1=1"]),
                row(&["تهران"]),
            ],
        );
        let expected =
            "\u{FEFF}v\r\n'=1+1\r\n'+98 21 1234\r\n'-5\r\n'@SUM(A1)\r\n'\tTAB\r\n\"'\rCR\"\r\n\
                        \"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"\r\n1=1\r\nتهران\r\n";
        assert_eq!(out, expected);
        assert_eq!(escape_cell("=x"), "'=x");
        assert_eq!(escape_cell(""), "");
    }

    #[test]
    fn header_is_escaped_too() {
        assert_eq!(
            to_csv(&["a,b", "=c"], &[row(&["1", "2"])]),
            "\u{FEFF}\"a,b\",'=c\r\n1,2\r\n"
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn licences() -> Vec<Licence> {
        let active = Licence {
            number: "30-0012".into(),
            province_id: "IR-30".into(),
            holder_fa: "علی رضایی".into(),
            holder_en: Some("Ali Rezaei, Jr.".into()),
            office_id: Some("o-12".into()),
            kind: LicenceKind::Pishkhan,
            city_fa: "کرج".into(),
            issued_on: d(2020, 1, 5),
            activated_on: Some(d(2020, 3, 1)),
            expires_on: d(2025, 6, 30),
            status: LicenceStatus::Active,
            last_activity_on: Some(d(2025, 5, 30)),
            history: Vec::new(),
            inspections: Vec::new(),
        };
        let dormant = Licence {
            number: "30-0099".into(),
            holder_fa: "=مریم احمدی".into(),
            holder_en: None,
            office_id: None,
            kind: LicenceKind::RuralIct,
            city_fa: "طالقان".into(),
            issued_on: d(2024, 1, 1),
            activated_on: None,
            expires_on: d(2029, 1, 1),
            status: LicenceStatus::Issued,
            last_activity_on: None,
            ..active.clone()
        };
        vec![active, dormant]
    }

    #[test]
    fn licences_in_english() {
        let ls = licences();
        let refs: Vec<&Licence> = ls.iter().collect();
        let out = licences_csv(Locale::En, &refs, d(2025, 6, 1), 180);
        let expected = "\u{FEFF}Number,Holder,Kind,City,Status,Issued on,Activated on,Expires on,\
                        Last activity on,Office id,Flags\r\n\
                        30-0012,\"Ali Rezaei, Jr.\",Pishkhan,کرج,Active,2020-01-05,2020-03-01,2025-06-30,\
                        2025-05-30,o-12,Expires in 29 days\r\n\
                        30-0099,'=مریم احمدی,Rural ICT,طالقان,\"Issued, never activated\",2024-01-01,,2029-01-01,\
                        ,,Dormant: 337 days overdue\r\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn licences_in_persian() {
        let mut ls = licences();
        // Two flags: stale and expiring.
        ls[0].last_activity_on = Some(d(2025, 4, 1));
        let refs: Vec<&Licence> = ls.iter().collect();
        let out = licences_csv(Locale::Fa, &refs, d(2025, 6, 1), 180);
        let expected = "\u{FEFF}شماره پروانه,دارنده,نوع,شهر,وضعیت,تاریخ صدور,تاریخ فعال‌سازی,تاریخ انقضا,\
                        آخرین فعالیت,شناسه دفتر,هشدارها\r\n\
                        30-0012,علی رضایی,پیشخوان خدمات دولت,کرج,فعال,2020-01-05,2020-03-01,2025-06-30,\
                        2025-04-01,o-12,بدون فعالیت در ۶۱ روز گذشته؛ ۲۹ روز تا انقضا\r\n\
                        30-0099,'=مریم احمدی,ICT روستایی,طالقان,صادرشده، فعال‌نشده,2024-01-01,,2029-01-01,\
                        ,,راکد: ۳۳۷ روز پس از مهلت\r\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn unknown_kind_and_status_keep_wire_value() {
        let mut l = licences().remove(0);
        l.kind = LicenceKind::Other("kiosk".into());
        l.status = LicenceStatus::Other("frozen".into());
        let out = licences_csv(Locale::Fa, &[&l], d(2025, 6, 1), 180);
        assert!(out.ends_with("\r\n30-0012,علی رضایی,kiosk,کرج,frozen,2020-01-05,2020-03-01,2025-06-30,2025-05-30,o-12,\r\n"), "{out:?}");
    }

    #[test]
    fn no_licences() {
        let out = licences_csv(Locale::En, &[], d(2025, 6, 1), 180);
        assert_eq!(
            out,
            "\u{FEFF}Number,Holder,Kind,City,Status,Issued on,Activated on,Expires on,\
             Last activity on,Office id,Flags\r\n"
        );
    }
}
