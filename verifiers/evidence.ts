/** @module Evidence rewards: gold pages opened, citations that exist, were read and support the gold. */
import { VerifierError } from "./errors.ts";
import { containsTokens, normalizeAnswer } from "./normalize.ts";
import type { Params, RewardContext, RewardDefinition, RewardResult } from "./reward.ts";
import { boolParam, defaultParams, strParam, UNIT_RANGE } from "./reward.ts";
import type { CorpusView } from "./types.ts";
import type { Task, Trajectory } from "../core/index.ts";
import { urlKey } from "./url-key.ts";

const GOLD_PAGE_PARAMS = {
  mode: {
    default: "fraction",
    choices: ["fraction", "any", "all"],
    description: "fraction: opened gold pages / gold pages; any: 1 if one was opened; all: 1 if all were.",
  },
} as const;

/**
 * Whether the agent opened the task's gold pages (`trajectory.openedUrls` vs `task.goldUrls`).
 * `mode` "fraction" (default) gives |opened ∩ gold| / |gold|. 0 when the task has no gold URLs.
 * @example
 * // goldUrls [a, b], openedUrls [a, c] → 0.5 ("fraction"), 1 ("any"), 0 ("all")
 */
export function goldPageOpened(task: Task, trajectory: Trajectory, params: Params = defaultParams(GOLD_PAGE_PARAMS)): RewardResult {
  const gold = [...new Set(task.goldUrls.map(urlKey))];
  if (gold.length === 0) return { score: 0, details: { reason: "no_gold_urls" } };
  const opened = new Set(trajectory.openedUrls.map(urlKey));
  const hit = gold.filter((u) => opened.has(u));
  const mode = strParam(params, "mode");
  const score = mode === "any" ? (hit.length > 0 ? 1 : 0) : mode === "all" ? (hit.length === gold.length ? 1 : 0) : hit.length / gold.length;
  return { score, details: { opened: hit, missing: gold.filter((u) => !opened.has(u)) } };
}

/** Verdict on one cited URL. */
export interface CitationCheck {
  url: string;
  inCorpus: boolean;
  opened: boolean;
  /** The page text contains a gold alias after normalisation. */
  supportsGold: boolean;
  valid: boolean;
}

const CITATION_PARAMS = {
  require_opened: { default: true, description: "A citation must have been opened in this episode to count." },
} as const;

/** Normalised page texts per corpus view, most recent last (a small LRU: GRPO groups cite the same pages). */
const normalizedPages = new WeakMap<CorpusView, Map<string, string>>();
const PAGE_CACHE_SIZE = 256;

