/**
 * @module Drop-in retrieval endpoints of RL search trainers: Search-R1's `POST /retrieve` (used
 * unchanged by verl's `SearchTool` and SkyRL's `SearchToolGroup`, and by Search-R1's own
 * `_batch_search` at its recipe's 2,560-query batches) and ASearcher's `POST /access`.
 */
import { MAX_K } from "../search/index.ts";
import { delay, type FaultDraw } from "../faults/index.ts";
import type { BatchPeers } from "./retrieve-options.ts";
import { readBody, parseJsonObject } from "./body.ts";
import { HttpError } from "./errors.ts";
import { resolvePage } from "./page-resolve.ts";
import { boolParam, checkKeys, checkUrl, intParam, stringList, stringParam } from "./params.ts";
import { JSON_TYPE, json, type BodySink } from "./reply.ts";
import { FAULT_HEADER, LATENCY_HEADER } from "./request-faults.ts";
import { answerBatch, responseBound, type BatchJob } from "./retrieve-batch.ts";
import { splitBatch } from "./batch-split.ts";
import type { RouteDef, RouteDeps } from "./route.ts";
import { MAX_QUERY_LENGTH } from "./run-search.ts";

/** Results per query when the request gives no `topk` (Search-R1's `--topk` default). */
export const DEFAULT_TOPK = 3;
/** Default most queries in one `/retrieve` (`serve --max-batch`). */
export const DEFAULT_MAX_BATCH = 10_000;
/** Default largest `/retrieve` response (bytes, by the bound of `responseBound`): 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Default largest `/retrieve` request body: 8 MiB (10,000 queries of ~800 bytes). */
export const DEFAULT_MAX_BATCH_BODY_BYTES = 8 * 1024 * 1024;
/** Batches of at least this many queries are split across the peer workers. */
export const SPLIT_MIN_QUERIES = 64;

/** A Search-R1 corpus document: `contents` is `"Title"` + newline + text, as in wiki-18.jsonl. */
export interface RetrievedDocument {
  id: string;
  contents: string;
  /** The page URL (ASearcher reads it; Search-R1 and verl ignore it). */
  url: string;
}

const RETRIEVE_FIELDS = ["queries", "query", "topk", "top_k", "k", "return_scores"] as const;

const FAULT_TEXT: Record<string, string> = {
  "429": "[search error 429: too many requests, retry later]",
  "500": "[search error 500: internal server error]",
  "503": "[search error 503: service unavailable]",
  timeout: "[search error 504: upstream timeout]",
};

/**
 * `POST /retrieve` `{"queries": [...], "topk": 3, "return_scores": true}` →
 * `{"result": [[{"document": {"id", "contents", "url"}, "score"}, ...], ...]}`, one list per query,
 * or bare documents `[[{"id", "contents", "url"}]]` when `return_scores` is false (the default, as
 * in Search-R1). Aliases: `query` (a string or a list) for `queries`; `top_k` and `k` for `topk`.
 * The body is streamed; queries × topk × the per-document cap must fit `maxResponseBytes`.
 * `POST /access` `{"urls": [...]}` → `{"result": [{"url", "title", "contents"} | null]}` (ASearcher),
 * following recorded redirects; unknown URLs give null.
 */
export function retrieveRoutes(deps: RouteDeps): RouteDef[] {
  const { web, limits } = deps;
  const o = deps.retrieve ?? {};
  const unit = o.unit ?? "passage";
  const maxResponse = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxBody = Math.max(limits.maxBodyBytes, o.maxBodyBytes ?? DEFAULT_MAX_BATCH_BODY_BYTES);
  return [
    {
      path: "/retrieve",
      methods: {
        POST: async (ctx) => {
          const body = parseJsonObject(await readBody(ctx.req, maxBody)) as Record<string, unknown>;
          checkKeys(body, RETRIEVE_FIELDS, "the /retrieve body");
          const queries = readQueries(body, limits.maxBatch);
          const topk = readTopk(body);
          const withScores = boolParam("return_scores", body.return_scores, false);
          const bound = responseBound(queries.length, topk, unit);
          if (bound > maxResponse) {
            throw new HttpError(
              "RESPONSE_TOO_LARGE",
              `${queries.length} queries × topk ${topk} could answer up to ${bound} bytes, over the limit of ${maxResponse}; send fewer queries or a smaller topk`,
            );
          }
          let errors: (string | null)[] | undefined;
          if (o.faults === "http") await ctx.fault("search", queries[0] as string);
          else errors = await inBandFaults(deps, queries, ctx.headers, ctx.out);
          const job: BatchJob = { queries, topk, withScores, unit, ...(errors ? { errors } : {}) };
          return { status: 200, type: JSON_TYPE, body: (sink) => streamBatch(deps, job, o.peers, sink) };
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

/**
 * One fault draw per query (keyed by the query, or `X-Simweb-Episode` and a step counter): the
 * faulted ones get their in-band text; the latency header is the batch's largest (slept once with real latency).
 */
async function inBandFaults(
  deps: RouteDeps,
  queries: string[],
  headers: Record<string, string | string[] | undefined>,
  out: Record<string, string>,
): Promise<(string | null)[] | undefined> {
  if (!deps.faults.active) {
    out[LATENCY_HEADER] = "0";
    return undefined;
  }
  let latency = 0;
  let faulted = 0;
  const errors = queries.map((q) => {
    const d: FaultDraw | null = deps.faults.drawItem("search", q, headers);
    if (d === null) return null;
    latency = Math.max(latency, d.latencyMs);
    if (d.error === null) return null;
    faulted++;
    return FAULT_TEXT[String(d.error)] ?? `[search error: ${String(d.error)}]`;
  });
  out[LATENCY_HEADER] = String(latency);
  if (faulted > 0) out[FAULT_HEADER] = `in-band:${faulted}`;
  if (deps.faults.realLatency) await delay(latency);
  return errors;
}

/** Writes `{"result":[…]}`, streamed in query order; batches of at least {@link SPLIT_MIN_QUERIES} are shared with the peer workers. */
async function streamBatch(deps: RouteDeps, job: BatchJob, peers: BatchPeers | undefined, sink: BodySink): Promise<void> {
  let first = true;
  const emit = (list: string): Promise<void> | undefined => {
    const s = first ? `{"result":[${list}` : `,${list}`;
    first = false;
    return sink.write(s);
  };
  const stopped = (): boolean => sink.closed;
  if (peers !== undefined && peers.size > 0 && job.queries.length >= SPLIT_MIN_QUERIES) await splitBatch(deps.web, job, peers, emit, stopped);
  else await answerBatch(deps.web, job, emit, stopped);
  await sink.write(first ? `{"result":[]}` : "]}");
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
