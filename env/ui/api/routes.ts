/** @module The JSON API of the run viewer: `/api/meta`, `/api/live`, `/api/overview`, `/api/episodes`, `/api/tasks`, `/api/group`, `/api/episode`, `/api/compare`. */
import { UiError } from "../errors.ts";
import type { RunStore } from "../run-store.ts";
import { compareView } from "./compare.ts";
import { episodeView } from "./episode.ts";
import type { PriceTable } from "../../compare/index.ts";
import { filtersOf, intParam, requiredParam, strParam } from "./filters.ts";
import { groupView } from "./group.ts";
import { listEpisodes, listTasks } from "./lists.ts";
import { overview } from "./overview.ts";
import { ADVANTAGE_METHOD, runContext } from "./run-context.ts";
import type { LogSource } from "../../trajectory/index.ts";

/** What the API reads from. */
export interface ApiDeps {
  store: RunStore;
  /** Corpus file overriding the run's config (null/undefined: use the config's). */
  corpusPath?: string | null;
  /** Path of the page route citations link to (e.g. `/page` under `simweb serve`), or null to show URLs as text. */
  pageLinkBase: string | null;
  /** The other logs the compare page puts next to this one. */
  compareStores?: readonly RunStore[];
  /** Prices of the compare page (default: env/compare's). */
  prices?: PriceTable | undefined;
}

/** Whether the log is being written (read from its writer's live snapshot) and which snapshot: the page polls `live` and redraws when `version` changes. */
export function liveOf(source: LogSource): { live: boolean; version: string; takenAt: string | null; writerPid: number | null } {
  if (source.kind === "log") return { live: false, version: "log", takenAt: null, writerPid: null };
  return { live: true, version: `snapshot:${source.takenAt ?? "?"}`, takenAt: source.takenAt, writerPid: source.writerPid };
}

/** The API route names (after `/api/`). */
export const API_ROUTES = ["meta", "live", "overview", "episodes", "tasks", "group", "episode", "compare"] as const;

/** Largest page of a list. */
export const MAX_LIMIT = 500;

/**
 * Answers one API request (`name` is the path after `/api/`) with a JSON-able value; throws `UiError`
 * (`NOT_FOUND`, `BAD_PARAM`, `BAD_LOG`, ...) otherwise.
 * @example
 * await apiRoute("episodes", new URLSearchParams("q=vexa&minReward=1"), deps) // { total, offset, rows }
 */
export async function apiRoute(name: string, p: URLSearchParams, deps: ApiDeps): Promise<unknown> {
  if (!(API_ROUTES as readonly string[]).includes(name)) throw new UiError("NOT_FOUND", `no API route /api/${name}; routes: ${API_ROUTES.join(", ")}`);
  if (name === "compare") {
    return compareView({ stores: [deps.store, ...(deps.compareStores ?? [])], corpusPath: deps.corpusPath ?? null, prices: deps.prices }, p);
  }
  return deps.store.use(async (db) => {
    const ctx = await runContext(db, db.log.path, deps.corpusPath);
    const list = () => ({ offset: intParam(p, "offset", 0, 0, 1e9), limit: intParam(p, "limit", 50, 1, MAX_LIMIT), sort: strParam(p, "sort") });
    switch (name) {
      case "meta":
        return {
          runPath: deps.store.path,
          comparePaths: [deps.store.path, ...(deps.compareStores ?? []).map((s) => s.path)],
          runs: ctx.runs,
          componentNames: ctx.componentNames,
          policies: ctx.policies,
          endReasons: ctx.endReasons,
          statuses: ctx.statuses,
          corpus: { path: ctx.corpus.path, error: ctx.corpus.error, tasks: ctx.corpus.tasks.size },
          successBy: ctx.successComponent ?? "reward ≥ 1",
          advantage: ADVANTAGE_METHOD,
          pageLinkBase: deps.pageLinkBase,
          live: liveOf(ctx.source),
        };
      case "live":
        return { ...liveOf(ctx.source), statuses: await db.log.statusCounts({}) };
      case "overview":
        return overview(db, ctx, filtersOf(p));
      case "episodes":
        return listEpisodes(db, ctx, filtersOf(p), list());
      case "tasks":
        return listTasks(db, ctx, filtersOf(p), list());
      case "group":
        return groupView(db, ctx, requiredParam(p, "run"), requiredParam(p, "id"));
      default:
        return episodeView(db, ctx, requiredParam(p, "run"), requiredParam(p, "id"));
    }
  });
}
