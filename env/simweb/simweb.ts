/** @module The composition root: one corpus file → page store, search engine, tasks, faults, episodes. */
import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { holdCorpus } from "../../corpus-loader/index.ts";
import { FaultModel } from "../faults/index.ts";
import { PageStore, type HtmlMode } from "../pages/index.ts";
import { SearchEngine, SearchError, type SearchBackend } from "../search/index.ts";
import { Episode, type EpisodeDeps, type EpisodeSink } from "../episode/index.ts";
import { DuckDbJudgeCache, LlmJudge, Rubric, RUBRICS, rubricForTask, type Judge } from "../../verifiers/index.ts";
import { REPLICA_NAME_RE, type ReplicaIdentity, type Task } from "../../core/index.ts";
import { corpusDigest } from "./corpus-digest.ts";
import { SimWebError } from "./errors.ts";
import { CorpusEpisodeWeb } from "./episode-web.ts";
import { MemoryTaskSource } from "./task-source.ts";

/** Options of `SimWeb.open`. */
export interface SimWebOptions {
  /** Fault profile: "none" (default), "mild", "harsh", a JSON file path, or a profile object. */
  faults?: string | object;
  /** How raw HTML is served (default "lazy": read from DuckDB on demand). */
  html?: HtmlMode;
  /** Search result cache entries (default 4096). */
  searchCache?: number;
  /** Rubric for tasks that name none: a name in `RUBRICS` or a JSON config (default: the default rubric). */
  rubric?: string;
  /** Tasks from this file (JSONL/Parquet rows) instead of the corpus's `tasks` table; the corpus is not touched. */
  taskFile?: string;
  /**
   * Serve an index built before the last `load` (default false: `INDEX_STALE`). With it, `staleIndex`
   * holds the warning and `/healthz` repeats it.
   */
  allowStaleIndex?: boolean;
  /** This replica's name (`serve --name`; default: the host name), carried by responses, reset infos and logged episodes. */
  replica?: string;
  /** LLM judge endpoint (OpenAI-compatible) for `llm_judge`; verdicts cached in `cachePath` (a DuckDB file). */
  judge?: { baseUrl: string; model: string; apiKey?: string; timeoutMs?: number; cachePath?: string };
}

/**
 * A loaded simulated web. Load once per process, then serve any number of episodes and requests.
 * @example
 * const web = await SimWeb.open("data/demo/corpus.duckdb");
 * const ep = web.createEpisode("ep-1");
 * ep.reset({ seed: 1 });
 */
export class SimWeb {
  readonly dbPath: string;
  readonly pages: PageStore;
  /** The search engine, behind the backend contract the episode and the HTTP routes code against. */
  readonly search: SearchBackend;
  readonly tasks: MemoryTaskSource;
  readonly faults: FaultModel;
  readonly web: CorpusEpisodeWeb;
  readonly loadSeconds: number;
  /** Rubric of tasks that name none. */
  readonly defaultRubric: Rubric | null = null;
  readonly judge: Judge | null = null;
  /** The replica's name and the digest of the corpus it serves (see `corpusDigest`). */
  readonly identity: ReplicaIdentity;
  /** Why the index does not cover the corpus (served with `allowStaleIndex`), else null. */
  readonly staleIndex: string | null = null;
  /** Ends this process's registration as a holder of the corpus file (`load` and `index` refuse meanwhile). */
  private release: () => void = () => undefined;
  private judgeCache: DuckDbJudgeCache | null = null;

  private constructor(
    dbPath: string,
    pages: PageStore,
    search: SearchBackend,
    tasks: MemoryTaskSource,
    faults: FaultModel,
    identity: ReplicaIdentity,
    loadSeconds: number,
  ) {
    this.dbPath = dbPath;
    this.identity = identity;
    this.pages = pages;
    this.search = search;
    this.tasks = tasks;
    this.faults = faults;
    this.web = new CorpusEpisodeWeb(pages, search);
    this.loadSeconds = loadSeconds;
  }

