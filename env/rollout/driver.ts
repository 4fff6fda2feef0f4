/** @module How the runner reaches an environment: one EpisodeHandle per episode, in-process or remote. */
import { Episode, type EpisodeDeps, type EpisodeSink, type ResetResult, type StepResult } from "../episode/index.ts";

/** Arguments of a reset the runner sends. */
export interface DriverReset {
  seed: number;
  taskId: string;
  maxSteps: number;
}

/** One episode, whatever the transport. The handle reports its steps and its end to the sink. */
export interface EpisodeHandle {
  reset(args: DriverReset): Promise<ResetResult>;
  step(action: unknown, meta: { tokens?: { prompt: number; completion: number } }): Promise<StepResult>;
  /** Ends the episode early (logged with end reason `closed`); a no-op after the end. */
  close(): Promise<void>;
}

/** Opens episodes on some environment. */
export interface EpisodeDriver {
  readonly kind: "local" | "remote";
  open(episodeId: string, sink: EpisodeSink): Promise<EpisodeHandle>;
  /** Releases the driver's resources. */
  close(): Promise<void>;
}

/**
 * The in-process driver: each episode is an `Episode` over the given deps, with the trajectory log
 * as its sink.
 * @example
 * const driver = localDriver(simweb.episodeDeps());
 */
export function localDriver(deps: EpisodeDeps): EpisodeDriver {
  return {
    kind: "local",
    open: async (episodeId, sink) => {
      const ep = new Episode({ ...deps, sink }, episodeId);
      return {
        reset: async (a) => ep.reset({ seed: a.seed, taskId: a.taskId, options: { maxSteps: a.maxSteps } }),
        step: (action, meta) => ep.step(action, meta),
        close: () => ep.close(),
      };
    },
    close: async () => undefined,
  };
}
