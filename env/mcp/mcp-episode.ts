/** @module One MCP session's episode: MCP tool calls (`reset`, `search`, `open`, `find`, `answer`) onto the Gym episode, results as MCP tool results. */
import { EnvError, TOOL_SCHEMAS, type Episode, type ResetArgs } from "../episode/index.ts";

/** An MCP `tools/call` result: text content, structured content, and `isError` for a failed call. */
export interface McpToolResult {
  [key: string]: unknown;
  content: Array<{ type: "text"; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** An MCP tool definition (`tools/list`). */
export interface McpTool {
  [key: string]: unknown;
  name: string;
  description: string;
  inputSchema: { type: "object"; properties: Record<string, unknown>; required?: string[]; additionalProperties?: boolean };
}

/** The `reset` tool: starts an episode and returns its question (the other four are the episode's own tools). */
const RESET_TOOL: McpTool = {
  name: "reset",
  description:
    "Start an episode: returns the question to answer with search, open and find, then answer. " +
    "Name a task with task_id, or draw one with seed (and split). Call it again for the next question.",
  inputSchema: {
    type: "object",
    properties: {
      task_id: { type: "string", description: "A task of the corpus." },
      seed: { type: "integer", minimum: 0, description: "Seed of the task draw and of every fault and latency draw (default 0)." },
      split: { type: "string", description: 'Split to draw from (e.g. "train", "test").' },
    },
    additionalProperties: false,
  },
};

/** `tools/list`: `reset`, then the episode's tools with the schemas every other transport serves (`TOOL_SCHEMAS`). */
export const MCP_TOOLS: readonly McpTool[] = [
  RESET_TOOL,
  ...TOOL_SCHEMAS.map((t) => ({ name: t.function.name, description: t.function.description, inputSchema: t.function.parameters })),
];

const text = (s: string): Array<{ type: "text"; text: string }> => [{ type: "text", text: s }];

function failure(err: unknown): McpToolResult {
  const code = err instanceof EnvError ? err.code : "EXECUTION_ERROR";
  const message = err instanceof Error ? err.message : String(err);
  return { content: text(`${code}: ${message}`), structuredContent: { error: { code, message } }, isError: true };
}

/**
 * The episode behind one MCP session. Same semantics and reward as `/ws`: `reset` picks the task, every
 * other tool is one step, `answer` ends the episode with the rubric's reward (in the result's text and
 * structured content). A tool call before `reset` or after the end is an `isError` result naming
 * `RESET_NEEDED`, never a protocol error, so the agent can recover.
 */
export class McpEpisode {
  private episode: Episode | null = null;
  private count = 0;

  private readonly createEpisode: (episodeId: string) => Episode;
  private readonly sessionId: string;

  constructor(createEpisode: (episodeId: string) => Episode, sessionId: string) {
    this.createEpisode = createEpisode;
    this.sessionId = sessionId;
  }

  /** Runs one tool call. Never throws: errors come back as `isError` results. */
  async call(name: string, args: Record<string, unknown> | undefined): Promise<McpToolResult> {
    try {
      if (name === "reset") return await this.reset(args ?? {});
      if (!MCP_TOOLS.some((t) => t.name === name))
        throw new EnvError("VALIDATION_ERROR", `unknown tool ${JSON.stringify(name)}; tools: ${MCP_TOOLS.map((t) => t.name).join(", ")}`);
      if (this.episode === null) throw new EnvError("RESET_NEEDED", "call the reset tool first: it returns the question");
      const r = await this.episode.step({ name, arguments: args ?? {} });
      const done = r.terminated || r.truncated;
      const structured: Record<string, unknown> = {
        reward: r.reward,
        terminated: r.terminated,
        truncated: r.truncated,
        done,
        step: r.info.step,
        valid: r.info.valid,
      };
      if (done) Object.assign(structured, { end_reason: r.info.end_reason, reward_components: r.info.reward_components });
      const tail = done ? `\n\n[episode ended (${String(r.info.end_reason)}): reward ${r.reward.toFixed(3)}]` : "";
      return { content: text(r.observation + tail), structuredContent: structured };
    } catch (err) {
      return failure(err);
    }
  }

  /** Ends the current episode (logged with end reason `closed` when it had not ended). */
  async close(): Promise<void> {
    const e = this.episode;
    this.episode = null;
    await e?.close();
  }

  private async reset(args: Record<string, unknown>): Promise<McpToolResult> {
    const extra = Object.keys(args).filter((k) => !["task_id", "seed", "split"].includes(k));
    if (extra.length > 0) throw new EnvError("VALIDATION_ERROR", `unknown reset argument(s) ${extra.join(", ")}; reset takes task_id, seed, split`);
    const { task_id: taskId, seed, split } = args;
    if (taskId !== undefined && typeof taskId !== "string") throw new EnvError("VALIDATION_ERROR", "task_id must be a string");
    if (seed !== undefined && (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0))
      throw new EnvError("VALIDATION_ERROR", "seed must be a non-negative integer");
    if (split !== undefined && typeof split !== "string") throw new EnvError("VALIDATION_ERROR", "split must be a string");
    await this.close();
    const episode = this.createEpisode(`mcp-${this.sessionId}-${++this.count}`);
    const reset: ResetArgs = { seed: seed ?? 0, taskId, split };
    const r = episode.reset(reset);
    this.episode = episode;
    return { content: text(r.observation), structuredContent: { task_id: r.info.task_id, question: r.info.question } };
  }
}
