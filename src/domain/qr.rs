//! QR codes for the licence page: the `qrcode` crate's encoder (no renderer features), drawn
//! by us as one SVG path of dark modules, so the symbol is plain SVG elements and attributes
//! (no `data:` image, no inline style) under the strict Content Security Policy.
//!
//! Error correction level M (15 % of the symbol may be damaged): a licence's address fits in
//! a version 4–6 symbol, small enough to scan from a phone screen or a printed sign.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone the standard asks for around a symbol, in modules.
pub const QUIET_ZONE: usize = 4;

/// An encoded QR symbol: its side in modules and its modules row by row (`true` = dark).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSymbol {
    width: usize,
    dark: Vec<bool>,
}

/// Why a text could not be encoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    #[error("the text is too long for a QR code")]
    TooLong,
    #[error("the text cannot be encoded as a QR code")]
    Unencodable,
}

/// Encodes `text` at error correction level M, in the smallest version that holds it.
pub fn encode(text: &str) -> Result<QrSymbol, QrError> {
    let code =
        QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| match e {
            qrcode::types::QrError::DataTooLong => QrError::TooLong,
            _ => QrError::Unencodable,
        })?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok(QrSymbol { width, dark })
}

impl QrSymbol {
    /// Modules per side (21 for version 1, four more per version).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module in column `x`, row `y` is dark; `false` outside the symbol.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The side of the SVG `viewBox`, in modules: the symbol and its quiet zone on both sides.
    pub fn view_box_side(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// The dark modules as one SVG path (`d`), in module units with the quiet zone as the
    /// origin offset: each horizontal run of dark modules is one rectangle
    /// (`M x y h n v1 h -n z`), so a version 5 symbol is a few hundred short commands.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width && self.is_dark(x, y) {
                    x += 1;
                }
                let run = x - start;
                d.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
            }
        }
        d
    }

    /// The symbol as text, one line per row (`#` dark, `.` light): for tests and debugging.
    pub fn to_text(&self) -> String {
        (0..self.width)
            .map(|y| {
                (0..self.width)
                    .map(|x| if self.is_dark(x, y) { '#' } else { '.' })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// ISO/IEC 18004 Annex I: "01234567" at 1-M has these data and error correction
    /// codewords; thonky.com's QR tutorial: "HELLO WORLD" at 1-M.
    #[test]
    fn codewords_match_the_published_examples() {
        let (data, ec) = qrcode::ec::construct_codewords(
            &qrcode::bits::encode_auto(b"01234567", EcLevel::M)
                .expect("a short numeric text encodes")
                .into_bytes(),
            qrcode::Version::Normal(1),
            EcLevel::M,
        )
        .expect("version 1-M holds it");
        assert_eq!(
            hex(&data),
            "10 20 0C 56 61 80 EC 11 EC 11 EC 11 EC 11 EC 11"
        );
        assert_eq!(hex(&ec), "A5 24 D4 C1 ED 36 C7 87 2C 55");
        let hello = [
            0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11,
            0xEC, 0x11,
        ];
        assert_eq!(
            hex(&qrcode::ec::create_error_correction_code(&hello, 10)),
            "C4 23 27 77 EB D7 E7 E2 5D 17"
        );
    }

    /// The whole ISO/IEC 18004 Annex I symbol ("01234567", 1-M, mask 010), as Python's
    /// `segno` 1.6 draws it with the mask pinned (`mask=2, micro=False`): every module.
    #[test]
    fn the_annex_i_symbol_matches_module_for_module() {
        let symbol = encode("01234567").expect("encodes");
        assert_eq!(symbol.width(), 21);
        assert_eq!(symbol.to_text(), VECTOR_NUMERIC.trim());
    }

    /// A version 3-M byte-mode symbol (26 error correction codewords, one block): the
    /// codewords of a licence-like address, checked against a separate Reed–Solomon
    /// computation over GF(256) with polynomial 0x11D.
    #[test]
    fn version_3_codewords_match_an_independent_reed_solomon() {
        let text = b"https://www.example.ir/licences/ir-23/x";
        let bits = qrcode::bits::encode_auto(text, EcLevel::M).expect("encodes");
        assert_eq!(bits.version(), qrcode::Version::Normal(3));
        let (data, ec) = qrcode::ec::construct_codewords(
            &bits.into_bytes(),
            qrcode::Version::Normal(3),
            EcLevel::M,
        )
        .expect("version 3-M holds it");
        assert_eq!(
            hex(&data),
            "42 76 87 47 47 07 33 A2 F2 F7 77 77 72 E6 57 86 16 D7 06 C6 52 E6 97 22 F6 C6 \
             96 36 56 E6 36 57 32 F6 97 22 D3 23 32 F7 80 EC 11 EC"
        );
        assert_eq!(
            hex(&ec),
            "5F 0C 28 EB C6 EA EE 46 BF 71 A6 1E 93 4E 41 13 A8 1C 15 DC 54 33 87 02 03 80"
        );
    }

    #[test]
    fn the_path_draws_every_dark_module_once() {
        let symbol = encode("https://example.ir/licences/IR-23/23-1401-000123").expect("encodes");
        let path = symbol.svg_path();
        // Every run is "M x y h n v1 h-n z"; the run lengths add up to the dark modules.
        let drawn: usize = path
            .split('z')
            .filter(|r| !r.is_empty())
            .map(|r| {
                let h = r.split('h').nth(1).expect("a run has a width");
                h.trim_end_matches("v1").parse::<usize>().expect("a number")
            })
            .sum();
        let dark = (0..symbol.width())
            .flat_map(|y| (0..symbol.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| symbol.is_dark(x, y))
            .count();
        assert_eq!(drawn, dark);
        // The top-left finder pattern's first row: seven dark modules from the quiet zone.
        assert!(path.starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}h7v1h-7z")));
        assert_eq!(symbol.view_box_side(), symbol.width() + 8);
        assert!(!symbol.is_dark(symbol.width(), 0));
    }

    #[test]
    fn too_long_texts_are_an_error_not_a_panic() {
        assert_eq!(encode(&"x".repeat(4000)), Err(QrError::TooLong));
    }

    const VECTOR_NUMERIC: &str = "
#######..#.##.#######
#.....#..####.#.....#
#.###.#.#.....#.###.#
#.###.#.##....#.###.#
#.###.#.#.###.#.###.#
#.....#.#...#.#.....#
#######.#.#.#.#######
........#..##........
#.#####..#..#.#####..
...#.#.##.#.#..#.##..
..#...##.#.#.#..#####
....#....#.....####..
...######..#.#..#....
........#.#####..##..
#######..##.#.##.....
#.....#.#.#####...#.#
#.###.#.#...#..#.##..
#.###.#.##..#..#.....
#.###.#.#.##.#..#.#..
#.....#........##.##.
#######.####.#..#.#..
";
}
