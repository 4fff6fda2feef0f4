/** @module Public surface of the MCP room: simweb's episode as MCP tools, over stdio (`simweb mcp`) or streamable HTTP (`/mcp`). */
export { McpEpisode, MCP_TOOLS, type McpTool, type McpToolResult } from "./mcp-episode.ts";
export { createMcpServer, MCP_SERVER_INFO } from "./mcp-server.ts";
export { createMcpHttpHandler, type McpHttpHandler, type McpHttpOptions } from "./mcp-http.ts";
