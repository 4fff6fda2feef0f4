/**
 * @module The browser view, modelled on gpt-oss's `simple_browser` tool: page text with links as
 * `【{id}†{anchor}】` (`【{id}†{anchor}†{domain}】` when off-site), wrapped at 80 columns, lines
 * numbered `L{n}: `, a `[{cursor}] {title} ({url})` header, a `**viewing lines [a - b] of N**`
 * scrollbar (b and N are 0-based line indices, as gpt-oss prints them), and a viewport of about
 * 1024 tokens.
 *
 * Token estimate: 1 token ≈ 4 characters (UTF-16 code units) of the numbered body. gpt-oss counts
 * real o200k tokens; like it, the line that crosses the budget is shown whole.
 *
 * Link placement: stored pages keep text and links apart, so each anchor is found in the text (see
 * `layoutLinks`). Links whose anchor is empty or not found are listed after the text under a
 * `Links:` line, one marker per line (an empty anchor shows the URL instead).
 */
import { PagesError } from "./errors.ts";
import { layoutLinks, type LinkInput } from "./link-layout.ts";
import { wrapLines } from "./text-wrap.ts";

/** Characters per token of the viewport estimate. */
export const CHARS_PER_TOKEN = 4;
/** Default viewport, in (estimated) tokens, as gpt-oss's `view_tokens`. */
export const DEFAULT_VIEW_TOKENS = 1024;
/** Wrap width, as gpt-oss's `wrap_lines`. */
export const WRAP_WIDTH = 80;

/** A page prepared for the browser view: wrapped lines with link markers, and the link table. */
export interface BrowserDocument {
  title: string;
  url: string;
  /** Wrapped display lines (without `L{n}: ` prefixes). */
  lines: string[];
  /** Link id → URL, for `open(id)` from this page. */
  links: string[];
}

/** Options of {@link renderBrowserView}. */
export interface BrowserViewOptions {
  /** Position of the page in the agent's page stack, shown as `[cursor]`. Default 0. */
  cursor?: number;
  /** First line to show (0-based). Negative means unset → 0, as in gpt-oss. Default 0. */
  loc?: number;
  /** Lines to show; ≤ 0 (default) fills the token viewport. */
  numLines?: number;
  /** Viewport size in estimated tokens. Default 1024. */
  viewTokens?: number;
}

/** One rendered viewport. */
export interface BrowserView {
  /** The full observation text: header, scrollbar, blank line, numbered lines. */
  text: string;
  /** First line shown. */
  loc: number;
  /** One past the last line shown. */
  end: number;
  /** Number of lines of the page. */
  totalLines: number;
  /** Link id (as a string) → URL, as gpt-oss's `PageContents.urls`. */
  links: Record<string, string>;
}

/**
 * Prepares a page for the browser view (cache the result per page: it does the wrapping).
 * @example
 * const doc = browserDocument({ title: "A", url: "https://a.org/", text: "Go to B." },
 *   [{ url: "https://b.org/", anchor: "B" }]);
 * doc.lines; // ["Go to 【0†B†b.org】."]
 */
export function browserDocument(page: { title: string; url: string; text: string }, links: readonly LinkInput[] = []): BrowserDocument {
  const pageDomain = domainOf(page.url);
  const text = displayText(page.text);
  const layout = layoutLinks(
    text,
    links.map((l) => ({ url: l.url, anchor: displayText(l.anchor.trim()) })),
  );
  const marker = (id: number, anchor: string, url: string): string => {
    const d = domainOf(url);
    const shown = anchor.replaceAll("†", "‡");
    return d === pageDomain || d === "" ? `【${id}†${shown}】` : `【${id}†${shown}†${d}】`;
  };
  let body = "";
  for (const s of layout.segments) body += s.kind === "text" ? s.text : marker(s.id, s.anchor, s.url);
  if (layout.unplaced.length > 0) {
    body += "\n\nLinks:";
    for (const u of layout.unplaced) body += `\n${marker(u.id, u.anchor === "" ? u.url : u.anchor, u.url)}`;
  }
  return {
    title: page.title !== "" ? page.title : pageDomain,
    url: page.url,
    lines: wrapLines(body, WRAP_WIDTH),
    links: layout.urls,
  };
}

