/** @module `simweb export`: a trajectory log → Parquet / Arrow IPC / JSONL training data. */
import { EXPORT_FORMATS, EXPORT_STYLES, exportRun, type ExportFormat, type ExportStyle } from "../../env/export/index.ts";
import { numberOption, type CommandSpec } from "../lib/command-spec.ts";

/** The `export` command. */
export const exportCommand: CommandSpec = {
  name: "export",
  description: "export a rollout log as training data (openai chat JSONL, hf messages, or one row per step)",
  args: ["<log>"],
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
  ],
  action: async ([logPath], o) => {
    const s = await exportRun(String(logPath), {
      format: o.format as ExportFormat,
      style: o.style as ExportStyle,
      out: String(o.out),
      minReward: o.minReward as number | undefined,
      onlyCorrect: o.onlyCorrect === true,
      dedup: o.dedup === true,
      split: o.split as string | undefined,
      runId: o.runId as string | undefined,
      advantage: { method: o.advantage as "group" | "batch" | "none", epsilon: Number(o.epsilon) },
    });
    process.stdout.write(
      [
        `wrote           ${s.out}${s.metaPath ? ` (+ ${s.metaPath})` : ""}`,
        `rows            ${s.rows} (${s.episodes} of ${s.episodesInLog} episodes kept)`,
        `columns         reward, ${s.components.map((c) => `reward_${c}`).join(", ") || "no components"}, advantage (${s.metadata.advantage_method}, ε=${s.metadata.advantage_epsilon})`,
        "",
      ].join("\n"),
    );
  },
};
