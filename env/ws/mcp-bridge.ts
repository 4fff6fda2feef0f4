/**
 * @module The `mcp` message type (OpenEnv's `WSMCPMessage`): JSON-RPC 2.0 `tools/list` and `tools/call`
 * mapped onto the episode's own tools. `tools/call` is one `step` of the connection's default episode
 * (same semantics, reward and log); `tools/list` needs no reset. Codes are OpenEnv's `JsonRpcErrorCode`.
 */
import { EnvError, TOOL_SCHEMAS, type StepResult } from "../episode/index.ts";
import type { McpRequest } from "./protocol.ts";

/** OpenEnv's JSON-RPC error codes. */
export const JSON_RPC = { INVALID_REQUEST: -32600, METHOD_NOT_FOUND: -32601, INVALID_PARAMS: -32602, INTERNAL_ERROR: -32603, SERVER_ERROR: -32000 } as const;

/** A JSON-RPC 2.0 response as OpenEnv's `JsonRpcResponse.model_dump()` writes it: `result` or `error`. */
export type JsonRpcResponse =
  | { jsonrpc: "2.0"; id: string | number | null; result: unknown }
  | { jsonrpc: "2.0"; id: string | number | null; error: { code: number; message: string; data?: unknown } };

/** The tools as MCP `tools/list` entries (`inputSchema` = the OpenAI function parameters). */
export function mcpTools(): { name: string; description: string; inputSchema: Record<string, unknown> }[] {
  return TOOL_SCHEMAS.map((t) => ({ name: t.function.name, description: t.function.description, inputSchema: t.function.parameters }));
}

/**
 * Answers one `mcp` request; `step` runs a tool call on the default episode. Episode errors become
 * JSON-RPC `SERVER_ERROR` (-32000) with simweb's code in `error.data.code` (e.g. `RESET_NEEDED`).
 * @example
 * await answerMcp({ ok: true, method: "tools/list", params: {}, rpcId: 1 }, step); // {jsonrpc, id: 1, result: {tools: [...]}}
 */
export async function answerMcp(req: McpRequest, step: (name: string, args: Record<string, unknown>) => Promise<StepResult>): Promise<JsonRpcResponse> {
  const id = req.rpcId;
  const error = (code: number, message: string, data?: unknown): JsonRpcResponse => ({
    jsonrpc: "2.0",
    id,
    error: data === undefined ? { code, message } : { code, message, data },
  });
  if (!req.ok) return error(JSON_RPC.INVALID_REQUEST, req.message);
  const params = req.params;
  if (params === null || typeof params !== "object" || Array.isArray(params)) return error(JSON_RPC.INVALID_PARAMS, "Params must be an object");
  const p = params as Record<string, unknown>;
  switch (req.method) {
    case "tools/list":
      return { jsonrpc: "2.0", id, result: { tools: mcpTools() } };
    case "tools/call": {
      const name = p.name;
      if (typeof name !== "string" || name === "") return error(JSON_RPC.INVALID_PARAMS, "Missing 'name' in params");
      if (!TOOL_SCHEMAS.some((t) => t.function.name === name)) return error(JSON_RPC.INVALID_PARAMS, `Tool not found: ${name}`);
      const args = p.arguments ?? {};
      if (args === null || typeof args !== "object" || Array.isArray(args)) return error(JSON_RPC.INVALID_PARAMS, "arguments must be an object");
      try {
        const r = await step(name, args as Record<string, unknown>);
        const done = r.terminated || r.truncated;
        return {
          jsonrpc: "2.0",
          id,
          result: {
            content: [{ type: "text", text: r.observation }],
            structuredContent: { reward: r.reward, done, terminated: r.terminated, truncated: r.truncated, info: r.info },
            isError: r.info.error !== undefined && r.info.error !== null,
            data: r.observation,
          },
        };
      } catch (err) {
        if (err instanceof EnvError) return error(JSON_RPC.SERVER_ERROR, err.message, { code: err.code });
        return error(JSON_RPC.INTERNAL_ERROR, err instanceof Error ? err.message : String(err));
      }
    }
    default:
      return error(JSON_RPC.METHOD_NOT_FOUND, `Method not found: ${req.method}`);
  }
}
