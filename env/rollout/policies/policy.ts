/** @module The policy contract: given the conversation so far, choose the next action. */
import type { ToolSchema } from "../../episode/index.ts";
import type { ChatMessage } from "../../../core/index.ts";

/** What a policy sees before each action. */
export interface PolicyContext {
  /** The task's question. */
  question: string;
  /** The conversation so far (initial messages, then one assistant + tool/user pair per step). */
  history: readonly ChatMessage[];
  /** The latest observation text (the first observation before the first step). */
  lastObservation: string;
  /** `info` of the latest reset/step result. */
  info: Readonly<Record<string, unknown>>;
  /** Tool schemas the environment serves. */
  tools: readonly ToolSchema[];
  /** 0-based index of the step about to be taken. */
  step: number;
}

/** A policy's decision: a tool call or raw model text, plus what the model emitted and its token usage. */
export interface PolicyDecision {
  action: { name: string; arguments: Record<string, unknown> | string } | { text: string };
  /** Id of the tool call (native tool calling); generated when absent. */
  callId?: string;
  /** Assistant text sent with a tool call (reasoning, preamble), else omitted. */
  content?: string | null;
  /** Tokens used by this decision. */
  tokens?: { prompt: number; completion: number };
}

/** One episode's policy instance (may keep per-episode state). */
export interface Policy {
  readonly name: string;
  /** Messages that open the conversation, given the question and the environment's first observation. */
  initialMessages(question: string, firstObservation: string): ChatMessage[];
  /** Chooses the next action. */
  act(ctx: PolicyContext): Promise<PolicyDecision>;
}

/** Creates one policy instance per episode, seeded with the episode's seed. */
export interface PolicyFactory {
  readonly name: string;
  /** JSON-serialisable description recorded in the run's config. */
  readonly config: Record<string, unknown>;
  create(args: { seed: number; episodeId: string }): Policy;
}

/** Default opening: the environment's first observation as the user message. */
export function defaultInitialMessages(_question: string, firstObservation: string): ChatMessage[] {
  return [{ role: "user", content: firstObservation }];
}
