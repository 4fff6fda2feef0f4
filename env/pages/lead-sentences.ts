/**
 * @module A page's lead sentences: the deterministic extract simweb returns where an API promises a
 * summary (Exa's `summary`). No model is involved: the same page always gives the same summary.
 */

/** Default budget of {@link leadSentences}, in characters. */
export const LEAD_SUMMARY_CHARS = 320;

const SENTENCE_END = /[.!?](?=\s|$)/g;

/**
 * The first sentences of `text` (paragraphs are "\n"-separated), whitespace collapsed, as many whole
 * sentences as fit in `maxChars` (at least one; a first sentence longer than the budget is cut at a
 * word boundary and ends with "…"). Empty text gives "".
 * @example
 * leadSentences("Alpha Corp was founded in 1987. It makes tools.\nMore.", 40); // "Alpha Corp was founded in 1987."
 */
export function leadSentences(text: string, maxChars: number = LEAD_SUMMARY_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "";
  let out = "";
  for (const m of flat.matchAll(SENTENCE_END)) {
    const next = flat.slice(0, (m.index ?? 0) + 1);
    if (next.length > maxChars) break;
    out = next;
  }
  if (out !== "") return out;
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
