/** @module Answer normalisation: SQuAD / Search-R1 `normalize_answer` plus Unicode folding. */

/** Letters that Unicode decomposition does not fold to ASCII. */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  ł: "l",
  Ł: "L",
  þ: "th",
  Þ: "TH",
  ı: "i",
  ħ: "h",
  Ħ: "H",
};
const EXTRA_FOLD_RE = /[ßæÆœŒøØđĐðÐłŁþÞıħĦ]/g;
const MARKS_RE = /\p{M}+/gu;
const PUNCT_RE = /[\p{P}\p{S}]/gu;
const ARTICLES = new Set(["a", "an", "the"]);
const ASCII_RE = /^[\x00-\x7f]*$/;

/**
 * Unicode NFKC, then diacritics removed (NFD and drop combining marks) and a few letters folded
 * (ß→ss, æ→ae, ø→o, ł→l...). Case is preserved.
 * @example foldUnicode("Ｃafé Zürich") // "Cafe Zurich"
 */
export function foldUnicode(s: string): string {
  if (ASCII_RE.test(s)) return s;
  const stripped = s.normalize("NFKC").normalize("NFD").replace(MARKS_RE, "").normalize("NFC");
  return stripped.replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLDS[c] ?? c);
}

/**
 * Search-R1 / SQuAD `normalize_answer` with Unicode handling: NFKC + diacritic folding, lowercase,
 * remove punctuation and symbols (every Unicode P* and S* character, a superset of Python's
 * `string.punctuation`), remove the articles a/an/the, collapse whitespace.
 * As in SQuAD, punctuation is deleted, not replaced: "1,234" → "1234", "well-known" → "wellknown".
 * @example
 * normalizeAnswer("The  Éiffel Tower!") // "eiffel tower"
 */
export function normalizeAnswer(s: string): string {
  const lower = foldUnicode(s).toLowerCase();
  const noPunct = lower.replace(PUNCT_RE, "");
  return noPunct
    .split(/\s+/u)
    .filter((t) => t !== "" && !ARTICLES.has(t))
    .join(" ");
}

/** Normalised tokens of `s` (`normalizeAnswer(s)` split on spaces; empty for an empty answer). */
export function answerTokens(s: string): string[] {
  const n = normalizeAnswer(s);
  return n === "" ? [] : n.split(" ");
}

/**
 * True when normalised `needle` occurs in normalised `haystack` on token boundaries
 * ("paris" is in "in paris france" but not in "comparison"). An empty needle never matches.
 */
export function containsNormalized(haystack: string, needle: string): boolean {
  const n = normalizeAnswer(needle);
  if (n === "") return false;
  return ` ${normalizeAnswer(haystack)} `.includes(` ${n} `);
}

/** Same as `containsNormalized` when both sides are already normalised (no re-normalisation). */
export function containsTokens(normHaystack: string, normNeedle: string): boolean {
  if (normNeedle === "") return false;
  return ` ${normHaystack} `.includes(` ${normNeedle} `);
}
