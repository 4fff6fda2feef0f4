/** @module What an episode needs from the simulated web (search, open, find), kept abstract so it is unit-testable. */

/** One search result as an agent sees it. */
export interface SearchHit {
  rank: number;
  url: string;
  title: string;
  snippet: string;
  score: number;
}

/** One page of search results. */
export interface SearchPage {
  total: number;
  results: SearchHit[];
}

/** A viewport of a page rendered in the browser view. */
export interface PageView {
  /** The rendered text (header, numbered lines, footer). */
  text: string;
  /** Link id → absolute URL for the link markers on this page. */
  links: readonly string[];
  /** First and last line shown, and the page's total line count. */
  first: number;
  last: number;
  totalLines: number;
}

/** An opened page: its identity and how to render or search it. */
export interface OpenedPage {
  kind: "page";
  url: string;
  title: string;
  /** Renders lines [loc, loc + numLines) (a default viewport when numLines is null); cursor is the page's cursor number. */
  view(cursor: number, loc: number, numLines: number | null): PageView;
  /** Find-in-page results as text (gpt-oss format). */
  find(cursor: number, pattern: string): string;
}

/** Result of opening a URL. Redirects are followed by the episode (at most 5 hops). */
export type OpenResult = OpenedPage | { kind: "redirect"; location: string } | { kind: "not_found"; url: string; text: string };

/** The web an episode browses. */
export interface EpisodeWeb {
  /** Top `k` results; a remote search backend may answer with a promise. */
  search(query: string, k: number): SearchPage | Promise<SearchPage>;
  open(url: string): OpenResult;
  /** Page text by canonical URL for evidence verifiers (null when absent). */
  pageText(url: string): string | null;
}
