/** @module `simweb view`: serve the run viewer (reward plots, GRPO groups, episodes step by step) for a trajectory log. */
import { InvalidArgumentError } from "commander";
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
  description: "serve a web app over a run's trajectory log (runs/<name>.duckdb) at http://127.0.0.1:<port>/ui/",
  args: ["<run>"],
  options: [
    { flags: "--port <n>", description: "port to listen on (0 picks a free one)", default: 8090, parse: portOption },
    { flags: "--host <host>", description: "address to bind (keep 127.0.0.1 unless you mean to share the log)", default: "127.0.0.1" },
    { flags: "--corpus <path>", description: "corpus DuckDB file for task types, hops and gold answers (default: the one in the run's config)" },
  ],
  action: async ([run], o) => {
    const ui = await startUiServer({
      runPath: String(run),
      port: Number(o.port),
      host: String(o.host),
      ...(o.corpus !== undefined ? { corpusPath: String(o.corpus) } : {}),
    });
    log("run viewer listening", { url: ui.url, run });
    process.stdout.write(`run viewer: ${ui.url}  (Ctrl-C to stop)\n`);
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
