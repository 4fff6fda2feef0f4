/** @module Extracting numeric quantities (thousands separators, scale words, units) from answer text. */
import { foldUnicode } from "../normalize.ts";

/** A unit: its physical dimension and the factor to that dimension's base unit. */
export interface UnitInfo {
  /** "length" (base m), "area" (m²), "mass" (kg), "percent" (%), "volume" (L), "duration" (s). */
  dimension: string;
  factor: number;
}

/** A number found in text, with scale word and unit applied. */
export interface Quantity {
  /** The written number times its scale word ("3.2 million" → 3_200_000), before unit conversion. */
  value: number;
  /** The unit as written (lowercased), or null when none follows the number. */
  unit: string | null;
  /** Dimension of the unit, or null when unitless. */
  dimension: string | null;
  /** `value` converted to the dimension's base unit (equals `value` when unitless). */
  base: number;
  /** Start offset of the match in the folded text. */
  start: number;
  /** End offset (exclusive). */
  end: number;
}

const L = (factor: number): UnitInfo => ({ dimension: "length", factor });
const A = (factor: number): UnitInfo => ({ dimension: "area", factor });
const M = (factor: number): UnitInfo => ({ dimension: "mass", factor });
const V = (factor: number): UnitInfo => ({ dimension: "volume", factor });
const T = (factor: number): UnitInfo => ({ dimension: "duration", factor });

/** Units recognised after a number (lowercase; "km²" arrives as "km2" after NFKC). */
export const UNITS: Readonly<Record<string, UnitInfo>> = {
  km: L(1000),
  kilometer: L(1000),
  kilometers: L(1000),
  kilometre: L(1000),
  kilometres: L(1000),
  m: L(1),
  meter: L(1),
  meters: L(1),
  metre: L(1),
  metres: L(1),
  cm: L(0.01),
  centimeters: L(0.01),
  centimetres: L(0.01),
  mm: L(0.001),
  millimeters: L(0.001),
  millimetres: L(0.001),
  mi: L(1609.344),
  mile: L(1609.344),
  miles: L(1609.344),
  ft: L(0.3048),
  foot: L(0.3048),
  feet: L(0.3048),
  inch: L(0.0254),
  inches: L(0.0254),
  km2: A(1e6),
  "sq km": A(1e6),
  "square kilometers": A(1e6),
  "square kilometres": A(1e6),
  m2: A(1),
  "sq m": A(1),
  "square meters": A(1),
  "square metres": A(1),
  ha: A(1e4),
  hectare: A(1e4),
  hectares: A(1e4),
  acre: A(4046.8564224),
  acres: A(4046.8564224),
  mi2: A(2589988.110336),
  "sq mi": A(2589988.110336),
  "square miles": A(2589988.110336),
  kg: M(1),
  kilogram: M(1),
  kilograms: M(1),
  g: M(0.001),
  gram: M(0.001),
  grams: M(0.001),
  tonne: M(1000),
  tonnes: M(1000),
  lb: M(0.45359237),
  lbs: M(0.45359237),
  pounds: M(0.45359237),
  "%": { dimension: "percent", factor: 1 },
  percent: { dimension: "percent", factor: 1 },
  "per cent": { dimension: "percent", factor: 1 },
  l: V(1),
  liter: V(1),
  liters: V(1),
  litre: V(1),
  litres: V(1),
  ml: V(0.001),
  sec: T(1),
  seconds: T(1),
  min: T(60),
  minutes: T(60),
  hours: T(3600),
};

/** Scale words and suffixes ("k" only directly attached: "120k", handled in the pattern). */
const SCALES: Readonly<Record<string, number>> = {
  thousand: 1e3,
  million: 1e6,
  mn: 1e6,
  mln: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
};

/** Small number words (answers like "three"). */
const WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const UNIT_ALT = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .map((u) => escape(u).replace(/ /g, "\\s+"))
  .join("|");
const SCALE_ALT = Object.keys(SCALES)
  .sort((a, b) => b.length - a.length)
  .join("|");
const WORD_ALT = Object.keys(WORDS).join("|");

