/** @module Typed errors of the exporters, with stable codes. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes of `env/export/`: `LOG_NOT_FOUND` (no such log file), `BAD_LOG` (not a simweb
 * trajectory log), `BAD_OPTION` (invalid export options), `NO_CORRECTNESS` (`onlyCorrect` but the log has
 * no correctness component), `WRITE_ERROR` (the output could not be written), `EMPTY_SELECTION` (nothing
 * to export: an empty log, an unknown split, or filters that keep no episode; no file is written).
 */
export type ExportErrorCode = "LOG_NOT_FOUND" | "BAD_LOG" | "BAD_OPTION" | "NO_CORRECTNESS" | "WRITE_ERROR" | "EMPTY_SELECTION";

/** Base error of the exporters; `code` is stable and safe to match on. */
export class ExportError extends CodedError<ExportErrorCode> {
  constructor(code: ExportErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "ExportError";
  }
}
