/** @module Finding calendar dates in text across formats, at year / month / day precision. */
import { foldUnicode } from "../normalize.ts";

/** A date found in text; `month` and `day` are null when the text does not give them. */
export interface PartialDate {
  year: number;
  month: number | null;
  day: number | null;
  /** Start offset in the folded text. */
  start: number;
  end: number;
}

/** How precise a date is: 1 = year, 2 = month, 3 = day. */
export function precision(d: PartialDate): 1 | 2 | 3 {
  return d.day !== null ? 3 : d.month !== null ? 2 : 1;
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const MON = String.raw`(${MONTH_ALT})\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})`;

type Build = (m: RegExpMatchArray) => { year: number; month: number | null; day: number | null };
const month = (s: string | undefined): number => MONTHS[(s ?? "").toLowerCase()] ?? 0;
const int = (s: string | undefined): number => Number.parseInt(s ?? "", 10);

/** Patterns, most specific first; each match masks its span so a year is not found twice. */
const PATTERNS: ReadonlyArray<readonly [RegExp, Build]> = [
  // 1987-03-05, 1987/03/05, 1987.03.05
  [new RegExp(String.raw`\b${YEAR}[-/.](\d{1,2})[-/.](\d{1,2})\b`, "g"), (m) => ({ year: int(m[1]), month: int(m[2]), day: int(m[3]) })],
  // March 5, 1987 / Mar. 5th 1987
  [new RegExp(String.raw`\b${MON}\s+${DAY},?\s+${YEAR}\b`, "gi"), (m) => ({ year: int(m[3]), month: month(m[1]), day: int(m[2]) })],
  // 5 March 1987 / 5th of March, 1987
  [new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MON},?\s+${YEAR}\b`, "gi"), (m) => ({ year: int(m[3]), month: month(m[2]), day: int(m[1]) })],
  // 1987-03 (ISO year-month)
  [new RegExp(String.raw`\b${YEAR}-(\d{2})\b(?!-)`, "g"), (m) => ({ year: int(m[1]), month: int(m[2]), day: null })],
  // March 1987 / March, 1987
  [new RegExp(String.raw`\b${MON},?\s+${YEAR}\b`, "gi"), (m) => ({ year: int(m[2]), month: month(m[1]), day: null })],
  // 1987 (a four-digit year between 1000 and 2999, not part of a longer number)
  [/(?<![\d.,])\b([12]\d{3})\b(?![.,]?\d)/g, (m) => ({ year: int(m[1]), month: null, day: null })],
];

function valid(d: { year: number; month: number | null; day: number | null }): boolean {
  if (!Number.isInteger(d.year)) return false;
  if (d.month !== null && (d.month < 1 || d.month > 12)) return false;
  if (d.day !== null && (d.day < 1 || d.day > 31)) return false;
  return true;
}

/**
 * Every date in `text`, in text order: ISO (`1987-03-05`, `1987-03`), `March 5, 1987`,
 * `5 March 1987`, `5th of March 1987`, `March 1987`, and bare years (1000–2999).
 * Slash dates like `03/05/1987` are ambiguous (US vs. day-first) and are not recognised.
 * @example
 * findDates("born 5 March 1987")[0] // { year: 1987, month: 3, day: 5, ... }
 */
export function findDates(text: string): PartialDate[] {
  let work = foldUnicode(text);
  const out: PartialDate[] = [];
  for (const [re, build] of PATTERNS) {
    for (const m of work.matchAll(re)) {
      const d = build(m);
      if (!valid(d)) continue;
      const start = m.index ?? 0;
      out.push({ ...d, start, end: start + m[0].length });
    }
    // Mask what this pattern matched so less specific patterns do not re-read it.
    work = work.replace(re, (s) => " ".repeat(s.length));
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The single date a gold answer states, or null when the gold is not a date (no date, several, or
 * other words around it). A gold that is just a number is a date only when it is a year (1000–2999).
 */
export function parseGoldDate(gold: string): PartialDate | null {
  const ds = findDates(gold);
  if (ds.length !== 1) return null;
  const d = ds[0] as PartialDate;
  const folded = foldUnicode(gold);
  const rest = (folded.slice(0, d.start) + folded.slice(d.end)).replace(/[\s.,]|\b(?:on|in|ad|ce)\b/gi, "");
  return rest === "" ? d : null;
}

/** `d` truncated to `p` (1 = year, 2 = year-month, 3 = full date), as a comparable key. */
export function dateKey(d: PartialDate, p: 1 | 2 | 3): string {
  if (p === 1) return `${d.year}`;
  if (p === 2) return `${d.year}-${d.month ?? "?"}`;
  return `${d.year}-${d.month ?? "?"}-${d.day ?? "?"}`;
}
