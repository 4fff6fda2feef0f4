/** @module The OpenAPI 3.1 document of the server, one entry per route (a test checks none is missing). */

type Param = { name: string; in: "query" | "header"; required?: boolean; schema: Record<string, unknown>; description: string };
interface Op {
  summary: string;
  description?: string;
  parameters?: Param[];
  body?: { schema: Record<string, unknown>; example: unknown };
  response: { type: string; description: string; example?: unknown };
}

const q = (name: string, schema: Record<string, unknown>, description: string, required = false): Param => ({
  name,
  in: "query",
  required,
  schema,
  description,
});
const str = { type: "string" };
const int = (min: number, max: number, def?: number): Record<string, unknown> => ({
  type: "integer",
  minimum: min,
  maximum: max,
  ...(def !== undefined ? { default: def } : {}),
});
const JSON_T = "application/json";
const TEXT_T = "text/plain";

/** OpenEnv's informational routes under `prefix`. */
function openEnvInfoDocs(prefix: string): Record<string, Op> {
  return {
    [`GET ${prefix}/health`]: { summary: "OpenEnv health check.", response: { type: JSON_T, description: '{status: "healthy"}' } },
    [`GET ${prefix}/schema`]: {
      summary: "OpenEnv JSON schemas of the action, observation and state.",
      response: { type: JSON_T, description: "{action, observation, state}" },
    },
    [`GET ${prefix}/metadata`]: {
      summary: "OpenEnv environment metadata.",
      response: { type: JSON_T, description: "{name, description, readme_content, version, author, documentation_url}" },
    },
  };
}

