//! Realistic Persian street addresses, phone numbers and postal codes.

use crate::inputs::{City, ProvinceInput};
use crate::persian::persian_digits;
use crate::rng::Rng;

const STREETS: &[&str] = &[
    "امام خمینی",
    "انقلاب",
    "آزادی",
    "طالقانی",
    "شریعتی",
    "مطهری",
    "شهید بهشتی",
    "جمهوری اسلامی",
    "ولیعصر",
    "فردوسی",
    "حافظ",
    "سعدی",
    "شهید چمران",
    "۱۷ شهریور",
    "پاسداران",
    "بسیج",
    "امام رضا",
    "مدرس",
    "کشاورز",
    "شهید رجایی",
    "شهید باهنر",
    "سپاه",
    "استقلال",
    "بهار",
    "نواب صفوی",
];

const BOULEVARDS: &[&str] = &[
    "شهید بهشتی",
    "جمهوری",
    "امام علی",
    "معلم",
    "کشاورز",
    "شهدا",
    "ارتش",
    "دانشگاه",
    "آیت‌الله کاشانی",
    "جانبازان",
];

const SQUARES: &[&str] = &[
    "امام خمینی",
    "شهدا",
    "آزادی",
    "انقلاب",
    "ولیعصر",
    "امام حسین",
    "بسیج",
    "فلسطین",
];

const ALLEYS: &[&str] = &[
    "لاله",
    "نسترن",
    "یاس",
    "شقایق",
    "گلستان",
    "شهید رضایی",
    "بنفشه",
    "سرو",
    "ارغوان",
    "نیلوفر",
];

const LANDMARKS: &[&str] = &[
    "بانک ملی",
    "بانک ملت",
    "مسجد جامع",
    "شهرداری",
    "اداره پست",
    "پارک شهر",
    "بیمارستان امام",
    "آموزش و پرورش",
    "فرمانداری",
    "پاساژ مرکزی",
];

const FLOORS: &[&str] = &["همکف", "اول", "دوم"];

/// A street address such as «خیابان امام خمینی، کوچه ۱۲، پلاک ۳۴», Persian digits.
pub fn street_address(rng: &mut Rng, village: bool) -> String {
    let plate = rng.between(1, 480);
    let text = if village {
        match rng.below(3) {
            0 => format!("خیابان اصلی، جنب دهیاری، پلاک {plate}"),
            1 => format!(
                "میدان روستا، روبروی {}",
                rng.pick(&["مسجد", "مدرسه", "خانه بهداشت", "شورای اسلامی"])
            ),
            _ => format!("بلوار {}، جنب بخشداری، پلاک {plate}", rng.pick(BOULEVARDS)),
        }
    } else {
        match rng.below(5) {
            0 => format!(
                "خیابان {}، کوچه {}، پلاک {plate}",
                rng.pick(STREETS),
                rng.between(1, 48)
            ),
            1 => format!(
                "خیابان {}، نبش کوچه {}، پلاک {plate}، طبقه همکف",
                rng.pick(STREETS),
                rng.pick(ALLEYS)
            ),
            2 => format!(
                "میدان {}، ابتدای خیابان {}، پلاک {plate}",
                rng.pick(SQUARES),
                rng.pick(STREETS)
            ),
            3 => format!(
                "بلوار {}، روبروی {}، پلاک {plate}، طبقه {}",
                rng.pick(BOULEVARDS),
                rng.pick(LANDMARKS),
                rng.pick(FLOORS)
            ),
            _ => format!(
                "خیابان {}، بین کوچه {} و {}، پلاک {plate}",
                rng.pick(STREETS),
                rng.between(1, 20),
                rng.between(21, 40)
            ),
        }
    };
    persian_digits(&text)
}

/// A fixed-line number with the province's real trunk prefix, e.g. `021-88123456`.
pub fn phone(rng: &mut Rng, province: &ProvinceInput, city: &City) -> String {
    let lead = if province.area_code == "021" {
        (*rng.pick(&["22", "26", "33", "44", "55", "66", "77", "88"])).to_string()
    } else if city.population >= 100_000 {
        format!("3{}", rng.between(1, 9))
    } else {
        format!("{}{}", rng.pick(&[3, 4, 5]), rng.between(1, 9))
    };
    format!("{}-{lead}{:06}", province.area_code, rng.below(1_000_000))
}

/// A 10-digit postal code in the national pattern: no `0` or `2` among the first five digits,
/// no `5` in the fifth, no `2` in the last five; led by the province's prefix.
pub fn postal_code(rng: &mut Rng, province: &ProvinceInput) -> String {
    const HEAD: &[u8] = b"13456789";
    const FIFTH: &[u8] = b"134679";
    const TAIL: &[u8] = b"013456789";
    let mut code = province.postal_prefix.clone();
    while code.len() < 4 {
        code.push(char::from(*rng.pick(HEAD)));
    }
    code.push(char::from(*rng.pick(FIFTH)));
    while code.len() < 10 {
        code.push(char::from(*rng.pick(TAIL)));
    }
    code
}
