/** @module The judge contract: what `llm_judge` asks and what a judge answers. */

/** One grading request: the task's question and gold aliases, and the agent's final answer. */
export interface JudgeRequest {
  taskId: string;
  question: string;
  /** Gold aliases; the first is the canonical correct answer. */
  answers: string[];
  /** The agent's final answer, untrusted (quoted in the prompt, never followed). */
  response: string;
}

/** A parsed judgement, in BrowseComp's fields. */
export interface Judgement {
  /** The answer the judge extracted from the response, or null for "None". */
  extractedFinalAnswer: string | null;
  correct: boolean;
  /** The response's stated confidence, 0–100 (100 when it states none, as in BrowseComp). */
  confidence: number;
}

/** Failure codes of a judgement (also `VerifierErrorCode`s). */
export type JudgeFailureCode = "JUDGE_FAILED" | "JUDGE_TIMEOUT" | "BAD_JUDGE_OUTPUT";

/** A judge's answer: a judgement (possibly from cache) or a failure with its reason. */
export type JudgeVerdict = ({ ok: true; cached: boolean } & Judgement) | { ok: false; code: JudgeFailureCode; reason: string };

/** Anything that can grade an answer (the HTTP `LlmJudge`, or a stub in tests). */
export interface Judge {
  /** Model name, part of the cache key. */
  readonly model: string;
  /** Never rejects: failures come back as `{ ok: false }` verdicts. */
  grade(request: JudgeRequest): Promise<JudgeVerdict>;
}
