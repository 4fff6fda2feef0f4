/** @module The trajectory records: a tool call, one step as the episode records it, one step as the log keeps it, a whole episode. */

/** An OpenAI-tool-call-shaped action. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** One step of an episode, as the episode records it. */
export interface TrajectoryStep {
  /** 0-based step index. */
  index: number;
  /** The parsed action, or null when the model output could not be parsed. */
  action: ToolCall | null;
  /** Raw model text for text-mode actions, else null. */
  rawText: string | null;
  /** False when the action was invalid (unparseable, unknown tool, bad arguments). */
  valid: boolean;
  /** Error code when the step failed (invalid action or tool error). */
  error: string | null;
  /** Observation text returned to the agent. */
  observation: string;
  /** URLs shown to the agent in this step (search results) or opened (page). */
  urls: string[];
  /** Simulated latency of this step, seconds. */
  simSeconds: number;
  /** Fault injected in this step ("http_503", "timeout"...), or null. */
  fault: string | null;
}

/** How the agent produced a step, beyond what the episode records (the driver tells the log). */
export interface StepExtra {
  /** Id of the tool call on the wire (null for a raw-text action). */
  callId: string | null;
  /** The assistant's text accompanying a tool call, else null. */
  content: string | null;
}

/** One step as the trajectory log keeps it: the episode's record plus how the agent produced it. */
export interface RecordedStep extends TrajectoryStep, StepExtra {}

/** A whole episode, as handed to reward functions. */
export interface Trajectory {
  taskId: string;
  steps: TrajectoryStep[];
  /** Queries issued with `search`, in order. */
  searchQueries: string[];
  /** Canonical URLs of pages successfully opened in this episode, in order. */
  openedUrls: string[];
  /** The final answer (from `answer`), or null when the episode ended without one. */
  finalAnswer: string | null;
  /** Number of `answer` actions attempted (valid or not). */
  answerCount: number;
  /** URLs cited with the answer. */
  citations: string[];
  /** Total simulated seconds. */
  simSeconds: number;
  /** Tokens, when the trainer reports them. */
  tokens: { prompt: number; completion: number } | null;
  /** Why the episode ended: "answer" | "max_steps" | "max_sim_seconds" | "max_obs_tokens" | "closed" | null. */
  endReason: string | null;
}
