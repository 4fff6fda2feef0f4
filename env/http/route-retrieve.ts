/**
 * @module Drop-in retrieval endpoints of RL search trainers: Search-R1's `POST /retrieve` (used
 * unchanged by verl's `SearchTool` and SkyRL's `SearchToolGroup`) and ASearcher's `POST /access`.
 */
import { MAX_K } from "../search/index.ts";
import { HttpError } from "./errors.ts";
import { resolvePage } from "./page-resolve.ts";
import { boolParam, checkKeys, checkUrl, intParam, stringList, stringParam } from "./params.ts";
import { json } from "./reply.ts";
import type { RouteDef, RouteDeps } from "./route.ts";
import { MAX_QUERY_LENGTH, runSearch } from "./run-search.ts";
import { parseJsonObject } from "./body.ts";

/** Results per query when the request gives no `topk` (Search-R1's `--topk` default). */
export const DEFAULT_TOPK = 3;

/** A Search-R1 corpus document: `contents` is `"Title"` + newline + text, as in wiki-18.jsonl. */
export interface RetrievedDocument {
  id: string;
  contents: string;
  /** The page URL (ASearcher reads it; Search-R1 and verl ignore it). */
  url: string;
}

const RETRIEVE_FIELDS = ["queries", "query", "topk", "top_k", "k", "return_scores"] as const;

/**
 * `POST /retrieve` `{"queries": [...], "topk": 3, "return_scores": true}` →
 * `{"result": [[{"document": {"id", "contents", "url"}, "score"}, ...], ...]}`, one list per query,
 * or bare documents `[[{"id", "contents", "url"}]]` when `return_scores` is false (the default, as
 * in Search-R1). Aliases: `query` (a string or a list) for `queries`; `top_k` and `k` for `topk`.
 * `POST /access` `{"urls": [...]}` → `{"result": [{"url", "title", "contents"} | null]}` (ASearcher),
 * following recorded redirects; unknown URLs give null.
 */
export function retrieveRoutes(deps: RouteDeps): RouteDef[] {
  const { web, limits } = deps;
  return [
    {
      path: "/retrieve",
      methods: {
        POST: async (ctx) => {
          const body = parseJsonObject(await ctx.body()) as Record<string, unknown>;
          checkKeys(body, RETRIEVE_FIELDS, "the /retrieve body");
          const queries = readQueries(body, limits.maxBatch);
          const topk = readTopk(body);
          const withScores = boolParam("return_scores", body.return_scores, false);
          await ctx.fault("search", queries[0] as string);
          const result = [];
          for (const q of queries) {
            result.push(
              (await runSearch(web, q, topk, 0)).results.map((h) => {
                const document: RetrievedDocument = { id: String(h.pageId), contents: `"${h.title}"\n${web.pages.text(h.pageId)}`, url: h.url };
                return withScores ? { document, score: h.score } : document;
              }),
            );
          }
          return json({ result });
        },
      },
    },
    {
      path: "/access",
      methods: {
        POST: async (ctx) => {
          const body = parseJsonObject(await ctx.body()) as Record<string, unknown>;
          checkKeys(body, ["urls"], "the /access body");
          const raw = stringList("urls", body.urls, limits.maxBatch, 8192);
          const urls = raw.map((u, i) => checkUrl(u, `urls[${i}]`));
          await ctx.fault("page", urls[0] as string);
          const result = urls.map((u) => {
            const r = resolvePage(web.pages, u, null, { follow: true });
            return r.kind === "page" ? { url: r.page.url, title: r.page.title, contents: r.text } : null;
          });
          return json({ result });
        },
      },
    },
  ];
}

function readQueries(body: Record<string, unknown>, maxBatch: number): string[] {
  if (body.queries !== undefined && body.query !== undefined) {
    throw new HttpError("VALIDATION_ERROR", "give either queries or query, not both");
  }
  const v = body.queries ?? body.query;
  if (typeof v === "string") return [stringParam("query", v, MAX_QUERY_LENGTH, true)];
  if (v === undefined) throw new HttpError("VALIDATION_ERROR", 'queries is required: {"queries": ["..."], "topk": 3, "return_scores": true}');
  // an empty query (a model's `<search></search>`) gets an empty list rather than failing the batch
  return stringList(body.queries !== undefined ? "queries" : "query", v, maxBatch, MAX_QUERY_LENGTH, true);
}

function readTopk(body: Record<string, unknown>): number {
  const given = (["topk", "top_k", "k"] as const).filter((f) => body[f] !== undefined && body[f] !== null);
  if (given.length > 1) throw new HttpError("VALIDATION_ERROR", `give one of topk, top_k, k (got ${given.join(", ")})`);
  const f = given[0];
  return f === undefined ? DEFAULT_TOPK : intParam(f, body[f], 1, MAX_K, DEFAULT_TOPK);
}
