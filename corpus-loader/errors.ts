/** @module Typed errors of the corpus loader, with stable codes. */
import { CodedError } from "../core/index.ts";

/** Stable error codes raised by `corpus-loader/`. */
export type LoaderErrorCode =
  | "UNKNOWN_FORMAT"
  | "FILE_NOT_FOUND"
  | "BAD_INPUT"
  | "CORPUS_BUSY"
  | "SCHEMA_MISMATCH"
  | "SCHEMA_TOO_NEW"
  | "INDEX_MISSING"
  | "GENERATOR_ERROR"
  | "INDEX_BUILD_ERROR";

/** Base error of the corpus loader; `code` is stable and safe to match on. */
export class LoaderError extends CodedError<LoaderErrorCode> {
  constructor(code: LoaderErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "LoaderError";
  }
}
