/** @module Typed errors of the trajectory log (writer and readers), with stable codes. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes of `env/trajectory/`: `BAD_CONFIG` (invalid writer options), `LOG_ERROR` (the log
 * cannot be opened, initialised or written), `RESUME_MISMATCH` (resuming a run with a different
 * configuration), `LOG_NOT_FOUND` (no such log file), `BAD_LOG` (not a simweb trajectory log, or unreadable),
 * `LOG_BUSY` (a writer process holds the log and publishes no live snapshot to read instead).
 */
export type TrajectoryErrorCode = "BAD_CONFIG" | "LOG_ERROR" | "RESUME_MISMATCH" | "LOG_NOT_FOUND" | "BAD_LOG" | "LOG_BUSY";

/**
 * Base error of the trajectory log; `code` is stable and safe to match on.
 * @example
 * throw new TrajectoryError("LOG_NOT_FOUND", `trajectory log not found: ${path}`);
 */
export class TrajectoryError extends CodedError<TrajectoryErrorCode> {
  constructor(code: TrajectoryErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "TrajectoryError";
  }
}
