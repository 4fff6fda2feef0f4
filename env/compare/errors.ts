/** @module Typed errors of the run comparison, with stable codes. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes of `env/compare/`: `BAD_PRICES` (a price table that is not valid JSON of the documented
 * shape), `NO_RUNS` (nothing to compare: no log given, or no finished episode in any), `BAD_OPTION` (invalid options).
 */
export type CompareErrorCode = "BAD_PRICES" | "NO_RUNS" | "BAD_OPTION";

/**
 * Base error of the comparison; `code` is stable and safe to match on.
 * @example
 * throw new CompareError("BAD_PRICES", "prices.json: gpt-4o.input_per_1m must be a number ≥ 0");
 */
export class CompareError extends CodedError<CompareErrorCode> {
  constructor(code: CompareErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "CompareError";
  }
}
