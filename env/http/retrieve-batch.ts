/**
 * @module The work of a `/retrieve` batch: each query searched (with the search deadline) and its
 * result list serialised under a per-document size cap, in slices that yield to the event loop, so a
 * 10,000-query batch shares its worker with every other connection. The same code answers a slice
 * sent by another worker (see `batch-peers.ts`).
 */
import { bestPassage, parseQuery, type SearchResult } from "../search/index.ts";
import type { SimWeb } from "../simweb/index.ts";
import { runSearch } from "./run-search.ts";

/** What a `/retrieve` document holds: the best-matching passage of the page, or the page's text. */
export type RetrieveUnit = "passage" | "page";
/** Most bytes of one serialised result entry (`{"document":{...},"score":…}`) per unit: contents are cut to fit. */
export const DOCUMENT_BYTES: Readonly<Record<RetrieveUnit, number>> = { passage: 2048, page: 8192 };
/** Bytes of the JSON around each query's list and each document (brackets, commas), for the bound. */
const LIST_OVERHEAD = 4;
const ENTRY_OVERHEAD = 1;
/** Longest run of work between two yields to the event loop (ms). */
export const SLICE_MS = 10;
/** Longest title kept in `contents` (characters; newlines become spaces so the title stays the first line). */
const TITLE_CHARS = 300;

/** One slice of a batch, as answered locally or by a peer worker. */
export interface BatchJob {
  queries: string[];
  topk: number;
  withScores: boolean;
  unit: RetrieveUnit;
  /** In-band fault text per query (null: search it), e.g. `[search error 503: service unavailable]`. */
  errors?: (string | null)[];
  /** Search work budget per query (postings; undefined: the engine's default). */
  workBudget?: number;
}

/** The size bound of a batch's response body in bytes: `queries × (topk × DOCUMENT_BYTES[unit] + overhead)`. */
export function responseBound(queries: number, topk: number, unit: RetrieveUnit): number {
  return 16 + queries * (LIST_OVERHEAD + topk * (DOCUMENT_BYTES[unit] + ENTRY_OVERHEAD));
}

/** One batch being answered: `step` answers one query; it returns a promise to wait on (backpressure) or whether it is done. */
type Step = () => Promise<boolean | { wait: Promise<void> }>;

/**
 * Runs every batch of this process in one loop of event-loop turns: a turn answers queries of the
 * batches in round robin for at most `SLICE_MS`, then yields (`setImmediate`, so I/O, timers and
 * other requests run before the next turn). However many batches run at once, the loop is never
 * held more than one slice plus one query. A batch whose socket is full waits outside the loop.
 */
class BatchScheduler {
  private readonly ready: { step: Step; done: () => void; fail: (e: unknown) => void }[] = [];
  private scheduled = false;

  run(step: Step): Promise<void> {
    return new Promise((done, fail) => {
      this.ready.push({ step, done, fail });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.ready.length === 0) return;
    this.scheduled = true;
    setImmediate(() => void this.turn());
  }

  private async turn(): Promise<void> {
    const t0 = performance.now();
    while (this.ready.length > 0 && performance.now() - t0 < SLICE_MS) {
      const job = this.ready.shift() as (typeof this.ready)[number];
      let r: boolean | { wait: Promise<void> };
      try {
        r = await job.step();
      } catch (err) {
        job.fail(err);
        continue;
      }
      if (r === true) job.done();
      else if (r === false) this.ready.push(job);
      else
        r.wait.then(
          () => {
            this.ready.push(job);
            this.schedule();
          },
          (err: unknown) => job.fail(err),
        );
    }
    this.scheduled = false;
    this.schedule();
  }
}

const scheduler = new BatchScheduler();

/**
 * Answers every query of `job` in order, calling `emit` with each query's result list as JSON
 * (`[{"document":…,"score":…},…]`); stops early when `stopped()` turns true. Runs in the process's
 * batch loop (slices of `SLICE_MS`); `emit` may return a promise to apply backpressure.
 * @example
 * await answerBatch(web, { queries: ["vexa corp"], topk: 3, withScores: true, unit: "passage" }, (s) => void parts.push(s));
 */
export function answerBatch(
  web: SimWeb,
  job: BatchJob,
  emit: (list: string) => Promise<void> | undefined,
  stopped: () => boolean = () => false,
): Promise<void> {
  let i = 0;
  return scheduler.run(async () => {
    if (i >= job.queries.length || stopped()) return true;
    const err = job.errors?.[i] ?? null;
    const q = job.queries[i] as string;
    i++;
    const list = err !== null ? [errorEntry(err, job.withScores)] : await queryEntries(web, q, job);
    const wait = emit(`[${list.join(",")}]`);
    if (wait !== undefined) return { wait };
    return i >= job.queries.length;
  });
}

/** Every entry of a batch's answer collected (what a peer worker sends back). */
export async function answerBatchParts(web: SimWeb, job: BatchJob): Promise<string[]> {
  const out: string[] = [];
  await answerBatch(web, job, (s) => void out.push(s));
  return out;
}

async function queryEntries(web: SimWeb, q: string, job: BatchJob): Promise<string[]> {
  if (q.trim() === "") return [];
  const res = await runSearch(web, q, job.topk, 0, { snippets: false, passages: job.unit === "passage", workBudget: job.workBudget });
  let terms: string[] | null = null;
  return res.results.map((h) => {
    let text: string;
    if (job.unit === "page") text = web.pages.text(h.pageId);
    else if (h.passage !== undefined) text = h.passage;
    else text = bestPassage(web.pages.text(h.pageId), (terms ??= termsOf(web, q)), { stem: web.search.stats().params.stem === true });
    return entry(h, text, job.withScores, DOCUMENT_BYTES[job.unit]);
  });
}

/** A query's scoring terms, for a backend that gives no passages (the engine always does). */
function termsOf(web: SimWeb, q: string): string[] {
  return parseQuery(q, { stem: web.search.stats().params.stem === true }).terms;
}

/** One result entry as JSON, `contents` = `"Title"\ntext` cut until the entry fits `cap` bytes. */
function entry(h: SearchResult, text: string, withScores: boolean, cap: number): string {
  const title = h.title.replace(/\s+/g, " ").trim().slice(0, TITLE_CHARS);
  let body = text;
  for (;;) {
    const document = { id: String(h.pageId), contents: `"${title}"\n${body}`, url: h.url };
    const s = JSON.stringify(withScores ? { document, score: h.score } : document);
    // a UTF-16 unit is at most 3 UTF-8 bytes: skip the exact count when it cannot matter
    const bytes = s.length * 3 <= cap ? s.length : Buffer.byteLength(s);
    if (bytes <= cap) return s;
    if (body === "")
      return JSON.stringify(withScores ? { document: { id: String(h.pageId), contents: "", url: "" }, score: h.score } : { id: "", contents: "", url: "" });
    const keep = Math.max(0, Math.floor(body.length * (cap / bytes) * 0.95) - 16);
    const sp = body.lastIndexOf(" ", keep);
    body = body.slice(0, sp > keep / 2 ? sp : keep);
  }
}

/** The entry standing for a faulted query: Search-R1's client reads it as a document titled with the error. */
function errorEntry(text: string, withScores: boolean): string {
  const document = { id: "error", contents: text, url: "" };
  return JSON.stringify(withScores ? { document, score: 0 } : document);
}
