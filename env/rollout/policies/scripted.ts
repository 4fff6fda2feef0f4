/** @module The scripted policy: a deterministic search → open → find → extract → answer heuristic, no model. */
import { stream, type Rng } from "../../../core/index.ts";
import { cleanObservation, ruleFor, searchQuery, subjectOf, type AnswerRule } from "./answer-extract.ts";
import { defaultInitialMessages, type Policy, type PolicyContext, type PolicyDecision, type PolicyFactory } from "./policy.ts";

/** Options of the scripted policy. */
export interface ScriptedOptions {
  /** Search results requested (default 5). */
  k?: number;
  /** Result pages opened at most before falling back (default 3). */
  maxPages?: number;
  /**
   * Probability (per episode, drawn from the episode seed) of opening the results in a shuffled order
   * instead of by relevance, so a group's samples differ (default 0.3; 0 makes every sample identical).
   */
  explore?: number;
  /**
   * Search budget: at most this many web calls (search, open, find; a retried fault counts) before answering.
   * With a budget the policy opens results until the budget is spent (not only `maxPages`), and once the first
   * results are used up it searches again for the question's subject. Unset (the default): `maxPages` alone bounds it.
   */
  budget?: number;
}

interface Candidate {
  url: string;
  title: string;
}

type Phase = "search" | "open" | "find" | "done";

/** One episode of the scripted searcher. */
class ScriptedPolicy implements Policy {
  readonly name = "scripted";
  private readonly k: number;
  private readonly maxPages: number;
  private rule: AnswerRule | null = null;
  private subject = "";
  private phase: Phase = "search";
  private candidates: Candidate[] = [];
  private opened = 0;
  private current: Candidate | null = null;
  private fallback: { answer: string; url: string | null } | null = null;
  private maxSteps = 16;
  private retried = false;
  private readonly shuffle: Rng | null;
  private readonly budget: number | null;
  private used = 0;
  private researched = false;

  constructor(o: ScriptedOptions, seed: number) {
    this.k = o.k ?? 5;
    this.budget = o.budget ?? null;
    this.maxPages = this.budget !== null ? Number.POSITIVE_INFINITY : (o.maxPages ?? 3);
    const rng = stream(seed, "policy", "scripted");
    this.shuffle = rng.chance(o.explore ?? 0.3) ? rng : null;
  }

  initialMessages(question: string, firstObservation: string) {
    return defaultInitialMessages(question, firstObservation);
  }

  async act(ctx: PolicyContext): Promise<PolicyDecision> {
    if (this.rule === null) {
      this.rule = ruleFor(ctx.question);
      this.subject = subjectOf(ctx.question);
      const limits = ctx.info.limits as { maxSteps?: unknown } | undefined;
      if (typeof limits?.maxSteps === "number") this.maxSteps = limits.maxSteps;
      return this.call("search", { query: searchQuery(ctx.question), k: this.k });
    }
    const info = ctx.info;
    // a simulated fault (429/503/timeout): retry the same action once
    if (info.error === "FAULT" && !this.retried && info.action && typeof info.action === "object" && ctx.step < this.maxSteps - 1) {
      this.retried = true;
      const a = info.action as { name: string; arguments: Record<string, unknown> };
      return this.call(a.name, a.arguments);
    }
    this.retried = false;
    const text = cleanObservation(ctx.lastObservation);
    if (this.phase === "search") {
      const fresh = rankCandidates(info.results, this.subject);
      if (this.researched) {
        const seen = new Set(this.candidates.map((c) => c.url));
        this.candidates = [...this.candidates.slice(0, this.opened), ...fresh.filter((c) => !seen.has(c.url))];
      } else this.candidates = fresh;
      if (this.shuffle !== null && !this.researched) this.shuffle.shuffle(this.candidates);
      if (this.fallback === null) {
        const fromSnippets = this.rule.extract(text, this.subject);
        if (fromSnippets !== null) this.fallback = { answer: fromSnippets, url: this.candidates[0]?.url ?? null };
        else if (this.candidates[0]) this.fallback = { answer: bestPhrase(text, ctx.question), url: this.candidates[0].url };
      }
    } else if (info.error === null || info.error === undefined) {
      const found = this.rule.extract(text, this.subject);
      if (found !== null && this.current !== null) return this.answer(found, [typeof info.url === "string" ? info.url : this.current.url]);
      if (this.phase === "open" && this.rule.keyword.trim() !== "" && ctx.step < this.maxSteps - 1) {
        this.phase = "find";
        return this.call("find", { pattern: this.rule.keyword.trim() });
      }
    }
    if (ctx.step >= this.maxSteps - 1) return this.giveUp();
    const next = this.opened < this.maxPages ? this.candidates[this.opened] : undefined;
    if (next === undefined && this.budget !== null && !this.researched && this.subject !== "" && this.subject !== searchQuery(ctx.question)) {
      this.researched = true;
      this.phase = "search";
      return this.call("search", { query: this.subject, k: this.k });
    }
    if (next === undefined) return this.giveUp();
    this.opened++;
    this.current = next;
    this.phase = "open";
    return this.call("open", { url: next.url });
  }

  private giveUp(): PolicyDecision {
    const f = this.fallback;
    return this.answer(f?.answer ?? "unknown", f?.url ? [f.url] : []);
  }

  private answer(answer: string, citations: string[]): PolicyDecision {
    this.phase = "done";
    return this.call("answer", { answer, citations });
  }

  private call(name: string, args: Record<string, unknown>): PolicyDecision {
    if (this.budget !== null && name !== "answer") {
      if (this.used >= this.budget) return this.giveUp();
      this.used++;
    }
    return { action: { name, arguments: args } };
  }
}

/** Search results from `info.results`, pages whose title names the subject first (stable otherwise). */
function rankCandidates(results: unknown, subject: string): Candidate[] {
  if (!Array.isArray(results)) return [];
  const list = results
    .filter((r): r is { url: string; title?: unknown } => r !== null && typeof r === "object" && typeof (r as { url?: unknown }).url === "string")
    .map((r) => ({ url: r.url, title: typeof r.title === "string" ? r.title : "" }));
  const s = subject.toLowerCase();
  const score = (c: Candidate): number => (s !== "" && c.title.toLowerCase().includes(s) ? 0 : 1);
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => score(a.c) - score(b.c) || a.i - b.i)
    .map((x) => x.c);
}

/** Fallback answer: the first capitalised phrase of the snippets that is not already in the question. */
function bestPhrase(text: string, question: string): string {
  const q = question.toLowerCase();
  for (const m of text.matchAll(/\b[A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+)*/gu)) {
    if (!q.includes(m[0].toLowerCase()) && m[0].length > 2) return m[0];
  }
  return /\b[0-9][0-9,.]*\b/.exec(text)?.[0] ?? "unknown";
}

/**
 * The scripted policy: searches the question, opens the top results (those naming the subject first),
 * uses `find` with the question's key term, extracts the answer span by question pattern (a year near
 * "founded", the place after "born in", a number before "m tall"...), and answers citing the page. Falls
 * back to a span from the result snippets. Deterministic in the episode seed (which may shuffle the order
 * results are opened in, see `explore`); needs no model.
 * @example
 * const factory = scriptedPolicy();
 * const policy = factory.create({ seed: 1, episodeId: "t1#0" });
 */
export function scriptedPolicy(o: ScriptedOptions = {}): PolicyFactory {
  return { name: "scripted", config: { policy: "scripted", ...o }, create: ({ seed }) => new ScriptedPolicy(o, seed) };
}
