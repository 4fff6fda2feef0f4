/** @module `simweb compare`: runs of several trajectory logs side by side on quality and cost, with the frontier. */
import {
  compareRuns,
  DEFAULT_PRICES,
  formatComparison,
  readPrices,
  readRunLog,
  writeComparisonParquet,
  QUALITY_MEASURES,
  type Comparison,
  type QualityMeasure,
  type TaskLookup,
} from "../../env/compare/index.ts";
import { readCorpusTasks, resolveCorpusPath } from "../../env/ui/index.ts";
import { numberOption, type CommandSpec } from "../lib/command-spec.ts";
import { log } from "../lib/log.ts";

/** Task type and hops from the corpus each log's run was made on (`corpus`, when given, for every log). */
export function corpusTaskLookup(corpus: string | undefined): TaskLookup {
  return async (logPath, runs, taskIds) => {
    const got = await readCorpusTasks(resolveCorpusPath(corpus, runs[0]?.config ?? null, logPath), taskIds);
    if (got.error !== null) log(`${logPath}: tasks shown as type and hops "unknown": ${got.error}`, {}, "warn");
    return got.tasks;
  };
}

/** Reads the logs and compares their runs. */
export async function compareLogs(
  paths: ReadonlyArray<string | readonly string[]>,
  o: { prices?: string; corpus?: string; baseline?: number; quality?: QualityMeasure } = {},
): Promise<Comparison> {
  const lookup = corpusTaskLookup(o.corpus);
  const logs = [];
  for (const p of paths) logs.push(await readRunLog(p, lookup));
  return compareRuns(logs, {
    prices: o.prices !== undefined ? readPrices(o.prices) : DEFAULT_PRICES,
    baseline: o.baseline ?? 0,
    quality: o.quality ?? "reward",
  });
}

/** The `compare` command. */
export const compareCommand: CommandSpec = {
  name: "compare",
  description: "compare runs (one row per run): success, reward, pass@1/pass@G, tokens, tool calls, time, $ cost, Agentic ROI, the cost–quality frontier",
  args: ["<logs...>"],
  options: [
    {
      flags: "--prices <file>",
      description: 'price table JSON: {"<model>|*": {"input_per_1m", "output_per_1m", "per_search", "per_open"}} (default: $0.005/search, $0.001/page)',
    },
    { flags: "--corpus <path>", description: "corpus file for task types and hops (default: the one each run names)" },
    {
      flags: "--quality <measure>",
      description: "quality on the frontier and in the ROI: mean reward or success rate",
      default: "reward",
      choices: QUALITY_MEASURES,
    },
    { flags: "--baseline <q>", description: "quality counted as no gain in the ROI (q₀)", default: 0, parse: numberOption("--baseline") },
    {
      flags: "--merge",
      description:
        "read every log given as one run (the logs of several serve --log replicas), merged by episode id; a quoted glob ('runs/served-*.duckdb') is one merged log too",
      default: false,
    },
    { flags: "--json", description: "print the comparison as JSON instead of tables", default: false },
    { flags: "--parquet <out>", description: "also write the flat table (one row per run × slice) as Parquet" },
  ],
  action: async (paths, o) => {
    const c = await compareLogs(o.merge === true ? [paths] : paths, {
      ...(o.prices !== undefined ? { prices: String(o.prices) } : {}),
      ...(o.corpus !== undefined ? { corpus: String(o.corpus) } : {}),
      baseline: Number(o.baseline),
      quality: o.quality as QualityMeasure,
    });
    if (o.parquet !== undefined) await writeComparisonParquet(c, String(o.parquet));
    if (o.json === true) process.stdout.write(JSON.stringify(c, null, 2) + "\n");
    else process.stdout.write(formatComparison(c) + (o.parquet !== undefined ? `\nwrote ${String(o.parquet)}\n` : ""));
  },
};
