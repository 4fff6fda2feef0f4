/** @module The openai policy: native tool calling against any OpenAI-compatible chat-completions endpoint. */
import { stream } from "../../../core/index.ts";
import type { ChatMessage } from "../../../core/index.ts";
import { chatCompletion, type ChatEndpoint } from "./chat-client.ts";
import type { Policy, PolicyContext, PolicyDecision, PolicyFactory } from "./policy.ts";

/** Options of the openai policy. */
export interface OpenAIPolicyOptions extends ChatEndpoint {
  /** Sampling temperature (default 1.0). */
  temperature?: number;
  /** System prompt (default: a short instruction to use the tools; "" for none). */
  system?: string;
  /** `max_tokens` per completion (unset by default). */
  maxTokens?: number;
}

/** Default system prompt of the openai policy. */
export const DEFAULT_SYSTEM_PROMPT =
  "You are a research assistant with a web browser. Use the tools to search and read pages, then call answer " +
  "with the shortest exact answer and the URLs that support it.";

class OpenAIPolicy implements Policy {
  readonly name = "openai";
  private readonly o: OpenAIPolicyOptions;
  private readonly seed: number;

  constructor(o: OpenAIPolicyOptions, seed: number) {
    this.o = o;
    this.seed = seed;
  }

  initialMessages(_question: string, firstObservation: string): ChatMessage[] {
    const system = this.o.system ?? DEFAULT_SYSTEM_PROMPT;
    const user: ChatMessage = { role: "user", content: firstObservation };
    return system === "" ? [user] : [{ role: "system", content: system }, user];
  }

  async act(ctx: PolicyContext): Promise<PolicyDecision> {
    const reply = await chatCompletion(
      this.o,
      {
        messages: ctx.history,
        tools: ctx.tools,
        tool_choice: "auto",
        temperature: this.o.temperature ?? 1.0,
        seed: this.seed,
        ...(this.o.maxTokens !== undefined ? { max_tokens: this.o.maxTokens } : {}),
      },
      stream(this.seed, "policy", "openai", "backoff", ctx.step),
    );
    const tokens = reply.usage ?? undefined;
    const call = reply.toolCalls[0];
    // one action per step: the first tool call is executed (and recorded); any others are dropped
    if (call === undefined) return { action: { text: reply.content ?? "" }, tokens };
    return { action: { name: call.function.name, arguments: call.function.arguments }, callId: call.id, content: reply.content, tokens };
  }
}

/**
 * The openai policy: sends the conversation with `tools: TOOL_SCHEMAS` and `tool_choice: "auto"`; the
 * first tool call of the reply is the action (its id and arguments string go back into the history as
 * an assistant `tool_calls` message followed by a `tool` message). A reply with no tool call is sent to
 * the episode as a text action (parsed as Search-R1 tags or `<tool_call>`, else invalid).
 * @example
 * openaiPolicy({ baseUrl: "http://127.0.0.1:8000/v1", model: "Qwen/Qwen3-4B", temperature: 0.7 });
 */
export function openaiPolicy(o: OpenAIPolicyOptions): PolicyFactory {
  const { apiKey: _secret, ...shown } = o;
  return { name: "openai", config: { policy: "openai", ...shown }, create: ({ seed }) => new OpenAIPolicy(o, seed) };
}
