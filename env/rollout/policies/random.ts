/** @module The random policy: seeded random tool calls, a floor for baselines. */
import { stream, type Rng } from "../../../core/index.ts";
import { cleanObservation } from "./answer-extract.ts";
import { defaultInitialMessages, type Policy, type PolicyContext, type PolicyDecision, type PolicyFactory } from "./policy.ts";

/** Options of the random policy. */
export interface RandomOptions {
  /** Probability of answering at each step (default 0.15); the last allowed step always answers. */
  answerProbability?: number;
}

class RandomPolicy implements Policy {
  readonly name = "random";
  private readonly rng: Rng;
  private readonly pAnswer: number;

  constructor(seed: number, o: RandomOptions) {
    this.rng = stream(seed, "policy", "random");
    this.pAnswer = o.answerProbability ?? 0.15;
  }

  initialMessages(question: string, firstObservation: string) {
    return defaultInitialMessages(question, firstObservation);
  }

  async act(ctx: PolicyContext): Promise<PolicyDecision> {
    const qWords = ctx.question
      .replace(/[?!.,;:]/g, "")
      .split(/\s+/)
      .filter((w) => w.length > 2);
    const obsWords = cleanObservation(ctx.lastObservation)
      .split(/\s+/)
      .filter((w) => /^[\p{L}0-9]{3,}$/u.test(w));
    const maxSteps = Number((ctx.info.limits as { maxSteps?: number } | undefined)?.maxSteps ?? Infinity);
    const r = this.rng;
    if (ctx.step > 0 && (r.chance(this.pAnswer) || ctx.step >= maxSteps - 1)) {
      return { action: { name: "answer", arguments: { answer: obsWords.length > 0 ? r.pick(obsWords) : "unknown" } } };
    }
    const kind = ctx.step === 0 ? 0 : r.int(3);
    if (kind === 0) {
      const words = r.shuffle([...qWords]).slice(0, 1 + r.int(Math.max(1, qWords.length)));
      return { action: { name: "search", arguments: { query: words.join(" ") || "web" } } };
    }
    if (kind === 1) return { action: { name: "open", arguments: { id: 1 + r.int(5) } } };
    return { action: { name: "find", arguments: { pattern: qWords.length > 0 ? r.pick(qWords) : "the" } } };
  }
}

/**
 * The random policy: a seeded mix of searches with question words, opens of random result ranks,
 * finds and answers with a random word of the last observation. Same seed, same actions.
 * @example
 * randomPolicy().create({ seed: 3, episodeId: "t1#0" });
 */
export function randomPolicy(o: RandomOptions = {}): PolicyFactory {
  return { name: "random", config: { policy: "random", ...o }, create: ({ seed }) => new RandomPolicy(seed, o) };
}
