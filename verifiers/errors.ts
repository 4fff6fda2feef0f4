/** @module Typed errors of the verifiers, with stable codes. */
import { CodedError } from "../core/index.ts";

/** Stable error codes raised by `verifiers/`. */
export type VerifierErrorCode =
  /** A rubric config names a reward function that is not registered. */
  | "UNKNOWN_REWARD"
  /** A rubric weight is not a finite number. */
  | "BAD_WEIGHT"
  /** A rubric config is malformed (not an object, bad JSON, unknown or mistyped parameter). */
  | "BAD_CONFIG"
  /** A task names a rubric that is neither registered nor valid JSON. */
  | "UNKNOWN_RUBRIC"
  /** A task row could not be turned into a `Task`. */
  | "BAD_TASK"
  /** A reward needs `ctx.corpus` (evidence rewards) and none was given. */
  | "CORPUS_REQUIRED"
  /** `llm_judge` was asked for but no judge is configured in the context. */
  | "JUDGE_NOT_CONFIGURED"
  /** The judge endpoint failed (network error, HTTP status, bad envelope). */
  | "JUDGE_FAILED"
  /** The judge did not answer within its timeout. */
  | "JUDGE_TIMEOUT"
  /** The judge answered but its verdict could not be parsed. */
  | "BAD_JUDGE_OUTPUT"
  /** Bad arguments to a group helper (advantages, pass@k, majority vote). */
  | "BAD_GROUP"
  /** A reward function returned something that is not a finite score. */
  | "BAD_SCORE";

/** Base error of the verifiers; `code` is stable and safe to match on. */
export class VerifierError extends CodedError<VerifierErrorCode> {
  constructor(code: VerifierErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "VerifierError";
  }
}