function normalizedPage(corpus: CorpusView, url: string, text: string): string {
  let cache = normalizedPages.get(corpus);
  if (cache === undefined) normalizedPages.set(corpus, (cache = new Map()));
  const hit = cache.get(url);
  if (hit !== undefined) {
    cache.delete(url);
    cache.set(url, hit);
    return hit;
  }
  const norm = normalizeAnswer(text);
  cache.set(url, norm);
  if (cache.size > PAGE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return norm;
}

function requireCorpus(ctx: RewardContext): CorpusView {
  if (ctx.corpus === undefined) throw new VerifierError("CORPUS_REQUIRED", "citation rewards need ctx.corpus (a CorpusView)");
  return ctx.corpus;
}

/**
 * Checks each distinct cited URL: it exists in the corpus, was opened in this episode (unless
 * `require_opened` is false), and its text contains a gold alias after `normalizeAnswer`
 * (token-boundary containment).
 */
export function checkCitations(task: Task, trajectory: Trajectory, corpus: CorpusView, requireOpened: boolean): CitationCheck[] {
  const opened = new Set(trajectory.openedUrls.map(urlKey));
  const golds = task.answers.map(normalizeAnswer).filter((g) => g !== "");
  const seen = new Set<string>();
  const out: CitationCheck[] = [];
  for (const cited of trajectory.citations) {
    const key = urlKey(cited);
    if (seen.has(key)) continue;
    seen.add(key);
    const text = corpus.pageText(cited) ?? (key === cited.trim() ? null : corpus.pageText(key));
    const inCorpus = text !== null;
    const wasOpened = opened.has(key);
    const norm = text === null ? "" : normalizedPage(corpus, key, text);
    const supportsGold = inCorpus && golds.some((g) => containsTokens(norm, g));
    out.push({ url: cited, inCorpus, opened: wasOpened, supportsGold, valid: inCorpus && supportsGold && (wasOpened || !requireOpened) });
  }
  return out;
}

/**
 * 1 when at least one cited URL is valid (in the corpus, opened in this episode, its text contains
 * a gold alias), else 0; 0 with `reason: "no_citations"` when nothing was cited.
 * Needs `ctx.corpus` (throws `CORPUS_REQUIRED` otherwise).
 * @example
 * await rubric.score(task, trajectory, { corpus: { pageText: (url) => store.text(url) } });
 */
export function citationValid(task: Task, trajectory: Trajectory, ctx: RewardContext, params: Params = defaultParams(CITATION_PARAMS)): RewardResult {
  const corpus = requireCorpus(ctx);
  if (trajectory.citations.length === 0) return { score: 0, details: { reason: "no_citations" } };
  const checks = checkCitations(task, trajectory, corpus, boolParam(params, "require_opened"));
  return { score: checks.some((c) => c.valid) ? 1 : 0, details: { citations: checks } };
}

/** Valid citations / distinct citations (0 when nothing was cited): penalises padding with extra URLs. */
export function citationPrecision(task: Task, trajectory: Trajectory, ctx: RewardContext, params: Params = defaultParams(CITATION_PARAMS)): RewardResult {
  const corpus = requireCorpus(ctx);
  if (trajectory.citations.length === 0) return { score: 0, details: { reason: "no_citations" } };
  const checks = checkCitations(task, trajectory, corpus, boolParam(params, "require_opened"));
  const valid = checks.filter((c) => c.valid).length;
  return { score: valid / checks.length, details: { valid, cited: checks.length } };
}

/**
 * Metric: steps (other than `answer`) whose observation contains a gold alias although the step
 * showed no corpus URL, i.e. the gold reached the agent other than through a corpus page (tool
 * echoes, error messages). Should always be 0. Gold aliases shorter than 3 characters are skipped.
 */
export function goldLeak(task: Task, trajectory: Trajectory): RewardResult {
  const golds = task.answers.map(normalizeAnswer).filter((g) => g.length >= 3);
  const steps: number[] = [];
  for (const s of trajectory.steps) {
    if (s.action?.name === "answer" || s.urls.length > 0) continue;
    const obs = normalizeAnswer(s.observation);
    if (golds.some((g) => containsTokens(obs, g))) steps.push(s.index);
  }
  return { score: steps.length, details: { steps } };
}

/** Registry entries of the evidence rewards. */
export const EVIDENCE_REWARDS: readonly RewardDefinition[] = [
  {
    name: "gold_page_opened",
    description: "Fraction of gold pages opened (or any/all by `mode`), in [0, 1].",
    range: UNIT_RANGE,
    fn: (task, trajectory, _ctx, params) => goldPageOpened(task, trajectory, params),
    params: GOLD_PAGE_PARAMS,
  },
  {
    name: "citation_valid",
    description: "1 if a cited URL is in the corpus, was opened this episode and its text contains a gold alias.",
    range: UNIT_RANGE,
    fn: (task, trajectory, ctx, params) => citationValid(task, trajectory, ctx, params),
    params: CITATION_PARAMS,
  },
  {
    name: "citation_precision",
    description: "Valid citations / cited URLs, in [0, 1].",
    range: UNIT_RANGE,
    fn: (task, trajectory, ctx, params) => citationPrecision(task, trajectory, ctx, params),
    params: CITATION_PARAMS,
  },
  {
    name: "gold_leak",
    description: "Metric: steps whose observation held a gold alias without showing a corpus URL (should be 0).",
    fn: (task, trajectory) => goldLeak(task, trajectory),
    params: {},
  },
];
