/** @module Guards that stop "contains the gold" scoring from rewarding lists, echoes and stuffing. */
import { answerTokens, containsTokens, foldUnicode, normalizeAnswer } from "../normalize.ts";
import { dateKey, findDates, parseGoldDate, precision } from "./dates.ts";
import type { PartialDate } from "./dates.ts";
import { extractQuantities, parseGoldQuantity } from "./numbers.ts";
import type { Quantity } from "./numbers.ts";

/** Why a containment match was refused (stable strings, reported in reward details). */
export type ContainmentRejection = "not_contained" | "gold_in_question" | "too_long" | "candidate_list" | "multiple_candidates";

/** Result of `checkContainment`. */
export interface ContainmentCheck {
  ok: boolean;
  /** Null when `ok`. */
  reason: ContainmentRejection | null;
  /** Words in the answer beyond the gold, the question's words and filler words. */
  extraTokens: string[];
}

/** How much an answer may add to the gold (rule 4 of `checkContainment`). */
export interface ContainmentLimits {
  /** Absolute cap on extra words. Default 3. */
  maxExtraTokens: number;
  /** Extra words allowed per gold word. Default 1. */
  maxExtraRatio: number;
}

/** Default limits: at most as many extra words as the gold has, and never more than 3. */
export const DEFAULT_LIMITS: ContainmentLimits = { maxExtraTokens: 3, maxExtraRatio: 1 };

/** Filler words that may surround an answer without counting as extra content. */
const FILLER = new Set(
  (
    "and or is was are were be been it its this that these those of in on at to for by with from as " +
    "answer final my i think believe guess he she they his her their them which who whom called " +
    "named known located situated approximately about around roughly exactly"
  ).split(" "),
);

/** Separators of list-shaped answers ("A, B", "A or B", "A / B", bullet lines). */
const LIST_SEP_RE = /[,;/|\n•·]|\s(?:or|and\/or|and|either|nor|vs\.?|versus)\s|\s[-–—]\s/iu;

/** Segments of `text` split on list separators, as normalised token lists (empty ones dropped). */
function segments(text: string): string[][] {
  return foldUnicode(text)
    .split(LIST_SEP_RE)
    .map((s) => answerTokens(s))
    .filter((t) => t.length > 0);
}

/** Removes the first occurrence of the token run `gold` from `tokens`. */
function removeRun(tokens: string[], gold: string[]): string[] {
  for (let i = 0; i + gold.length <= tokens.length; i++) {
    if (gold.every((g, j) => tokens[i + j] === g)) return [...tokens.slice(0, i), ...tokens.slice(i + gold.length)];
  }
  return tokens;
}

/**
 * Counts distinct candidate values of the gold's type in the answer, ignoring values the question
 * itself mentions. Dates count when they are incompatible with the gold at their own precision
 * (e.g. "1987" and "1988"); numbers count when their values differ.
 */
export function countTypedCandidates(answer: string, gold: string, question: string): number {
  const goldDate = parseGoldDate(gold);
  if (goldDate !== null) return distinctDates(findDates(answer), findDates(question), goldDate);
  const goldQty = parseGoldQuantity(gold);
  if (goldQty !== null) return distinctQuantities(extractQuantities(answer), extractQuantities(question));
  return 0;
}

function distinctDates(ans: PartialDate[], q: PartialDate[], gold: PartialDate): number {
  const qKeys = new Set(q.map((d) => dateKey(d, precision(d))));
  const keys = new Set<string>();
  for (const d of ans) {
    if (qKeys.has(dateKey(d, precision(d)))) continue;
    const p = Math.min(precision(d), precision(gold)) as 1 | 2 | 3;
    // A less precise date consistent with the gold ("1987" next to "March 5, 1987") is not a rival.
    keys.add(dateKey(d, p) === dateKey(gold, p) ? "gold" : dateKey(d, p));
  }
  return keys.size;
}

function distinctQuantities(ans: Quantity[], q: Quantity[]): number {
  const qVals = new Set(q.map((x) => x.value));
  const vals: number[] = [];
  for (const x of ans) {
    if (qVals.has(x.value)) continue;
    if (!vals.some((v) => Math.abs(v - x.base) <= 1e-9 * Math.max(1, Math.abs(v)))) vals.push(x.base);
  }
  return vals.length;
}

/**
 * Decides whether `answer` "contains" `gold` in a way that deserves credit. Rules, in order:
 * 1. the normalised gold occurs in the normalised answer on token boundaries;
 * 2. an answer equal to the gold is accepted at once;
 * 3. if the gold occurs in the question, containment proves nothing (echoing the question would
 *    match), so only equality counts (`gold_in_question`);
 * 4. after removing the gold, the question's words and filler words, at most
 *    `min(limits.maxExtraTokens, limits.maxExtraRatio × gold tokens)` words may remain, i.e. the
 *    answer must be short relative to the gold (`too_long`: stuffing, "paris lyon marseille",
 *    explanations that bury several entities);
 * 5. split on list separators (`,` `;` `/` `|` newlines, "or", "and", "vs"...), the answer may
 *    have no more content segments than the gold itself (`candidate_list`: "Paris, Lyon or Nice");
 * 6. for date and numeric golds, at most one distinct date/number of that type, ignoring values
 *    stated in the question (`multiple_candidates`: "1986 or 1987", "1986 1987").
 * @example
 * checkContainment("The answer is Paris", "Paris", "What is the capital of France?").ok // true
 * checkContainment("Paris, Lyon or Nice", "Paris", "Which city...?").reason // "candidate_list"
 */
export function checkContainment(answer: string, gold: string, question: string, limits: ContainmentLimits = DEFAULT_LIMITS): ContainmentCheck {
  const a = normalizeAnswer(answer);
  const g = normalizeAnswer(gold);
  const q = normalizeAnswer(question);
  if (!containsTokens(a, g)) return { ok: false, reason: "not_contained", extraTokens: [] };
  if (a === g) return { ok: true, reason: null, extraTokens: [] };
  if (containsTokens(q, g)) return { ok: false, reason: "gold_in_question", extraTokens: [] };
  const qTokens = new Set(q.split(" "));
  const extra = removeRun(a.split(" "), g.split(" ")).filter((t) => !FILLER.has(t) && !qTokens.has(t));
  const allowed = Math.min(limits.maxExtraTokens, Math.floor(limits.maxExtraRatio * g.split(" ").length));
  if (extra.length > allowed) return { ok: false, reason: "too_long", extraTokens: extra };
  const isContent = (seg: string[]): boolean => seg.some((t) => !FILLER.has(t) && !qTokens.has(t));
  const answerSegs = segments(answer).filter(isContent).length;
  const goldSegs = Math.max(1, segments(gold).length);
  if (answerSegs > goldSegs) return { ok: false, reason: "candidate_list", extraTokens: extra };
  if (countTypedCandidates(answer, gold, question) > 1) {
    return { ok: false, reason: "multiple_candidates", extraTokens: extra };
  }
  return { ok: true, reason: null, extraTokens: extra };
}