/** Documentation of every route by `METHOD path`. */
export const ROUTE_DOCS: Readonly<Record<string, Op>> = {
  "GET /search": {
    summary: "Search the frozen web (BM25).",
    parameters: [
      q("q", str, 'query; supports "phrases", site:host, -site:host, -term', true),
      q("k", int(1, 100, 10), "results"),
      q("offset", int(0, 10000, 0), "results to skip"),
    ],
    response: {
      type: JSON_T,
      description: "{query, total, results:[{rank,url,title,snippet,score}]}",
      example: {
        query: "vexa corp",
        total: 12,
        results: [{ rank: 1, url: "https://wiki.test/Vexa_Corp", title: "Vexa Corp", snippet: "**Vexa** **Corp** is a software company…", score: 11.2 }],
      },
    },
  },
  "GET /page": {
    summary: "A page as text, Markdown, raw HTML or the numbered browser view.",
    description:
      "Unknown URL → 404 with a browser-like body; recorded redirect → 301 with Location back to /page. `Accept: application/json` → JSON envelope {url,status,format,title,content,...}.",
    parameters: [
      q("url", str, "http(s) URL", true),
      q("format", { enum: ["text", "markdown", "html", "browser"], default: "text" }, "rendering"),
      q("loc", int(0, 10_000_000, 0), "first line (browser)"),
      q("num_lines", int(0, 10_000, 0), "lines; 0 fills ~1024 tokens (browser)"),
      q("cursor", int(0, 1_000_000, 0), "page-stack position shown as [cursor] (browser)"),
    ],
    response: { type: TEXT_T, description: "the page body" },
  },
  "GET /find": {
    summary: "Find a literal pattern in a page (gpt-oss browser `find`).",
    parameters: [
      q("url", str, "http(s) URL", true),
      q("pattern", str, "case-insensitive literal", true),
      q("cursor", int(0, 1_000_000, 0), "shown as [cursor]"),
    ],
    response: { type: TEXT_T, description: "find results page; JSON {url,status,pattern,matches,content} with Accept: application/json" },
  },
  "POST /retrieve": {
    summary:
      "Search-R1-compatible batch retrieval (Search-R1 _batch_search, verl SearchTool, SkyRL SearchToolGroup): up to 10,000 queries (serve --max-batch), body streamed. " +
      "Each document is the page's best ~100-word passage (serve --retrieve-unit passage|page), contents '\"Title\"\\npassage', one entry ≤ 2 KiB (page unit: 8 KiB). " +
      "queries × topk × that cap over 64 MiB → 400 RESPONSE_TOO_LARGE. Under a fault profile a faulted query answers one document whose contents say what failed " +
      "('[search error 503: service unavailable]', status 200; serve --batch-faults http for HTTP statuses, 429 with Retry-After).",
    body: {
      schema: {
        type: "object",
        properties: {
          queries: { type: "array", items: str },
          query: { oneOf: [str, { type: "array", items: str }] },
          topk: int(1, 100, 3),
          top_k: int(1, 100),
          k: int(1, 100),
          return_scores: { type: "boolean", default: false },
        },
      },
      example: { queries: ["who founded vexa corp"], topk: 3, return_scores: true },
    },
    response: {
      type: JSON_T,
      description:
        "{result:[[{document:{id,contents,url},score}]]}; bare documents without return_scores; a faulted query: [{document:{id:'error',contents:'[search error 503: service unavailable]',url:''},score:0}]",
      example: {
        result: [[{ document: { id: "0", contents: '"Vexa Corp"\nVexa Corp was founded in 1987 by…', url: "https://wiki.test/Vexa_Corp" }, score: 11.2 }]],
      },
    },
  },
  "POST /access": {
    summary: "ASearcher page access: full text of URLs.",
    body: {
      schema: { type: "object", required: ["urls"], properties: { urls: { type: "array", items: str } } },
      example: { urls: ["https://wiki.test/Vexa_Corp"] },
    },
    response: { type: JSON_T, description: "{result:[{url,title,contents}|null]}" },
  },
  "POST /serper/search": {
    summary: "Serper-shaped Google search (one query object or a list).",
    body: {
      schema: {
        oneOf: [
          {
            type: "object",
            required: ["q"],
            properties: {
              q: str,
              num: int(1, 100, 10),
              page: { type: "integer", minimum: 1, default: 1 },
              gl: str,
              hl: str,
              location: str,
              tbs: str,
              autocorrect: { type: "boolean" },
            },
          },
          { type: "array" },
        ],
      },
      example: { q: "vexa corp founded", num: 10 },
    },
    response: { type: JSON_T, description: "{searchParameters, organic:[{title,link,snippet,position}], credits}" },
  },
  "POST /exa/search": {
    summary: "Exa-shaped search.",
    body: {
      schema: {
        type: "object",
        required: ["query"],
        properties: {
          query: str,
          numResults: int(1, 100, 10),
          includeDomains: { type: "array", items: str },
          excludeDomains: { type: "array", items: str },
          contents: {
            type: "object",
            properties: {
              text: {
                oneOf: [{ type: "boolean" }, { type: "object", properties: { maxCharacters: int(1, 10_000_000), includeHtmlTags: { type: "boolean" } } }],
              },
              highlights: {},
              summary: { oneOf: [{ type: "boolean" }, { type: "object", properties: { query: str, schema: { type: "object" } } }] },
            },
          },
        },
      },
      example: { query: "vexa corp", numResults: 5, contents: { text: true, summary: true } },
    },
    response: {
      type: JSON_T,
      description:
        "{requestId, resolvedSearchType, results:[{id,url,title,score,publishedDate,author,text?,summary?}]}; summary = the page's lead sentences (≤ 320 characters, deterministic); text with includeHtmlTags = HTML with the page's <a href> links",
    },
  },
  "POST /exa/contents": {
    summary: "Exa-shaped contents of URLs (or ids from /exa/search).",
    body: {
      schema: {
        type: "object",
        properties: {
          urls: { type: "array", items: str },
          ids: { type: "array", items: str },
          text: { oneOf: [{ type: "boolean" }, { type: "object", properties: { maxCharacters: int(1, 10_000_000), includeHtmlTags: { type: "boolean" } } }] },
          summary: { oneOf: [{ type: "boolean" }, { type: "object" }] },
        },
      },
      example: { urls: ["https://wiki.test/Vexa_Corp"], text: { includeHtmlTags: true } },
    },
    response: {
      type: JSON_T,
      description:
        "{requestId, results:[{id,url,title,text,summary?,publishedDate,author}], statuses:[{id,status,error?}]}; text with includeHtmlTags = HTML with the page's <a href> links (gpt-oss's process_html gives them link ids)",
    },
  },
  "GET /cdx": {
    summary: "CDX capture index (Common Crawl fields).",
    parameters: [
      q("url", str, "URL; example.com/* → prefix, *.example.com → domain", true),
      q("matchType", { enum: ["exact", "prefix", "host", "domain"], default: "exact" }, "match type"),
      q("output", { enum: ["json", "text"], default: "text" }, "json → JSON lines"),
      q("limit", int(1, 100_000, 10_000), "most records"),
      q("fl", str, "comma-separated field list"),
    ],
    response: { type: "text/x-ndjson", description: "one record per line: urlkey timestamp url mime status digest length offset filename" },
  },
  "GET /healthz": { summary: "Liveness and corpus size.", response: { type: JSON_T, description: '{status:"ok", pages, indexed, tasks, protocol_version}' } },
  "GET /metrics": { summary: "Prometheus text exposition.", response: { type: "text/plain; version=0.0.4", description: "counters and histograms" } },
  "GET /openapi.json": { summary: "This document.", response: { type: JSON_T, description: "OpenAPI 3.1" } },
  "GET /tools.json": { summary: "The agent's tools as OpenAI function schemas.", response: { type: JSON_T, description: "TOOL_SCHEMAS" } },
  ...openEnvInfoDocs(""),
  ...openEnvInfoDocs("/openenv"),
  "POST /openenv/reset": {
    summary: "OpenEnv's stateless reset: a fresh episode, reset and closed before the answer.",
    body: {
      schema: { type: "object", properties: { seed: { type: "integer", minimum: 0 }, episode_id: str, task_id: str, split: str } },
      example: { seed: 1 },
    },
    response: { type: JSON_T, description: "{observation: {text, terminated, truncated, info}, reward: null, done: false}" },
  },
  "POST /openenv/step": {
    summary: "OpenEnv's stateless step: a fresh episode (reset with the body's seed/task_id/split) runs one action, then closes.",
    body: {
      schema: { type: "object", required: ["action"], properties: { action: { type: "object" }, timeout_s: { type: "number" }, request_id: str } },
      example: { action: { name: "search", arguments: { query: "vexa corp" } } },
    },
    response: { type: JSON_T, description: "{observation: {text, terminated, truncated, info}, reward, done}; an invalid action → 422" },
  },
  "GET /openenv/state": {
    summary: "OpenEnv's stateless state: a fresh environment's state.",
    response: { type: JSON_T, description: "{episode_id: null, step_count: 0, ...}" },
  },
  "POST /reset": {
    summary: "HTTP mirror of the session protocol: start an episode.",
    body: { schema: { type: "object" }, example: { seed: 1 } },
    response: { type: JSON_T, description: "{session_id, observation, info}" },
  },
  "POST /step": {
    summary: "HTTP mirror: one action.",
    body: {
      schema: { type: "object", required: ["session_id", "action"] },
      example: { session_id: "…", action: { name: "search", arguments: { query: "vexa corp" } } },
    },
    response: { type: JSON_T, description: "{observation, reward, done, terminated, truncated, info}" },
  },
  "POST /state": {
    summary: "HTTP mirror: episode state.",
    body: { schema: { type: "object", required: ["session_id"] }, example: { session_id: "…" } },
    response: { type: JSON_T, description: "state" },
  },
  "POST /close": {
    summary: "HTTP mirror: end a session.",
    body: { schema: { type: "object", required: ["session_id"] }, example: { session_id: "…" } },
    response: { type: JSON_T, description: "{session_id, closed, state}" },
  },
  "POST /mcp": {
    summary: "MCP over streamable HTTP: JSON-RPC messages of one MCP session (initialize opens it; tools reset, search, open, find, answer).",
    description: "The first request is initialize without Mcp-Session-Id; its reply's Mcp-Session-Id header names the session for the rest.",
    body: {
      schema: { type: "object", required: ["jsonrpc", "method"] },
      example: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "search", arguments: { query: "founded 1987" } } },
    },
    response: { type: JSON_T, description: "the JSON-RPC response (tools/call: {content:[{type:'text',text}], structuredContent, isError?})" },
  },
  "GET /mcp": {
    summary: "MCP server-to-client notification stream (SSE) of a session named by Mcp-Session-Id.",
    response: { type: "text/event-stream", description: "server-sent events" },
  },
  "DELETE /mcp": {
    summary: "Ends the MCP session named by Mcp-Session-Id (its episode is logged).",
    response: { type: JSON_T, description: "empty" },
  },
};

