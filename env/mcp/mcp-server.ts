/** @module An MCP server (the official SDK's `Server`) offering one session's episode as tools. */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { MCP_TOOLS, type McpEpisode } from "./mcp-episode.ts";

/** The name and version the server announces in `initialize`. */
export const MCP_SERVER_INFO = { name: "simweb", version: "0.1.0" } as const;

const INSTRUCTIONS =
  "A frozen, seeded web. Call reset to get a question, then search, open and find to research it, and answer to end " +
  "the episode: the answer is scored against the task's gold answers and the reward comes back in the result.";

/**
 * An SDK `Server` with the tools capability: `tools/list` gives `reset` and the episode's tools,
 * `tools/call` runs them on `episode`. Connect it to a transport (`StdioServerTransport`,
 * `StreamableHTTPServerTransport`).
 * @example
 * const server = createMcpServer(new McpEpisode((id) => web.createEpisode(id), "stdio"));
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(episode: McpEpisode): Server {
  const server = new Server(MCP_SERVER_INFO, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...MCP_TOOLS] }));
  server.setRequestHandler(CallToolRequestSchema, (req) => episode.call(req.params.name, req.params.arguments));
  return server;
}
