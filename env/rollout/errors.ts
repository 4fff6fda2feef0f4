/** @module Typed errors of the rollout generator, with stable codes. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes of `env/rollout/`: `BAD_CONFIG` (invalid options), `UNKNOWN_TASK` (a task id not in
 * the corpus), `LOG_ERROR` (the trajectory log cannot be opened or written), `RESUME_MISMATCH` (resuming
 * a run with a different configuration), `POLICY_ERROR` (a policy failed), `HTTP_ERROR` (the model
 * endpoint answered with an error after retries), `TIMEOUT` (a request took too long), `REMOTE_ERROR`
 * (the remote environment answered with an error or closed), `NO_ENVIRONMENT` (no in-process environment),
 * `EARLY_STOP` (the run stopped because episodes kept failing for one reason), `NOTHING_USABLE` (the run
 * ended without one finished episode). The log's own errors are `TrajectoryError`s (`env/trajectory`).
 */
export type RolloutErrorCode =
  | "BAD_CONFIG"
  | "UNKNOWN_TASK"
  | "LOG_ERROR"
  | "RESUME_MISMATCH"
  | "POLICY_ERROR"
  | "HTTP_ERROR"
  | "TIMEOUT"
  | "REMOTE_ERROR"
  | "NO_ENVIRONMENT"
  | "EARLY_STOP"
  | "NOTHING_USABLE";

/** One reason episodes failed for, with how many did. */
export interface FailureReason {
  reason: string;
  count: number;
}

/** Base error of the rollout generator; `code` is stable and safe to match on. */
export class RolloutError extends CodedError<RolloutErrorCode> {
  /** When a run stopped: why its episodes failed, most frequent first (empty otherwise). */
  readonly failures: readonly FailureReason[];
  constructor(code: RolloutErrorCode, message: string, options?: ErrorOptions & { failures?: readonly FailureReason[] }) {
    super(code, message, options);
    this.name = "RolloutError";
    this.failures = options?.failures ?? [];
  }
}