/**
 * Renders one viewport of a prepared page. Throws `INVALID_LOCATION` when `loc` is past the last
 * line (with gpt-oss's message) and `INVALID_ARGUMENT` for non-integer options.
 * @example
 * renderBrowserView(doc, { cursor: 2 }).text;
 * // "[2] A (https://a.org/)\n**viewing lines [0 - 0] of 0**\n\nL0: Go to 【0†B†b.org】."
 */
export function renderBrowserView(doc: BrowserDocument, opts: BrowserViewOptions = {}): BrowserView {
  const cursor = intOption("cursor", opts.cursor ?? 0);
  const numLines = intOption("num_lines", opts.numLines ?? -1);
  const viewTokens = intOption("view_tokens", opts.viewTokens ?? DEFAULT_VIEW_TOKENS);
  let loc = intOption("loc", opts.loc ?? 0);
  if (loc < 0) loc = 0;
  const total = doc.lines.length;
  if (loc >= total) {
    throw new PagesError("INVALID_LOCATION", `Invalid location parameter: \`${loc}\`. Cannot exceed page maximum of ${total - 1}.`);
  }
  const end = endLoc(doc.lines, loc, numLines, viewTokens);
  let body = "";
  for (let i = loc; i < end; i++) body += `${i === loc ? "" : "\n"}L${i}: ${doc.lines[i] as string}`;
  const shownUrl = truncate(unquote(doc.url), 1024);
  const header = `${doc.title}${shownUrl !== "" ? ` (${shownUrl})` : ""}`;
  const text = `[${cursor}] ${header}\n**viewing lines [${loc} - ${end - 1}] of ${total - 1}**\n\n${body}`;
  const links: Record<string, string> = {};
  doc.links.forEach((u, i) => (links[String(i)] = u));
  return { text, loc, end, totalLines: total, links };
}

/**
 * gpt-oss's `get_end_loc` with the chars/4 token estimate: with `numLines > 0` show that many lines;
 * otherwise show every line when the numbered rest of the page fits `viewTokens`, else the lines
 * that start before the budget runs out (the crossing line included).
 */
export function endLoc(lines: readonly string[], loc: number, numLines: number, viewTokens: number): number {
  const total = lines.length;
  if (numLines > 0) return Math.min(loc + numLines, total);
  const budget = viewTokens * CHARS_PER_TOKEN;
  let pos = 0;
  let newlines = 0;
  for (let i = loc; i < total; i++) {
    const lineEnd = pos + `L${i}: `.length + (lines[i] as string).length;
    if (i === total - 1) return total; // the rest fits (or only its last line crosses): show all
    if (lineEnd >= budget) return Math.min(loc + newlines + 1, total);
    newlines++;
    pos = lineEnd + 1;
  }
  return total;
}

/** Text as gpt-oss displays it: its link brackets and a few look-alikes replaced, zero-width spaces dropped. */
export function displayText(s: string): string {
  if (!/[【】◼\u200b]/.test(s)) return s;
  return s.replaceAll("【", "〖").replaceAll("】", "〗").replaceAll("◼", "◾").replaceAll("\u200b", "");
}

/** Host (with non-default port) of a URL, as Python's `urlparse(url).netloc` without credentials. */
export function domainOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

/** Python `urllib.parse.unquote`, falling back to the input when it is not valid percent-UTF-8. */
function unquote(s: string): string {
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** gpt-oss's `maybe_truncate`. */
function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 3)}...` : s;
}

function intOption(name: string, v: number): number {
  if (!Number.isInteger(v)) throw new PagesError("INVALID_ARGUMENT", `${name} must be an integer, got ${String(v)}`);
  return v;
}
