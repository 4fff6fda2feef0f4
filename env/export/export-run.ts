/** @module exportRun: a trajectory log → training data (Parquet, Arrow IPC or JSONL; openai, hf or steps style). */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { ExportError } from "./errors.ts";
import { readLog } from "../trajectory/index.ts";
import { buildPairsTable, pairsOf, type PairTaskInfo } from "./pairs.ts";
import { buildTable, EXPORT_STYLES, type ExportStyle } from "./rows.ts";
import { advantagesOf, correctnessComponent, selectEpisodes, type AdvantageSpec, type ExportFilters } from "./select.ts";
import { writeArrow } from "./write-arrow.ts";
import { sidecarPath, writeJsonl } from "./write-jsonl.ts";
import { writeParquet } from "./write-parquet.ts";

/** Output formats. */
export const EXPORT_FORMATS = ["parquet", "arrow", "jsonl"] as const;
/** One of `EXPORT_FORMATS`. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Options of `exportRun`. */
export interface ExportOptions extends ExportFilters {
  format: ExportFormat;
  style: ExportStyle;
  out: string;
  /** Default `{method: "group", epsilon: 1e-6}`. */
  advantage?: AdvantageSpec;
  /** Only this run of the log. */
  runId?: string;
  /** `pairs` style: every pair more than this far apart in reward, instead of each group's best against its worst. */
  margin?: number;
  /** `pairs` style: task type and hops by task id (from the corpus), written as `task_type` and `task_hops`. */
  tasks?: PairTaskInfo;
}

/** What an export wrote. */
export interface ExportSummary {
  out: string;
  /** The JSONL metadata sidecar, when the format is jsonl. */
  metaPath: string | null;
  format: ExportFormat;
  style: ExportStyle;
  rows: number;
  episodes: number;
  /** Finished episodes in the log before filtering. */
  episodesInLog: number;
  components: string[];
  metadata: Record<string, string>;
}

/**
 * Exports a run. Advantages are computed over every finished episode of each group first, then the
 * filters apply (split, min reward, only correct, dedup), so kept rows carry their GRPO advantage.
 * Every row carries `group_id`, `sample_idx`, `reward`, `reward_<component>` and `advantage`; the
 * advantage method and epsilon are in the file metadata (Parquet key-value metadata, Arrow schema
 * metadata, `<name>.meta.json` next to a JSONL file).
 * @example
 * await exportRun("runs/demo.duckdb", { format: "parquet", style: "hf", out: "out/demo.parquet", onlyCorrect: true });
 */
export async function exportRun(logPath: string | readonly string[], o: ExportOptions): Promise<ExportSummary> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(o.format))
    throw new ExportError("BAD_OPTION", `format must be one of ${EXPORT_FORMATS.join(", ")}, got ${JSON.stringify(o.format)}`);
  if (!(EXPORT_STYLES as readonly string[]).includes(o.style))
    throw new ExportError("BAD_OPTION", `style must be one of ${EXPORT_STYLES.join(", ")}, got ${JSON.stringify(o.style)}`);
  const advantage = o.advantage ?? { method: "group", epsilon: 1e-6 };
  const log = await readLog(logPath, { runId: o.runId });
  const source = typeof logPath === "string" ? logPath : logPath.join(" + ");
  const advantages = advantagesOf(log.episodes, advantage);
  const keep = selectEpisodes(log.episodes, log.componentNames, o);
  if (keep.length === 0) throw new ExportError("EMPTY_SELECTION", emptySelectionMessage(source, log.episodes, o));
  const episodes = keep.map((i) => log.episodes[i] as (typeof log.episodes)[number]);
  if (o.margin !== undefined && o.style !== "pairs") throw new ExportError("BAD_OPTION", "margin applies to the pairs style only");
  const pairs = o.style === "pairs" ? pairsOf(episodes, o.margin !== undefined ? { margin: o.margin } : {}) : null;
  if (pairs !== null && pairs.length === 0) {
    throw new ExportError(
      "EMPTY_SELECTION",
      `no GRPO group of the ${episodes.length} episodes kept has two rollouts whose rewards differ${o.margin !== undefined ? ` by more than ${o.margin}` : ""}: no preference pair to export`,
    );
  }
  const table =
    pairs !== null
      ? buildPairsTable(pairs, log.componentNames, o.tasks)
      : buildTable(
          o.style,
          episodes,
          keep.map((i) => advantages[i] ?? 0),
          log.componentNames,
        );
  const filters = { split: o.split ?? null, minReward: o.minReward ?? null, onlyCorrect: o.onlyCorrect ?? false, dedup: o.dedup ?? false };
  const metadata: Record<string, string> = {
    "simweb.format_version": "1",
    "simweb.style": o.style,
    "simweb.source_log": source,
    "simweb.run_ids": JSON.stringify(log.runIds),
    advantage_method: advantage.method,
    advantage_epsilon: String(advantage.epsilon),
    reward_components: JSON.stringify(log.componentNames),
    correctness_component: correctnessComponent(log.componentNames) ?? "",
    filters: JSON.stringify(filters),
    ...(pairs !== null ? { "simweb.pairing": o.margin !== undefined ? `margin>${o.margin}` : "best-worst" } : {}),
    rows: String(table.rows.length),
  };
  try {
    mkdirSync(dirname(o.out), { recursive: true });
  } catch (err) {
    throw new ExportError("WRITE_ERROR", `cannot create the directory of ${o.out}: ${(err as Error).message}`, { cause: err });
  }
  let metaPath: string | null = null;
  if (o.format === "jsonl") metaPath = await writeJsonl(o.out, table, metadata);
  else if (o.format === "arrow") await writeArrow(o.out, table, metadata);
  else await writeParquet(o.out, table, metadata);
  return {
    out: o.out,
    metaPath: metaPath ?? (o.format === "jsonl" ? sidecarPath(o.out) : null),
    format: o.format,
    style: o.style,
    rows: table.rows.length,
    episodes: episodes.length,
    episodesInLog: log.episodes.length,
    components: log.componentNames,
    metadata,
  };
}

/** Why an export would write no row: an empty log, a split the log does not have, or filters that drop every episode. */
function emptySelectionMessage(logPath: string, episodes: ReadonlyArray<{ split: string | null }>, o: ExportOptions): string {
  if (episodes.length === 0)
    return `${logPath} holds no finished episode${o.runId !== undefined ? ` of run ${JSON.stringify(o.runId)}` : ""}: nothing to export`;
  const splits = [...new Set(episodes.map((e) => e.split ?? "(none)"))].sort();
  if (o.split !== undefined && !episodes.some((e) => e.split === o.split)) {
    return `no episode has split ${JSON.stringify(o.split)}; splits in ${logPath}: ${splits.join(", ")}`;
  }
  const filters = [
    o.split !== undefined ? `--split ${o.split}` : "",
    o.minReward !== undefined ? `--min-reward ${o.minReward}` : "",
    o.onlyCorrect ? "--only-correct" : "",
    o.dedup ? "--dedup" : "",
  ].filter(Boolean);
  return `the filters (${filters.join(" ")}) keep none of the ${episodes.length} finished episodes: nothing to export`;
}
