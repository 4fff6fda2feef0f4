/** @module `simweb mcp`: the episode as MCP tools over stdio, for MCP clients that launch their servers (IDE agents, agent SDKs). */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createMcpServer, McpEpisode } from "../../env/mcp/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { ServedEpisodeLog } from "../../env/trajectory/index.ts";
import { simWebOptions } from "./rollout.ts";
import type { CommandSpec } from "../lib/command-spec.ts";
import { log } from "../lib/log.ts";

/** The `mcp` command. */
export const mcpCommand: CommandSpec = {
  name: "mcp",
  description: "serve the corpus as MCP tools (reset, search, open, find, answer) over stdio; stdout carries only the protocol",
  options: [
    { flags: "--db <path>", description: "corpus DuckDB file (loaded and indexed)", required: true },
    { flags: "--faults <profile>", description: "fault profile: none, mild, harsh or a JSON file", default: "none" },
    { flags: "--task-file <path>", description: "tasks from this JSONL/Parquet file instead of the corpus's" },
    { flags: "--rubric <name|json>", description: "rubric for tasks that name none" },
    { flags: "--log <path>", description: "trajectory log of every episode played (as serve --log)" },
  ],
  action: async (_args, o) => {
    const web = await SimWeb.open(String(o.db), simWebOptions(o));
    const sink = o.log === undefined ? undefined : await ServedEpisodeLog.open(String(o.log), { corpus: o.db, faults: o.faults, transport: "mcp-stdio" });
    const episode = new McpEpisode((id) => web.createEpisode(id, sink), "stdio");
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once("end", () => resolve());
      process.once("SIGTERM", () => resolve());
      process.once("SIGINT", () => resolve());
    });
    await createMcpServer(episode).connect(transport);
    log("mcp on stdio", { pages: web.pages.size, tasks: web.tasks.size });
    await closed;
    await episode.close();
    await sink?.close();
    web.close();
    process.exit(0);
  },
};
