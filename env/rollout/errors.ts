/** @module Typed errors of the rollout generator and the trajectory log, with stable codes. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes of `env/rollout/`: `BAD_CONFIG` (invalid options), `UNKNOWN_TASK` (a task id not in
 * the corpus), `LOG_ERROR` (the trajectory log cannot be opened or written), `RESUME_MISMATCH` (resuming
 * a run with a different configuration), `POLICY_ERROR` (a policy failed), `HTTP_ERROR` (the model
 * endpoint answered with an error after retries), `TIMEOUT` (a request took too long), `REMOTE_ERROR`
 * (the remote environment answered with an error or closed), `NO_ENVIRONMENT` (no in-process environment).
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
  | "NO_ENVIRONMENT";

/** Base error of the rollout generator; `code` is stable and safe to match on. */
export class RolloutError extends CodedError<RolloutErrorCode> {
  constructor(code: RolloutErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "RolloutError";
  }
}
