/** @module Service routes: `GET /healthz`, `/metrics` (Prometheus text), `/openapi.json`, `/tools.json`. */
import { TOOL_SCHEMAS } from "../episode/index.ts";
import { PROTOCOL_VERSION } from "../ws/index.ts";
import type { Gauge } from "./metrics.ts";
import { json, text } from "./reply.ts";
import type { RouteDef, RouteDeps } from "./route.ts";

/** Extra metric samples supplied by the server (WebSocket and HTTP-mirror session counts). */
export type GaugeSource = () => Gauge[];

/** The service routes; `routes()` lists every `METHOD path` for the OpenAPI document. */
export function metaRoutes(deps: RouteDeps, routes: () => readonly string[], gauges: GaugeSource, openapi: (routes: readonly string[]) => unknown): RouteDef[] {
  let spec: string | null = null;
  return [
    {
      path: "/healthz",
      methods: {
        GET: (ctx) => {
          ctx.query([]);
          const stale = deps.web.staleIndex;
          const id = deps.web.identity;
          // a replica on another corpus version answers 503, so a balancer's plain status check takes it out
          const wrong = deps.expectCorpusDigest !== undefined && deps.expectCorpusDigest !== id.corpusDigest;
          return json(
            {
              status: wrong ? "wrong_corpus" : stale === null ? "ok" : "degraded",
              pages: deps.web.pages.size,
              indexed: deps.web.search.stats().docSpan,
              tasks: deps.web.tasks.size,
              protocol_version: PROTOCOL_VERSION,
              replica: id.replica,
              corpus_digest: id.corpusDigest,
              ...(wrong
                ? { expected_corpus_digest: deps.expectCorpusDigest, warning: `serving corpus ${id.corpusDigest}, expected ${deps.expectCorpusDigest}` }
                : {}),
              ...(stale !== null && !wrong ? { warning: stale } : {}),
            },
            wrong ? 503 : 200,
          );
        },
      },
    },
    {
      path: "/metrics",
      methods: {
        GET: (ctx) => {
          ctx.query([]);
          const s = deps.web.search.stats();
          const c = s.cache;
          const lookups = c.hits + c.misses;
          const base: Gauge[] = [
            { name: "simweb_pages", help: "Pages in the corpus.", type: "gauge", value: deps.web.pages.size },
            { name: "simweb_search_cache_hits_total", help: "Search result cache hits.", type: "counter", value: c.hits },
            { name: "simweb_search_cache_misses_total", help: "Search result cache misses.", type: "counter", value: c.misses },
            {
              name: "simweb_search_cache_hit_ratio",
              help: "Search cache hits / lookups since start.",
              type: "gauge",
              value: lookups > 0 ? c.hits / lookups : 0,
            },
            { name: "simweb_search_cache_entries", help: "Entries in the search result cache.", type: "gauge", value: c.size },
            { name: "simweb_process_resident_memory_bytes", help: "Resident set size of this process.", type: "gauge", value: process.memoryUsage.rss() },
          ];
          return text(deps.metrics.render([...base, ...gauges()]), "text/plain; version=0.0.4; charset=utf-8");
        },
      },
    },
    {
      path: "/openapi.json",
      methods: { GET: (ctx) => (ctx.query([]), { status: 200, type: "application/json; charset=utf-8", body: (spec ??= JSON.stringify(openapi(routes()))) }) },
    },
    {
      path: "/tools.json",
      methods: { GET: (ctx) => (ctx.query([]), json(TOOL_SCHEMAS)) },
    },
  ];
}
