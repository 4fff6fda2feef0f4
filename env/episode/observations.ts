/** @module Text of the observations an episode returns: the task prompt, search results, errors. */
import type { Task } from "../../core/index.ts";
import type { SearchHit } from "./web.ts";

/** Instructions shown with every question. */
export const INSTRUCTIONS =
  "Answer the question using the web. Tools: search(query) returns ranked results; open(url | id) opens a URL, " +
  "a result by its rank, or a link 【id†…】 of the current page (loc scrolls); find(pattern) searches the current page; " +
  "answer(answer, citations) gives the final answer and ends the episode. Answer with the shortest exact string and " +
  "cite the URLs that support it.";

/** The first observation of an episode. */
export function questionObservation(task: Task): string {
  return `Question: ${task.question}\n\n${INSTRUCTIONS}`;
}

/** Search results in the browser view's style: one block per result, openable by rank. */
export function searchObservation(cursor: number, query: string, total: number, hits: readonly SearchHit[]): string {
  const head = `[${cursor}] Search results for "${query}" (${total} match${total === 1 ? "" : "es"})`;
  if (hits.length === 0) return `${head}\nNo results. Try other words, fewer terms, or drop site: filters.`;
  const blocks = hits.map((h) => `【${h.rank}†${h.title || h.url}†${domainOf(h.url)}】\n${h.url}\n${h.snippet}`);
  return `${head}\n\n${blocks.join("\n\n")}`;
}

/** Search results as Search-R1's retriever formats them for its prompts (`<information>` added by the caller). */
export function searchR1Passages(hits: readonly SearchHit[]): string {
  return hits.map((h, i) => `Doc ${i + 1}(Title: ${h.title}) ${h.snippet.replaceAll("**", "")}`).join("\n");
}

/** Observation of an invalid action (counts as a step). */
export function invalidActionObservation(message: string): string {
  return `Invalid action: ${message}`;
}

/** Observation of a simulated failure. */
export function faultObservation(fault: string, url: string | null): string {
  const where = url ? ` while fetching ${url}` : "";
  switch (fault) {
    case "http_429":
      return `Error: HTTP 429 Too Many Requests${where}. Retry later.`;
    case "http_500":
      return `Error: HTTP 500 Internal Server Error${where}.`;
    case "http_503":
      return `Error: HTTP 503 Service Unavailable${where}. Retry later.`;
    case "timeout":
      return `Error: the request timed out${where}.`;
    case "blocked_robots":
      return `Error: access to ${url ?? "this page"} is disallowed by robots.txt.`;
    case "blocked_paywall":
      return `This page is behind a paywall: subscribe to read ${url ?? "it"}.`;
    default:
      return `Error: ${fault}${where}.`;
  }
}

/** Host of a URL for display ("" when unparseable). */
export function domainOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/** The documented token estimate used for observation limits: ceil(chars / 4). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