const ERROR_SCHEMA = {
  type: "object",
  properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
};

/**
 * The OpenAPI document for the given `METHOD path` routes (routes without docs get a bare entry).
 * @example
 * openApiDocument(["GET /search"]).paths["/search"].get.summary;
 */
export function openApiDocument(routes: readonly string[], version = "1"): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const [method, path] = r.split(" ") as [string, string];
    const d = ROUTE_DOCS[r] ?? { summary: path, response: { type: JSON_T, description: "" } };
    const op: Record<string, unknown> = {
      summary: d.summary,
      ...(d.description ? { description: d.description } : {}),
      parameters: [
        ...(d.parameters ?? []),
        { name: "X-Simweb-Episode", in: "header", schema: str, description: "fault-draw key (default: the query or URL)" },
        { name: "X-Simweb-Step", in: "header", schema: { type: "integer", minimum: 0 }, description: "fault-draw step (default: a per-key counter)" },
      ],
      responses: {
        "200": {
          description: d.response.description,
          content: {
            [d.response.type]: {
              schema: d.response.type === JSON_T ? { type: "object" } : str,
              ...(d.response.example !== undefined ? { example: d.response.example } : {}),
            },
          },
        },
        "4XX": { description: "bad request, with a stable error code", content: { [JSON_T]: { schema: ERROR_SCHEMA } } },
        "5XX": { description: "simulated or real server error", content: { [JSON_T]: { schema: ERROR_SCHEMA } } },
      },
    };
    if (d.body) op.requestBody = { required: true, content: { [JSON_T]: { schema: d.body.schema, example: d.body.example } } };
    (paths[path] ??= {})[method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "simweb", version, description: "A frozen, seeded web for training LLM search agents. No route opens an outbound connection." },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-KEY" },
        queryToken: {
          type: "apiKey",
          in: "query",
          name: "token",
          description: "Also accepted; prefer a header (a query string lands in access logs and history).",
        },
      },
    },
    security: [{ bearer: [] }, { apiKey: [] }, { queryToken: [] }, {}],
    paths,
  };
}
