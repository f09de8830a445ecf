// Plain-JavaScript reference implementation of the office search (src/domain/normalize.rs `fold`,
// `compact`, `Query` and src/domain/search.rs `OfficeIndex`): the same folding rules, written the
// way a typical JavaScript office finder would — a Map of character replacements, toLowerCase,
// String.includes over one concatenated string per office. The benchmark runs it in the page
// next to the WebAssembly search to report our speed as a ratio. It is injected into the page
// as source text (Function.prototype.toString), so it must be self-contained.
export function installReferenceSearch() {
  const map = new Map(); // char -> replacement string ('' = drop, ' ' = separator)
  const range = (a, b, value) => {
    for (let c = a; c <= b; c++) map.set(String.fromCodePoint(c), value);
  };
  // Letter variants.
  for (const c of 'يىےۓئ') map.set(c, 'ی');
  for (const c of 'كڪ') map.set(c, 'ک');
  for (const c of 'ةۀہۂەھ') map.set(c, 'ه');
  for (const c of 'أإٱآٲٳ') map.set(c, 'ا');
  map.set('ؤ', 'و');
  // Arabic presentation forms (single letters), as code-point runs -> base letter.
  const forms = [
    [0xfb50, 0xfb51, 0x0671], [0xfb52, 0xfb55, 0x067b], [0xfb56, 0xfb59, 0x067e],
    [0xfb5a, 0xfb5d, 0x0680], [0xfb5e, 0xfb61, 0x067a], [0xfb62, 0xfb65, 0x067f],
    [0xfb66, 0xfb69, 0x0679], [0xfb6a, 0xfb6d, 0x06a4], [0xfb6e, 0xfb71, 0x06a6],
    [0xfb72, 0xfb75, 0x0684], [0xfb76, 0xfb79, 0x0683], [0xfb7a, 0xfb7d, 0x0686],
    [0xfb7e, 0xfb81, 0x0687], [0xfb82, 0xfb83, 0x068d], [0xfb84, 0xfb85, 0x068c],
    [0xfb86, 0xfb87, 0x068e], [0xfb88, 0xfb89, 0x0688], [0xfb8a, 0xfb8b, 0x0698],
    [0xfb8c, 0xfb8d, 0x0691], [0xfb8e, 0xfb91, 0x06a9], [0xfb92, 0xfb95, 0x06af],
    [0xfb96, 0xfb99, 0x06b3], [0xfb9a, 0xfb9d, 0x06b1], [0xfb9e, 0xfb9f, 0x06ba],
    [0xfba0, 0xfba3, 0x06bb], [0xfba4, 0xfba5, 0x06c0], [0xfba6, 0xfba9, 0x06c1],
    [0xfbaa, 0xfbad, 0x06be], [0xfbae, 0xfbaf, 0x06d2], [0xfbb0, 0xfbb1, 0x06d3],
    [0xfbd3, 0xfbd6, 0x06ad], [0xfbd7, 0xfbd8, 0x06c7], [0xfbd9, 0xfbda, 0x06c6],
    [0xfbdb, 0xfbdc, 0x06c8], [0xfbde, 0xfbdf, 0x06cb], [0xfbe0, 0xfbe1, 0x06c5],
    [0xfbe2, 0xfbe3, 0x06c9], [0xfbe4, 0xfbe7, 0x06d0], [0xfbe8, 0xfbe9, 0x0649],
    [0xfbfc, 0xfbff, 0x06cc], [0xfe80, 0xfe80, 0x0621], [0xfe81, 0xfe82, 0x0622],
    [0xfe83, 0xfe84, 0x0623], [0xfe85, 0xfe86, 0x0624], [0xfe87, 0xfe88, 0x0625],
    [0xfe89, 0xfe8c, 0x0626], [0xfe8d, 0xfe8e, 0x0627], [0xfe8f, 0xfe92, 0x0628],
    [0xfe93, 0xfe94, 0x0629], [0xfe95, 0xfe98, 0x062a], [0xfe99, 0xfe9c, 0x062b],
    [0xfe9d, 0xfea0, 0x062c], [0xfea1, 0xfea4, 0x062d], [0xfea5, 0xfea8, 0x062e],
    [0xfea9, 0xfeaa, 0x062f], [0xfeab, 0xfeac, 0x0630], [0xfead, 0xfeae, 0x0631],
    [0xfeaf, 0xfeb0, 0x0632], [0xfeb1, 0xfeb4, 0x0633], [0xfeb5, 0xfeb8, 0x0634],
    [0xfeb9, 0xfebc, 0x0635], [0xfebd, 0xfec0, 0x0636], [0xfec1, 0xfec4, 0x0637],
    [0xfec5, 0xfec8, 0x0638], [0xfec9, 0xfecc, 0x0639], [0xfecd, 0xfed0, 0x063a],
    [0xfed1, 0xfed4, 0x0641], [0xfed5, 0xfed8, 0x0642], [0xfed9, 0xfedc, 0x0643],
    [0xfedd, 0xfee0, 0x0644], [0xfee1, 0xfee4, 0x0645], [0xfee5, 0xfee8, 0x0646],
    [0xfee9, 0xfeec, 0x0647], [0xfeed, 0xfeee, 0x0648], [0xfeef, 0xfef0, 0x0649],
    [0xfef1, 0xfef4, 0x064a],
  ];
  // Drops (diacritics, hamza, tatweel, invisible format characters, Latin combining marks).
  range(0x0610, 0x061a, '');
  range(0x064b, 0x065f, '');
  for (const c of [0x0621, 0x0670, 0x06e7, 0x06e8, 0x0640, 0x00ad, 0x061c, 0x200d, 0x200e, 0x200f,
    0x2060, 0xfeff, 0x02bb, 0x02bc, 0x02be, 0x02bf]) map.set(String.fromCodePoint(c), '');
  range(0x06d6, 0x06dc, '');
  range(0x06df, 0x06e4, '');
  range(0x06ea, 0x06ed, '');
  range(0x202a, 0x202e, '');
  range(0x2066, 0x2069, '');
  range(0xfe00, 0xfe0f, '');
  range(0x0300, 0x036f, '');
  range(0xfe70, 0xfe72, '');
  range(0xfe74, 0xfe7f, '');
  // Presentation forms resolve through the letter-variant map (e.g. ﻱ -> ي -> ی).
  for (const [a, b, base] of forms) {
    const ch = String.fromCodePoint(base);
    range(a, b, map.has(ch) ? map.get(ch) : ch);
  }
  range(0xfef5, 0xfefc, 'لا');
  map.set('\ufdf2', 'الله');
  map.set('\ufdfc', 'ریال');
  // Digits.
  for (let d = 0; d < 10; d++) {
    map.set(String.fromCodePoint(0x0660 + d), String(d));
    map.set(String.fromCodePoint(0x06f0 + d), String(d));
    map.set(String.fromCodePoint(0xff10 + d), String(d));
  }
  // Fullwidth Latin.
  for (let i = 0; i < 26; i++) {
    map.set(String.fromCodePoint(0xff21 + i), String.fromCharCode(97 + i));
    map.set(String.fromCodePoint(0xff41 + i), String.fromCharCode(97 + i));
  }
  // ZWNJ and zero-width space split words.
  map.set('\u200c', ' ');
  map.set('\u200b', ' ');
  // Latin accents (after lower-casing).
  const accents = {
    a: 'àáâãäåāăą', c: 'çćĉċč', d: 'ďđḏ', e: 'èéêëēĕėęě', g: 'ĝğġģḡ', h: 'ĥħḥ', i: 'ìíîïĩīĭįı',
    j: 'ĵǰ', k: 'ķ', l: 'ĺļľŀł', n: 'ñńņň', o: 'òóôõöøōŏő', r: 'ŕŗř', s: 'śŝşšṣ', t: 'ţťŧṭṯ',
    u: 'ùúûüũūŭůűų', w: 'ŵ', y: 'ýÿŷ', z: 'źżžẓẕ',
  };
  const accent = new Map([['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe']]);
  for (const [plain, list] of Object.entries(accents)) for (const c of list) accent.set(c, plain);

  const alnum = /[\p{Alphabetic}\p{N}]/u;
  const combining = /[\u0300-\u036f]/g;

  function fold(text) {
    let out = '';
    let pending = false;
    const pushChar = (c) => {
      if (!alnum.test(c)) {
        pending = true;
        return;
      }
      if (pending && out) out += ' ';
      pending = false;
      for (const lower of c.toLowerCase().replace(combining, '')) out += accent.get(lower) ?? lower;
    };
    for (const c of text) {
      const r = map.get(c);
      if (r === undefined) pushChar(c);
      else if (r === ' ') pending = true;
      else for (const x of r) pushChar(x);
    }
    return out;
  }
  const compact = (folded) => folded.replaceAll(' ', '');

  function queryWords(raw) {
    const words = [];
    const candidates = fold(raw).split(' ').filter(Boolean).sort((a, b) => b.length - a.length);
    for (const w of candidates) if (!words.some((k) => k.includes(w))) words.push(w);
    return words;
  }

  class ReferenceSearch {
    constructor() {
      this.haystacks = [];
    }
    addOffices(offices) {
      for (const o of offices) {
        this.haystacks.push([o.name_fa, o.name_en, o.code, o.city_fa, o.city_en, o.address_fa]
          .map((f) => compact(fold(f ?? ''))).join('\n'));
      }
    }
    search(raw) {
      const words = queryWords(raw);
      if (words.length === 0) return this.haystacks.length;
      let n = 0;
      for (const h of this.haystacks) if (words.every((w) => h.includes(w))) n++;
      return n;
    }
  }
  globalThis.ReferenceSearch = ReferenceSearch;
  globalThis.referenceFold = fold;
}
