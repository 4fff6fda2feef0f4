/** @module The classic Porter (1980) stemmer for lower-case ASCII words. */

const STEP2: Record<string, string> = {
  ational: "ate",
  tional: "tion",
  enci: "ence",
  anci: "ance",
  izer: "ize",
  bli: "ble",
  alli: "al",
  entli: "ent",
  eli: "e",
  ousli: "ous",
  ization: "ize",
  ation: "ate",
  ator: "ate",
  alism: "al",
  iveness: "ive",
  fulness: "ful",
  ousness: "ous",
  aliti: "al",
  iviti: "ive",
  biliti: "ble",
  logi: "log",
};
const STEP3: Record<string, string> = {
  icate: "ic",
  ative: "",
  alize: "al",
  iciti: "ic",
  ical: "ic",
  ful: "",
  ness: "",
};
const STEP2_RE = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3_RE = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_RE = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION = /^(.+?)(s|t)(ion)$/;

const C = "[^aeiou]";
const V = "[aeiouy]";
const CS = C + "[^aeiouy]*";
const VS = V + "[aeiou]*";
const MGR0 = new RegExp("^(" + CS + ")?" + VS + CS);
const MEQ1 = new RegExp("^(" + CS + ")?" + VS + CS + "(" + VS + ")?$");
const MGR1 = new RegExp("^(" + CS + ")?" + VS + CS + VS + CS);
const S_V = new RegExp("^(" + CS + ")?" + V);
const CVC = new RegExp("^" + CS + V + "[^aeiouwxy]$");

/**
 * Stems one lower-case ASCII word with the original Porter algorithm (steps 1a–5b).
 * Words shorter than 3 letters are returned unchanged.
 * @example
 * porterStem("caresses"); // "caress"
 * porterStem("relational"); // "relat"
 */
export function porterStem(word: string): string {
  if (word.length < 3) return word;
  let w = word;
  const firstY = w.charCodeAt(0) === 121; // 'y'
  if (firstY) w = "Y" + w.slice(1);

  // Step 1a
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, -2);
  else if (w.endsWith("ss")) {
    /* keep */
  } else if (w.endsWith("s")) w = w.slice(0, -1);

  // Step 1b
  if (w.endsWith("eed")) {
    const stem = w.slice(0, -3);
    if (MGR0.test(stem)) w = w.slice(0, -1);
  } else {
    let stem: string | null = null;
    if (w.endsWith("ed")) stem = w.slice(0, -2);
    else if (w.endsWith("ing")) stem = w.slice(0, -3);
    if (stem !== null && S_V.test(stem)) {
      w = stem;
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += "e";
    }
  }

  // Step 1c
  if (w.endsWith("y")) {
    const stem = w.slice(0, -1);
    if (S_V.test(stem)) w = stem + "i";
  }

  // Step 2
  let m = STEP2_RE.exec(w);
  if (m) {
    const stem = m[1] as string;
    if (MGR0.test(stem)) w = stem + (STEP2[m[2] as string] as string);
  }

  // Step 3
  m = STEP3_RE.exec(w);
  if (m) {
    const stem = m[1] as string;
    if (MGR0.test(stem)) w = stem + (STEP3[m[2] as string] as string);
  }

  // Step 4
  m = STEP4_RE.exec(w);
  if (m) {
    const stem = m[1] as string;
    if (MGR1.test(stem)) w = stem;
  } else {
    m = STEP4_ION.exec(w);
    if (m) {
      const stem = (m[1] as string) + (m[2] as string);
      if (MGR1.test(stem)) w = stem;
    }
  }

  // Step 5a
  if (w.endsWith("e")) {
    const stem = w.slice(0, -1);
    if (MGR1.test(stem) || (MEQ1.test(stem) && !CVC.test(stem))) w = stem;
  }

  // Step 5b
  if (w.endsWith("ll") && MGR1.test(w)) w = w.slice(0, -1);

  if (firstY) w = "y" + w.slice(1);
  return w;
}