/**
 * number: digits with optional comma or space thousands groups (NFKC has turned no-break and thin
 * spaces into plain spaces) and decimals, or a number word;
 * then an optional scale word and an optional unit, each ending on a non-letter.
 */
const QUANTITY_RE = new RegExp(
  String.raw`(?<![\p{L}\d.,])([-−–]?)(?:(\d{1,3}(?:[, ]\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)|\b(${WORD_ALT})\b)` +
    String.raw`(?:(k)(?![\p{L}\d])|\s?(${SCALE_ALT})(?![\p{L}]))?` +
    String.raw`(?:\s?(${UNIT_ALT})(?![\p{L}\d]))?`,
  "giu",
);

/**
 * Every quantity in `text`, left to right. "k" as a scale must be attached to the number ("120k");
 * the unit "m" means metres (not million). Years and other plain numbers are returned as unitless.
 * @example
 * extractQuantities("about 3.2 million km²")[0] // { value: 3200000, unit: "km2", dimension: "area", base: 3.2e12, ... }
 */
export function extractQuantities(text: string): Quantity[] {
  const folded = foldUnicode(text);
  const out: Quantity[] = [];
  for (const m of folded.matchAll(QUANTITY_RE)) {
    const [whole, sign, digits, word, kilo, scaleRaw, unitRaw] = m;
    let value: number;
    if (digits !== undefined) value = Number(digits.replace(/[, ]/g, ""));
    else value = WORDS[(word ?? "").toLowerCase()] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    if (sign !== undefined && sign !== "") value = -value;
    const scaleWord = kilo !== undefined ? "thousand" : scaleRaw?.toLowerCase();
    if (scaleWord !== undefined) value *= SCALES[scaleWord] ?? 1;
    const unit = unitRaw === undefined ? null : unitRaw.toLowerCase().replace(/\s+/g, " ");
    const info = unit === null ? undefined : UNITS[unit];
    // A bare word number with no unit ("one of them") is too ambiguous to count as a quantity.
    if (digits === undefined && info === undefined && scaleWord === undefined) continue;
    const start = m.index ?? 0;
    out.push({
      value,
      unit: info === undefined ? null : unit,
      dimension: info?.dimension ?? null,
      base: value * (info?.factor ?? 1),
      start,
      end: start + whole.length,
    });
  }
  return out;
}

/**
 * The single quantity a gold answer states, or null when the gold is not numeric
 * (no number, several numbers, or more than two stray characters besides the quantity).
 */
export function parseGoldQuantity(gold: string): Quantity | null {
  const qs = extractQuantities(gold);
  if (qs.length !== 1) return null;
  const q = qs[0] as Quantity;
  const folded = foldUnicode(gold);
  const rest = (folded.slice(0, q.start) + " " + folded.slice(q.end)).replace(/[\s$€£¥~≈]|approx(imately)?|about|around|usd|eur/giu, "");
  return rest.length <= 2 ? q : null;
}

/**
 * Whether `answer` (a quantity) equals `gold` within tolerance: `|a − g| ≤ max(absTol, relTol·|g|)`,
 * compared in base units. A unitless answer is read in the gold's unit ("5" for gold "5 km");
 * an answer in another dimension never matches.
 */
export function quantitiesMatch(gold: Quantity, answer: Quantity, relTol: number, absTol: number): boolean {
  let a: number;
  if (answer.dimension === null) {
    const goldFactor = gold.unit === null ? 1 : (UNITS[gold.unit]?.factor ?? 1);
    a = answer.value * goldFactor;
  } else if (gold.dimension !== null && answer.dimension !== gold.dimension) {
    return false;
  } else {
    // A unitless gold leaves the unit to the question: compare the number as written.
    a = gold.dimension === null ? answer.value : answer.base;
  }
  const g = gold.dimension === null ? gold.value : gold.base;
  return Math.abs(a - g) <= Math.max(absTol, relTol * Math.abs(g));
}

/** The value of an answer that is only a small number word ("Three." → 3), else null. */
export function wordNumber(text: string): number | null {
  const w = foldUnicode(text)
    .toLowerCase()
    .replace(/[^\p{L}]/gu, "");
  const v = WORDS[w];
  return v === undefined ? null : v;
}