  /**
   * Loads a corpus file (its pages, index and tasks). Throws the rooms' typed errors (e.g. `INDEX_MISSING`),
   * `BAD_REPLICA_NAME` for a name that could not go into a header.
   */
  static async open(dbPath: string, opts: SimWebOptions = {}): Promise<SimWeb> {
    const t0 = performance.now();
    const replica = opts.replica ?? replicaName(hostname());
    if (!REPLICA_NAME_RE.test(replica)) {
      throw new SimWebError(
        "BAD_REPLICA_NAME",
        `replica name ${JSON.stringify(replica.slice(0, 80))} must be 1-64 of A-Z a-z 0-9 . _ : - (starting with a letter or digit)`,
      );
    }
    const faults = FaultModel.from((opts.faults ?? "none") as string);
    const pages = await PageStore.load(dbPath, { html: opts.html ?? "lazy" });
    try {
      const search = await SearchEngine.load(dbPath, { textSource: pages, cacheSize: opts.searchCache ?? 4096 });
      const stale = staleIndexWarning(dbPath, search.index.docSpan, pages.size, search.index.loads);
      if (stale !== null && opts.allowStaleIndex !== true) throw new SearchError("INDEX_STALE", `${stale} (or pass --allow-stale-index to serve it anyway)`);
      const tasks = opts.taskFile !== undefined ? await MemoryTaskSource.fromFile(opts.taskFile) : await MemoryTaskSource.load(dbPath);
      const identity = { replica, corpusDigest: corpusDigest(pages, search.index, tasks.list()) };
      const sw = new SimWeb(dbPath, pages, search, tasks, faults, identity, (performance.now() - t0) / 1000);
      (sw as { staleIndex: string | null }).staleIndex = stale;
      sw.release = holdCorpus(dbPath);
      if (opts.rubric !== undefined) {
        const spec = opts.rubric.trim();
        const config = spec.startsWith("{") ? spec : RUBRICS[spec];
        if (config === undefined) {
          throw new SimWebError("BAD_RUBRIC", `unknown rubric ${JSON.stringify(spec)}: use one of ${Object.keys(RUBRICS).join(", ")} or a JSON config`);
        }
        (sw as { defaultRubric: Rubric | null }).defaultRubric = Rubric.fromConfig(config);
      }
      if (opts.judge) {
        const { cachePath, ...j } = opts.judge;
        if (cachePath) mkdirSync(dirname(cachePath), { recursive: true });
        sw.judgeCache = cachePath ? await DuckDbJudgeCache.open(cachePath) : null;
        (sw as { judge: Judge | null }).judge = new LlmJudge({ ...j, ...(sw.judgeCache ? { cache: sw.judgeCache } : {}) });
      }
      return sw;
    } catch (err) {
      pages.close();
      throw err;
    }
  }

  /** Dependencies of an in-process episode (optionally logging to a sink). */
  episodeDeps(sink?: EpisodeSink): EpisodeDeps {
    const fallback = this.defaultRubric;
    const scorer = (task: Task) => (task.rubric === null && fallback !== null ? fallback : rubricForTask(task));
    return { web: this.web, tasks: this.tasks, scorer, faults: this.faults, sink, identity: this.identity, ...(this.judge ? { judge: this.judge } : {}) };
  }

  /** A new episode over this web. */
  createEpisode(episodeId: string, sink?: EpisodeSink): Episode {
    return new Episode(this.episodeDeps(sink), episodeId);
  }

  /** Releases the page store's file handle. */
  close(): void {
    this.release();
    this.judgeCache?.close();
    this.pages.close();
  }
}

/** The warning for an index built over `indexed` pages of a corpus that now holds `pages`, or null when they agree. */
function staleIndexWarning(dbPath: string, indexed: number, pages: number, loads: { atBuild: number | null; now: number }): string | null {
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const fix = `run simweb index --db ${dbPath}`;
  if (indexed !== pages) {
    return `stale search index: it was built over ${fmt(indexed)} pages, the corpus now holds ${fmt(pages)} (a load after the last index build), so ${pages > indexed ? `${fmt(pages - indexed)} pages are never found` : "search returns pages that no longer exist"}: ${fix}`;
  }
  if (loads.atBuild !== null && loads.atBuild !== loads.now) {
    return `stale search index: ${loads.now - loads.atBuild} load(s) replaced pages after the last index build, so search ranks their old text: ${fix}`;
  }
  return null;
}

/** The host name as a replica name: its first label, cut to the allowed characters ("simweb-0.svc.local" → "simweb-0"). */
function replicaName(host: string): string {
  const name = (host.split(".")[0] ?? "").replace(/[^A-Za-z0-9._:-]/g, "-").slice(0, 64);
  return REPLICA_NAME_RE.test(name) ? name : "simweb";
}
