/**
 * @module Serper-shaped search: `POST /serper/search` with `{q, num, page}` (or a list of them, as
 * Serper's batch form) → `{searchParameters, organic: [{title, link, snippet, position}], credits}`.
 */
import { MAX_K, MAX_OFFSET } from "../search/index.ts";
import { parseJsonObject } from "./body.ts";
import { HttpError } from "./errors.ts";
import { checkKeys, intParam, stringParam } from "./params.ts";
import { json } from "./reply.ts";
import type { RouteDef, RouteDeps } from "./route.ts";
import { MAX_QUERY_LENGTH, plainSnippet, runSearch } from "./run-search.ts";

/**
 * Fields Serper accepts. `q`, `num` and `page` are applied; locale and time fields (`gl`, `hl`,
 * `location`, `tbs`, `autocorrect`, `type`) are accepted and echoed, and do not change the frozen web.
 */
export const SERPER_FIELDS = ["q", "num", "page", "gl", "hl", "location", "tbs", "autocorrect", "type"] as const;

interface SerperQuery {
  q: string;
  num: number;
  page: number;
  echo: Record<string, unknown>;
}

/**
 * `POST /serper/search`. One object → one response object; an array of objects → an array of
 * responses in order. `num` 1..100 (default 10), `page` ≥ 1 (default 1). Snippets are plain text.
 * Faults: route `search`, one draw per request keyed by the first query.
 */
export function serperRoutes(deps: RouteDeps): RouteDef[] {
  return [
    {
      path: "/serper/search",
      methods: {
        POST: async (ctx) => {
          const body = parseJsonObject(await ctx.body(), true);
          const list = Array.isArray(body) ? body : [body];
          if (list.length === 0) throw new HttpError("VALIDATION_ERROR", "the query list is empty");
          if (list.length > deps.limits.maxBatch)
            throw new HttpError("VALIDATION_ERROR", `${list.length} queries; at most ${deps.limits.maxBatch} per request`);
          const queries = list.map((item, i) => readQuery(item, Array.isArray(body) ? `query ${i}` : "the body"));
          await ctx.fault("search", (queries[0] as SerperQuery).q);
          const answers = [];
          for (const sq of queries) {
            const r = await runSearch(deps.web, sq.q, sq.num, (sq.page - 1) * sq.num);
            answers.push({
              searchParameters: { q: sq.q, ...sq.echo, type: "search", num: sq.num, page: sq.page, engine: "simweb" },
              organic: r.results.map((h) => ({ title: h.title, link: h.url, snippet: plainSnippet(h.snippet), position: h.rank })),
              credits: 1,
            });
          }
          return json(Array.isArray(body) ? answers : answers[0]);
        },
      },
    },
  ];
}

function readQuery(item: unknown, where: string): SerperQuery {
  if (item === null || typeof item !== "object" || Array.isArray(item)) throw new HttpError("VALIDATION_ERROR", `${where} must be an object like {"q": "..."}`);
  const o = item as Record<string, unknown>;
  checkKeys(o, SERPER_FIELDS, where);
  const num = intParam("num", o.num, 1, MAX_K, 10);
  const page = intParam("page", o.page, 1, Math.floor(MAX_OFFSET / num) + 1, 1);
  const echo: Record<string, unknown> = {};
  for (const f of ["gl", "hl", "location", "tbs", "autocorrect"] as const) if (o[f] !== undefined) echo[f] = o[f];
  if (o.type !== undefined && o.type !== "search") throw new HttpError("VALIDATION_ERROR", `type ${JSON.stringify(o.type)} is not supported; only "search"`);
  return { q: stringParam("q", o.q, MAX_QUERY_LENGTH), num, page, echo };
}
