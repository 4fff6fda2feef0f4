/** @module Test helper: a local OpenAI-compatible chat-completions server (node:http on 127.0.0.1) with scripted replies. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A reply: an HTTP status with a JSON body, or a chat completion built from a message. */
export type ScriptedReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { message: { content: string | null; tool_calls?: Array<{ id: string; name: string; arguments: string }> }; finish?: string };

/** A running chat server: its base URL, the request bodies it received, and `close()`. */
export interface ChatServer {
  baseUrl: string;
  requests: Array<{ path: string; auth: string | undefined; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts a server answering POST /v1/chat/completions with `next(requestBody, index)`, on `port` (0: any free one). */
export async function startChatServer(next: (body: Record<string, unknown>, i: number) => ScriptedReply, port = 0): Promise<ChatServer> {
  const requests: ChatServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += String(c)));
    req.on("end", () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const i = requests.length;
      requests.push({ path: req.url ?? "", auth: req.headers.authorization, body });
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      const r = next(body, i);
      if ("status" in r) {
        res.writeHead(r.status, { "content-type": "application/json", ...(r.headers ?? {}) }).end(JSON.stringify(r.body ?? { error: { message: "error" } }));
        return;
      }
      const message: Record<string, unknown> = { role: "assistant", content: r.message.content };
      if (r.message.tool_calls) {
        message.tool_calls = r.message.tool_calls.map((t) => ({ id: t.id, type: "function", function: { name: t.name, arguments: t.arguments } }));
      }
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: `chatcmpl-${i}`,
          object: "chat.completion",
          created: 1700000000,
          model: body.model,
          choices: [{ index: 0, message, finish_reason: r.finish ?? (r.message.tool_calls ? "tool_calls" : "stop") }],
          usage: { prompt_tokens: 100 + i, completion_tokens: 10, total_tokens: 110 + i },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${bound}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
