/** @module Native search: `GET /search?q=&k=10&offset=0`. */
import { MAX_K, MAX_OFFSET } from "../search/index.ts";
import { json } from "./reply.ts";
import { intParam, stringParam } from "./params.ts";
import type { RouteDef, RouteDeps } from "./route.ts";
import { MAX_QUERY_LENGTH, runSearch } from "./run-search.ts";

/**
 * `GET /search` → `{query, total, results: [{rank, url, title, snippet, score}]}`. `total` is exact for
 * small result sets and an estimate otherwise (as web engines report). Faults: route `search`, keyed by
 * the query text (or `X-Simweb-Episode`).
 */
export function searchRoutes(deps: RouteDeps): RouteDef[] {
  return [
    {
      path: "/search",
      methods: {
        GET: async (ctx) => {
          const p = ctx.query(["q", "k", "offset"]);
          const q = stringParam("q", p.get("q"), MAX_QUERY_LENGTH);
          const k = intParam("k", p.get("k"), 1, MAX_K, 10);
          const offset = intParam("offset", p.get("offset"), 0, MAX_OFFSET, 0);
          await ctx.fault("search", q);
          const r = await runSearch(deps.web, q, k, offset);
          return json({
            query: q,
            total: r.total,
            results: r.results.map((h) => ({ rank: h.rank, url: h.url, title: h.title, snippet: h.snippet, score: h.score })),
          });
        },
      },
    },
  ];
}
