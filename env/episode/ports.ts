/**
 * @module The episode's ports: what it needs from the outside (tasks, faults, a reward scorer) and what it
 * tells (the sink's steps and end). `env/simweb` plugs the real parts in; tests plug small fakes.
 */
import type { Task, Trajectory, TrajectoryStep } from "../../core/index.ts";
import type { CorpusView, Judge } from "../../verifiers/index.ts";

/** A simulated-fault draw (see env/faults). */
export interface FaultDraw {
  latencyMs: number;
  error: null | 429 | 500 | 503 | "timeout";
  truncate: number | null;
  blocked: "robots" | "paywall" | null;
}

/** Source of simulated latency and faults, deterministic in its arguments. */
export interface FaultSource {
  draw(args: { seed: number; episode: string; step: number; route: string }): FaultDraw;
}

/** Scores a finished trajectory (a verifiers Rubric). */
export interface RewardScorer {
  score(
    task: Task,
    trajectory: Trajectory,
    ctx: { corpus: CorpusView; judge?: Judge },
  ): Promise<{
    reward: number;
    components: Record<string, number>;
    details?: Record<string, unknown>;
    errors?: Record<string, string>;
  }>;
}

/** Where tasks come from. */
export interface TaskSource {
  get(id: string): Task | null;
  /** Tasks of a split (all when split is undefined), in a stable order. */
  list(split?: string): readonly Task[];
}

/**
 * Receives every step as it happens and the episode's end (the trajectory log). When `onEnd` returns a
 * promise, the episode's last `step` (or `close`) settles only after it: a durable sink resolves once the
 * episode is committed, so a client that saw the final reply knows the episode is stored.
 */
export interface EpisodeSink {
  onStep(state: EpisodeState, step: TrajectoryStep): void;
  onEnd(state: EpisodeState, trajectory: Trajectory, reward: EpisodeReward): void | Promise<void>;
}

/** The reward of an ended episode. */
export interface EpisodeReward {
  reward: number;
  components: Record<string, number>;
  details: Record<string, unknown>;
  errors: Record<string, string>;
}

/** Snapshot returned by `state()`. */
export interface EpisodeState {
  episodeId: string;
  seed: number;
  taskId: string | null;
  question: string | null;
  stepCount: number;
  done: boolean;
  simSeconds: number;
  obsTokens: number;
  currentUrl: string | null;
  searchQueries: string[];
  openedUrls: string[];
  endReason: string | null;
}
