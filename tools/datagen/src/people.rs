//! Names of licence holders, Persian with a common romanisation.

use crate::rng::Rng;

const FIRST_NAMES: &[(&str, &str)] = &[
    ("محمد", "Mohammad"),
    ("علی", "Ali"),
    ("حسین", "Hossein"),
    ("رضا", "Reza"),
    ("مهدی", "Mehdi"),
    ("حسن", "Hassan"),
    ("امیر", "Amir"),
    ("مجید", "Majid"),
    ("سعید", "Saeed"),
    ("مرتضی", "Morteza"),
    ("جواد", "Javad"),
    ("احمد", "Ahmad"),
    ("کاظم", "Kazem"),
    ("فرهاد", "Farhad"),
    ("بهروز", "Behrouz"),
    ("زهرا", "Zahra"),
    ("فاطمه", "Fatemeh"),
    ("مریم", "Maryam"),
    ("معصومه", "Masoumeh"),
    ("سمیه", "Somayeh"),
    ("لیلا", "Leila"),
    ("نرگس", "Narges"),
    ("الهام", "Elham"),
    ("مهسا", "Mahsa"),
    ("کبری", "Kobra"),
];

const LAST_NAMES: &[(&str, &str)] = &[
    ("رضایی", "Rezaei"),
    ("محمدی", "Mohammadi"),
    ("حسینی", "Hosseini"),
    ("احمدی", "Ahmadi"),
    ("کریمی", "Karimi"),
    ("موسوی", "Mousavi"),
    ("جعفری", "Jafari"),
    ("رحیمی", "Rahimi"),
    ("صادقی", "Sadeghi"),
    ("کاظمی", "Kazemi"),
    ("قاسمی", "Ghasemi"),
    ("نوری", "Nouri"),
    ("عباسی", "Abbasi"),
    ("هاشمی", "Hashemi"),
    ("اکبری", "Akbari"),
    ("طاهری", "Taheri"),
    ("یوسفی", "Yousefi"),
    ("نظری", "Nazari"),
    ("ملکی", "Maleki"),
    ("شریفی", "Sharifi"),
    ("فراهانی", "Farahani"),
    ("زارعی", "Zarei"),
    ("بابایی", "Babaei"),
    ("کرمانی", "Kermani"),
    ("تبریزی", "Tabrizi"),
    ("قربانی", "Ghorbani"),
    ("سلیمانی", "Soleimani"),
    ("امینی", "Amini"),
    ("خسروی", "Khosravi"),
    ("پورمحمدی", "Pourmohammadi"),
];

/// A person's name in Persian and English.
pub fn person(rng: &mut Rng) -> (String, String) {
    let (first_fa, first_en) = rng.pick(FIRST_NAMES);
    let (last_fa, last_en) = rng.pick(LAST_NAMES);
    (
        format!("{first_fa} {last_fa}"),
        format!("{first_en} {last_en}"),
    )
}
