/** @module The agent's tools as OpenAI function-calling schemas, served unchanged to trainers. */

/** An OpenAI `tools[]` entry. */
export interface ToolSchema {
  type: "function";
  function: {
    name: string;
    description: string;
    parameters: {
      type: "object";
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: false;
    };
  };
}

/** Names of the tools an episode accepts. */
export const TOOL_NAMES = ["search", "open", "find", "answer"] as const;
/** One of `TOOL_NAMES`. */
export type ToolName = (typeof TOOL_NAMES)[number];

/**
 * The four tools. Pass `TOOL_SCHEMAS` as `tools` to any OpenAI-compatible chat endpoint.
 * @example
 * await client.chat.completions.create({ model, messages, tools: TOOL_SCHEMAS });
 */
export const TOOL_SCHEMAS: readonly ToolSchema[] = [
  {
    type: "function",
    function: {
      name: "search",
      description: "Search the web. Returns ranked results with a rank number, title, URL and snippet.",
      parameters: {
        type: "object",
        properties: {
          query: { type: "string", description: 'Search query. Supports "quoted phrases", site:host and -site:host.' },
          k: { type: "integer", minimum: 1, maximum: 50, description: "Number of results (default 10)." },
        },
        required: ["query"],
        additionalProperties: false,
      },
    },
  },
  {
    type: "function",
    function: {
      name: "open",
      description:
        "Open a page: by URL, by the rank number of a result of the last search, or by a link id 【id†...】 of the current page. " +
        "Use loc to scroll to a line number.",
      parameters: {
        type: "object",
        properties: {
          url: { type: "string", description: "Absolute URL to open." },
          id: { type: "integer", minimum: 0, description: "Result rank of the last search, or a link id on the current page." },
          loc: { type: "integer", minimum: 0, description: "First line to show (default 0)." },
          num_lines: { type: "integer", minimum: 1, maximum: 500, description: "Lines to show (default: one viewport)." },
        },
        required: [],
        additionalProperties: false,
      },
    },
  },
  {
    type: "function",
    function: {
      name: "find",
      description: "Find a text pattern (case-insensitive) in the current page; returns matches with line numbers.",
      parameters: {
        type: "object",
        properties: { pattern: { type: "string", description: "Text to look for." } },
        required: ["pattern"],
        additionalProperties: false,
      },
    },
  },
  {
    type: "function",
    function: {
      name: "answer",
      description: "Give the final answer. Ends the episode. Cite the URLs of the pages that support it.",
      parameters: {
        type: "object",
        properties: {
          answer: { type: "string", description: "The final answer, as short as possible." },
          citations: { type: "array", items: { type: "string" }, description: "URLs of supporting pages." },
        },
        required: ["answer"],
        additionalProperties: false,
      },
    },
  },
];
