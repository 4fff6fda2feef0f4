/** @module `GET /ui/api/compare?quality=reward|success`: every run of the viewer's logs side by side (env/compare). */
import {
  CompareError,
  compareRuns,
  QUALITY_MEASURES,
  runLogOf,
  type Comparison,
  type PriceTable,
  type QualityMeasure,
  type RunLog,
  type TaskLookup,
} from "../../compare/index.ts";
import { readCorpusTasks, resolveCorpusPath } from "../corpus-tasks.ts";
import { UiError } from "../errors.ts";
import type { RunStore } from "../run-store.ts";
import { strParam } from "./filters.ts";

/** What the compare page reads: the viewer's logs (its own first) and the price table. */
export interface CompareDeps {
  stores: readonly RunStore[];
  /** Corpus file for every log's task types and hops (null: the one each run names). */
  corpusPath: string | null;
  prices?: PriceTable | undefined;
}

/** The comparison, or no rows (and why) when no log holds a finished episode. */
export type CompareView = Comparison & { empty: string | null; logs: string[] };

const lookup =
  (corpusPath: string | null): TaskLookup =>
  async (logPath, runs, taskIds) =>
    (await readCorpusTasks(resolveCorpusPath(corpusPath, runs[0]?.config ?? null, logPath), taskIds)).tasks;

/** Compares the runs of every log (each read once per open of its file). */
export async function compareView(deps: CompareDeps, p: URLSearchParams): Promise<CompareView> {
  const quality = strParam(p, "quality") ?? "reward";
  if (!(QUALITY_MEASURES as readonly string[]).includes(quality))
    throw new UiError("BAD_PARAM", `quality must be one of ${QUALITY_MEASURES.join(", ")}, got ${JSON.stringify(quality)}`);
  const logs: RunLog[] = [];
  for (const s of deps.stores) logs.push(await s.use((db) => db.memo("compare-log", () => runLogOf(db.log, s.path, lookup(deps.corpusPath)))));
  const paths = deps.stores.map((s) => s.path);
  try {
    return { ...compareRuns(logs, { quality: quality as QualityMeasure, ...(deps.prices ? { prices: deps.prices } : {}) }), empty: null, logs: paths };
  } catch (err) {
    if (err instanceof CompareError && err.code === "NO_RUNS")
      return { rows: [], prices: deps.prices ?? {}, baseline: 0, quality: quality as QualityMeasure, empty: err.message, logs: paths };
    throw err;
  }
}
