/** @module Typed errors of the run viewer, with stable codes and the HTTP status each maps to. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes of `env/ui/`: `LOG_NOT_FOUND` (no such run file), `BAD_LOG` (not a simweb trajectory
 * log, or it cannot be opened), `LOG_BUSY` (a writer holds the log and has published no live snapshot yet), `BAD_PARAM` (a bad query parameter),
 * `NOT_FOUND` (no such route, run, group or episode), `METHOD_NOT_ALLOWED` (not GET/HEAD), `INTERNAL_ERROR` (an unexpected failure).
 */
export type UiErrorCode = "LOG_NOT_FOUND" | "BAD_LOG" | "LOG_BUSY" | "BAD_PARAM" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "INTERNAL_ERROR";

const STATUS: Record<UiErrorCode, number> = {
  LOG_NOT_FOUND: 500,
  BAD_LOG: 500,
  LOG_BUSY: 503,
  BAD_PARAM: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INTERNAL_ERROR: 500,
};

/** Base error of the run viewer; `code` is stable and safe to match on, `status` is the HTTP status. */
export class UiError extends CodedError<UiErrorCode> {
  readonly status: number;
  constructor(code: UiErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "UiError";
    this.status = STATUS[code];
  }
}
