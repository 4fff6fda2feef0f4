/**
 * @module Exa-shaped search and contents: `POST /exa/search` (`{query, numResults, contents?}` →
 * `{requestId, resolvedSearchType, results: [{id, url, title, score, publishedDate, author, text?, summary?}]}`)
 * and `POST /exa/contents` (`{urls | ids, text?, summary?}` → `{requestId, results, statuses}`).
 * `text: {includeHtmlTags: true}` gives HTML with the page's links as `<a href>`; `summary` is the
 * page's lead sentences (deterministic), so gpt-oss's `ExaBackend` works unchanged.
 */
import { createHash } from "node:crypto";
import { MAX_K } from "../search/index.ts";
import { parseJsonObject } from "./body.ts";
import { HttpError } from "./errors.ts";
import { leadSentences, renderLinkedHtml } from "../pages/index.ts";
import { resolvePage } from "./page-resolve.ts";
import { checkKeys, checkUrl, intParam, stringList, stringParam } from "./params.ts";
import { json } from "./reply.ts";
import type { RouteDef, RouteDeps } from "./route.ts";
import { MAX_QUERY_LENGTH, plainSnippet, runSearch } from "./run-search.ts";

/** `/exa/search` fields. Applied: query, numResults, includeDomains, excludeDomains, contents/text/highlights/summary. The rest are accepted and ignored. */
export const EXA_SEARCH_FIELDS = [
  "query",
  "numResults",
  "type",
  "category",
  "includeDomains",
  "excludeDomains",
  "startPublishedDate",
  "endPublishedDate",
  "startCrawlDate",
  "endCrawlDate",
  "useAutoprompt",
  "userLocation",
  "moderation",
  "contents",
  "text",
  "highlights",
  "summary",
] as const;
/** `/exa/contents` fields. Applied: urls, ids, text, highlights, summary. The freshness fields are accepted and ignored (the web is frozen). */
export const EXA_CONTENTS_FIELDS = [
  "urls",
  "ids",
  "text",
  "highlights",
  "summary",
  "livecrawl",
  "livecrawlTimeout",
  "maxAgeHours",
  "subpages",
  "subpageTarget",
  "extras",
] as const;
const CONTENT_OPTION_FIELDS = ["text", "highlights", "summary", "livecrawl", "livecrawlTimeout", "maxAgeHours", "subpages", "subpageTarget", "extras"] as const;

/** What text to return: false (none), or the character cap (Infinity for all) and whether as HTML with links. */
type TextOption = false | { cap: number; html: boolean };

