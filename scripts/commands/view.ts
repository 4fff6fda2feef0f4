/** @module `simweb view`: serve the run viewer (reward plots, GRPO groups, episodes step by step, runs compared) for trajectory logs. */
import { InvalidArgumentError } from "commander";
import { readPrices } from "../../env/compare/index.ts";
import { startUiServer } from "../../env/ui/index.ts";
import { intOption, type CommandSpec } from "../lib/command-spec.ts";
import { log } from "../lib/log.ts";

/** Parses `--port`: an integer in [0, 65535]. */
function portOption(v: string): number {
  const n = intOption("--port")(v);
  if (n > 65535) throw new InvalidArgumentError(`--port must be ≤ 65535, got ${n}`);
  return n;
}

/** The `view` command. */
export const viewCommand: CommandSpec = {
  name: "view",
  description:
    "serve a web app over a run's trajectory log (runs/<name>.duckdb) at http://127.0.0.1:<port>/ui/; with several logs, #/compare puts their runs side by side",
  args: ["<runs...>"],
  options: [
    { flags: "--port <n>", description: "port to listen on (0 picks a free one)", default: 8090, parse: portOption },
    { flags: "--host <host>", description: "address to bind (keep 127.0.0.1 unless you mean to share the log)", default: "127.0.0.1" },
    { flags: "--corpus <path>", description: "corpus DuckDB file for task types, hops and gold answers (default: the one in the run's config)" },
    { flags: "--prices <file>", description: "price table JSON of the compare page (see simweb compare)" },
    {
      flags: "--merge",
      description:
        "read every log given as one run (the logs of several serve --log replicas), merged by episode id; a quoted glob ('runs/served-*.duckdb') merges too",
      default: false,
    },
  ],
  action: async (args, o) => {
    const [run, ...others] = o.merge === true ? [args] : args;
    const ui = await startUiServer({
      runPath: run as string | string[],
      comparePaths: others,
      ...(o.prices !== undefined ? { prices: readPrices(String(o.prices)) } : {}),
      port: Number(o.port),
      host: String(o.host),
      ...(o.corpus !== undefined ? { corpusPath: String(o.corpus) } : {}),
    });
    log("run viewer listening", { url: ui.url, run, compare: others });
    process.stdout.write(`run viewer: ${ui.url}${others.length > 0 ? `  (compare ${others.length + 1} logs: ${ui.url}#/compare)` : ""}  (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        void ui.close().then(resolve);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
  },
};
