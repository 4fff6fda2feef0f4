/** @module `simweb export`: a trajectory log → Parquet / Arrow IPC / JSONL training data. */
import { EXPORT_FORMATS, EXPORT_STYLES, exportRun, type ExportFormat, type ExportStyle } from "../../env/export/index.ts";
import { LogReader } from "../../env/trajectory/index.ts";
import { readCorpusTasks, resolveCorpusPath } from "../../env/ui/index.ts";
import { numberOption, type CommandSpec } from "../lib/command-spec.ts";
import { log } from "../lib/log.ts";

/** Task type and hops for the pairs style, from the corpus the log's first run names (or `--corpus`); empty when unreadable. */
async function pairTasks(logPath: readonly string[], corpus: string | undefined): Promise<Map<string, { type: string; hops: number }>> {
  const reader = await LogReader.open(logPath);
  let runs, taskIds;
  try {
    runs = await reader.runs();
    taskIds = (await reader.choices()).taskIds;
  } finally {
    reader.close();
  }
  const got = await readCorpusTasks(resolveCorpusPath(corpus, runs[0]?.config ?? null, logPath[0] ?? "."), taskIds);
  if (got.error !== null) log(`pairs: task_type and task_hops left empty: ${got.error}`, {}, "warn");
  return got.tasks;
}

/** The `export` command. */
export const exportCommand: CommandSpec = {
  name: "export",
  description:
    "export a rollout log as training data (openai chat JSONL, hf messages, one row per step, or DPO preference pairs); several logs or a quoted glob are merged by episode id",
  args: ["<logs...>"],
  options: [
    { flags: "--format <format>", description: "output format", default: "parquet", choices: EXPORT_FORMATS },
    { flags: "--style <style>", description: "row layout", default: "hf", choices: EXPORT_STYLES },
    { flags: "--out <path>", description: "output file", required: true },
    { flags: "--min-reward <r>", description: "keep episodes with reward ≥ r", parse: numberOption("--min-reward") },
    { flags: "--only-correct", description: "keep episodes whose correctness component is ≥ 1", default: false },
    { flags: "--dedup", description: "drop repeats (same final answer and actions) within a group", default: false },
    { flags: "--split <name>", description: "keep one task split" },
    { flags: "--run-id <id>", description: "only this run of the log" },
    {
      flags: "--advantage <method>",
      description: "group: (r-mean)/(std+eps); batch: batch std; none: r-mean",
      default: "group",
      choices: ["group", "batch", "none"],
    },
    { flags: "--epsilon <e>", description: "added to the std", default: 1e-6, parse: numberOption("--epsilon") },
    {
      flags: "--margin <m>",
      description: "pairs style: every pair of a group more than m apart in reward (default: best vs worst)",
      parse: numberOption("--margin"),
    },
    { flags: "--corpus <path>", description: "pairs style: corpus file for task_type and task_hops (default: the one the run names)" },
  ],
  action: async (logPaths, o) => {
    const pairs = o.style === "pairs";
    const s = await exportRun(logPaths.length === 1 ? String(logPaths[0]) : logPaths, {
      format: o.format as ExportFormat,
      style: o.style as ExportStyle,
      out: String(o.out),
      minReward: o.minReward as number | undefined,
      onlyCorrect: o.onlyCorrect === true,
      dedup: o.dedup === true,
      split: o.split as string | undefined,
      runId: o.runId as string | undefined,
      advantage: { method: o.advantage as "group" | "batch" | "none", epsilon: Number(o.epsilon) },
      ...(o.margin !== undefined ? { margin: Number(o.margin) } : {}),
      ...(pairs ? { tasks: await pairTasks(logPaths, o.corpus as string | undefined) } : {}),
    });
    process.stdout.write(
      [
        `wrote           ${s.out}${s.metaPath ? ` (+ ${s.metaPath})` : ""}`,
        pairs
          ? `rows            ${s.rows} preference pairs (${s.metadata["simweb.pairing"]}) from ${s.episodes} of ${s.episodesInLog} episodes`
          : `rows            ${s.rows} (${s.episodes} of ${s.episodesInLog} episodes kept)`,
        pairs
          ? `columns         prompt, chosen, rejected (TRL conversational preference), tools, reward_gap, chosen_/rejected_reward[_<component>], task metadata`
          : `columns         reward, ${s.components.map((c) => `reward_${c}`).join(", ") || "no components"}, advantage (${s.metadata.advantage_method}, ε=${s.metadata.advantage_epsilon})`,
        "",
      ].join("\n"),
    );
  },
};
