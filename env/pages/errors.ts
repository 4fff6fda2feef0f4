/** @module Typed errors of the page store and renderers, with stable codes. */
import { CodedError } from "../../core/index.ts";

/** Stable error codes raised by `env/pages/`. */
export type PagesErrorCode =
  | "CORPUS_INVALID" // the corpus file's pages/links tables cannot be served (ids not dense, bad rows)
  | "STORE_CLOSED" // lazy HTML asked for after `close()`
  | "INVALID_LOCATION" // browser view `loc` past the last line
  | "INVALID_ARGUMENT" // a non-integer `loc`/`num_lines`/`cursor`, or a bad option
  | "EMPTY_PATTERN"; // find-in-page with an empty pattern

/** Base error of the page store; `code` is stable and safe to match on. */
export class PagesError extends CodedError<PagesErrorCode> {
  constructor(code: PagesErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "PagesError";
  }
}
