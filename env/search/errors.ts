/** @module Typed errors of the search engine, with stable codes. */
import { CodedError } from "../../core/index.ts";

/** Stable error codes raised by `env/search/`. */
export type SearchErrorCode = "INDEX_MISSING" | "INDEX_VERSION" | "INDEX_CORRUPT" | "INDEX_STALE" | "BAD_QUERY" | "BAD_OPTION" | "DB_ERROR" | "DEADLINE";

/** Base error of the search engine; `code` is stable and safe to match on. */
export class SearchError extends CodedError<SearchErrorCode> {
  constructor(code: SearchErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "SearchError";
  }
}
