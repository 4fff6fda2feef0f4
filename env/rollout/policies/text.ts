/** @module The text policy: the same endpoint prompted with Search-R1 tags (<think>, <search>, <answer>). */
import { stream } from "../../../core/index.ts";
import type { ChatMessage } from "../../../core/index.ts";
import { chatCompletion } from "./chat-client.ts";
import type { OpenAIPolicyOptions } from "./openai.ts";
import type { Policy, PolicyContext, PolicyDecision, PolicyFactory } from "./policy.ts";

/** Search-R1's prompt (`{question}` is replaced), as in its training code. */
export const SEARCH_R1_TEMPLATE =
  "Answer the given question. You must conduct reasoning inside <think> and </think> first every time you get new " +
  "information. After reasoning, if you find you lack some knowledge, you can call a search engine by <search> query " +
  "</search> and it will return the top searched results between <information> and </information>. You can search as " +
  "many times as your want. If you find no further external knowledge needed, you can directly provide the answer " +
  "inside <answer> and </answer>, without detailed illustrations. For example, <answer> Beijing </answer>. " +
  "Question: {question}\n";

/** Stop sequences: generation ends after a query or an answer. */
export const SEARCH_R1_STOP = ["</search>", "</answer>"];

class TextPolicy implements Policy {
  readonly name = "text";
  private readonly o: OpenAIPolicyOptions;
  private readonly seed: number;

  constructor(o: OpenAIPolicyOptions, seed: number) {
    this.o = o;
    this.seed = seed;
  }

  initialMessages(question: string): ChatMessage[] {
    return [{ role: "user", content: SEARCH_R1_TEMPLATE.replace("{question}", question) }];
  }

  async act(ctx: PolicyContext): Promise<PolicyDecision> {
    const reply = await chatCompletion(
      this.o,
      {
        messages: ctx.history,
        temperature: this.o.temperature ?? 1.0,
        seed: this.seed,
        stop: SEARCH_R1_STOP,
        ...(this.o.maxTokens !== undefined ? { max_tokens: this.o.maxTokens } : {}),
      },
      stream(this.seed, "policy", "text", "backoff", ctx.step),
    );
    return { action: { text: closeOpenTag(reply.content ?? "") }, tokens: reply.usage ?? undefined };
  }
}

/**
 * Servers drop the matched stop sequence from the text: re-close a trailing `<search>` or `<answer>` so
 * the episode parses it.
 * @example
 * closeOpenTag("<think>x</think><search>paris"); // "<think>x</think><search>paris</search>"
 */
export function closeOpenTag(text: string): string {
  const m = /<(search|answer)>(?![\s\S]*<\/\1>)[\s\S]*$/i.exec(text);
  return m ? `${text}</${(m[1] as string).toLowerCase()}>` : text;
}

/**
 * The text policy: Search-R1's template as the user message, `stop: ["</search>", "</answer>"]`, the raw
 * reply as a text action; the environment's `<information>` replies come back as user messages.
 * @example
 * textPolicy({ baseUrl: "http://127.0.0.1:8000/v1", model: "PeterJinGo/SearchR1-nq_hotpotqa_train-qwen2.5-7b-em-ppo" });
 */
export function textPolicy(o: OpenAIPolicyOptions): PolicyFactory {
  const { apiKey: _secret, ...shown } = o;
  return { name: "text", config: { policy: "text", ...shown }, create: ({ seed }) => new TextPolicy(o, seed) };
}
