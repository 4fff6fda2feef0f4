/** @module One search call for every search-shaped route, with the engine's errors mapped to HTTP. */
import { MAX_QUERY_CHARS, SearchError, type SearchOptions, type SearchResponse } from "../search/index.ts";
import type { SimWeb } from "../simweb/index.ts";
import { HttpError } from "./errors.ts";

/** Longest query accepted by any route (the engine's own limit). */
export const MAX_QUERY_LENGTH = MAX_QUERY_CHARS;

/**
 * Runs `query` on the search backend (awaited: a remote backend answers with a promise); `BAD_QUERY`/`BAD_OPTION` become `VALIDATION_ERROR`.
 * @example
 * (await runSearch(web, "binary search", 10, 0)).results[0]?.url;
 */
export async function runSearch(web: SimWeb, query: string, k: number, offset: number, extra: SearchOptions = {}): Promise<SearchResponse> {
  try {
    return await web.search.search(query, { ...extra, k, offset });
  } catch (err) {
    if (err instanceof SearchError && (err.code === "BAD_QUERY" || err.code === "BAD_OPTION")) {
      throw new HttpError("VALIDATION_ERROR", err.message, { cause: err });
    }
    throw err;
  }
}

/** A snippet without the engine's `**bold**` match markers (for APIs that return plain text). */
export function plainSnippet(snippet: string): string {
  return snippet.replaceAll("**", "");
}