/** Exa's two endpoints over the frozen web. `id` of a result is its URL, so ids from search work in contents. */
export function exaRoutes(deps: RouteDeps): RouteDef[] {
  const { web, limits } = deps;
  return [
    {
      path: "/exa/search",
      methods: {
        POST: async (ctx) => {
          const raw = await ctx.body();
          const body = parseJsonObject(raw) as Record<string, unknown>;
          checkKeys(body, EXA_SEARCH_FIELDS, "the /exa/search body");
          const query = stringParam("query", body.query, MAX_QUERY_LENGTH);
          const n = intParam("numResults", body.numResults, 1, MAX_K, 10);
          let contents: Record<string, unknown> = {};
          if (body.contents !== undefined) {
            if (body.contents === null || typeof body.contents !== "object" || Array.isArray(body.contents))
              throw new HttpError("VALIDATION_ERROR", "contents must be an object");
            contents = body.contents as Record<string, unknown>;
            checkKeys(contents, CONTENT_OPTION_FIELDS, "contents");
          }
          const text = textOption(contents.text ?? body.text, false);
          const highlights = (contents.highlights ?? body.highlights) !== undefined && (contents.highlights ?? body.highlights) !== false;
          const summary = summaryOption(contents.summary ?? body.summary);
          const q = `${query}${domains(body.includeDomains, "includeDomains", "site:")}${domains(body.excludeDomains, "excludeDomains", "-site:")}`;
          await ctx.fault("search", query);
          const r = await runSearch(web, q, n, 0);
          const results = r.results.map((h) => {
            const page = web.pages.page(h.pageId);
            return {
              id: h.url,
              url: h.url,
              title: h.title,
              score: h.score,
              publishedDate: page.fetchedAt,
              author: null,
              ...(text !== false ? { text: cap(text.html ? linkedHtml(web, page, page.text) : page.text, text.cap) } : {}),
              ...(highlights ? { highlights: [plainSnippet(h.snippet)], highlightScores: [h.score] } : {}),
              ...(summary ? { summary: leadSentences(page.text) } : {}),
            };
          });
          return json({ requestId: requestId(raw), resolvedSearchType: "keyword", results });
        },
      },
    },
    {
      path: "/exa/contents",
      methods: {
        POST: async (ctx) => {
          const raw = await ctx.body();
          const body = parseJsonObject(raw) as Record<string, unknown>;
          checkKeys(body, EXA_CONTENTS_FIELDS, "the /exa/contents body");
          if ((body.urls === undefined) === (body.ids === undefined)) throw new HttpError("VALIDATION_ERROR", "give urls or ids (one of them)");
          const name = body.urls !== undefined ? "urls" : "ids";
          const list = stringList(name, body[name], limits.maxBatch, 8192);
          const text = textOption(body.text, { cap: Number.POSITIVE_INFINITY, html: false });
          const highlights = body.highlights !== undefined && body.highlights !== false;
          const summary = summaryOption(body.summary);
          const urls = list.map((u, i) => checkUrl(u, `${name}[${i}]`));
          await ctx.fault("page", urls[0] as string);
          const results: unknown[] = [];
          const statuses = urls.map((u, i) => {
            const id = list[i] as string;
            const r = resolvePage(web.pages, u, null, { follow: true });
            if (r.kind !== "page") return { id, status: "error", error: { tag: "CRAWL_NOT_FOUND", httpStatusCode: 404 } };
            results.push({
              id,
              url: r.page.url,
              title: r.page.title,
              publishedDate: r.page.fetchedAt,
              author: null,
              ...(text !== false ? { text: cap(text.html ? linkedHtml(web, r.page, r.text) : r.text, text.cap) } : {}),
              ...(highlights ? { highlights: [cap(r.text, 300)] } : {}),
              ...(summary ? { summary: leadSentences(r.text) } : {}),
            });
            return { id, status: "success" };
          });
          return json({ requestId: requestId(raw), results, statuses });
        },
      },
    },
  ];
}

/** `text: true | false | {maxCharacters, includeHtmlTags}` → false or a character cap and the HTML flag. */
function textOption(v: unknown, fallback: TextOption): TextOption {
  if (v === undefined || v === null) return fallback;
  if (v === true) return { cap: Number.POSITIVE_INFINITY, html: false };
  if (v === false) return false;
  if (typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    checkKeys(o, ["maxCharacters", "includeHtmlTags"], "text");
    if (o.includeHtmlTags !== undefined && typeof o.includeHtmlTags !== "boolean")
      throw new HttpError("VALIDATION_ERROR", "text.includeHtmlTags must be a boolean");
    return { cap: intParam("text.maxCharacters", o.maxCharacters, 1, 10_000_000, Number.MAX_SAFE_INTEGER), html: o.includeHtmlTags === true };
  }
  throw new HttpError("VALIDATION_ERROR", "text must be a boolean or {maxCharacters, includeHtmlTags}");
}

/** `summary: true | false | {query, schema}` → whether to return the lead-sentence summary (query and schema are accepted and ignored). */
function summaryOption(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (v === true) return true;
  if (typeof v === "object" && !Array.isArray(v)) {
    checkKeys(v as Record<string, unknown>, ["query", "schema"], "summary");
    return true;
  }
  throw new HttpError("VALIDATION_ERROR", "summary must be a boolean or {query, schema}");
}

/** The page as HTML with its links (`text` may be the fault-truncated text). */
function linkedHtml(web: RouteDeps["web"], page: { id: number; title: string; url: string }, text: string): string {
  return renderLinkedHtml({ title: page.title, url: page.url, text }, web.pages.links(page.id));
}

function domains(v: unknown, name: string, op: string): string {
  if (v === undefined || v === null) return "";
  const list = stringList(name, v, 50, 253);
  for (const d of list)
    if (!/^[a-z0-9.-]+(?::\d+)?$/i.test(d))
      throw new HttpError("VALIDATION_ERROR", `${name} entries must be host names, got ${JSON.stringify(d.slice(0, 80))}`);
  return list.map((d) => ` ${op}${d.toLowerCase()}`).join("");
}

function cap(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n);
}

/** A request id derived from the body (deterministic: same body → same id). */
function requestId(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex").slice(0, 32);
}
