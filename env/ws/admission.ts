/** @module Admission control for episodes: a `reset` is new work, refused with `OVERLOADED` while the load shedder sheds. */
import { EnvError } from "../episode/index.ts";
import { GuardError, type LoadShedder } from "../guard/index.ts";

/**
 * The `admit` hook of an `EpisodeGroup` for a shedder (undefined without one): throws
 * `EnvError("OVERLOADED")` with the shedder's `retryAfterSeconds`. Steps are never refused.
 * @example
 * const admit = resetAdmission(new LoadShedder());
 * new EpisodeGroup({ createEpisode, slots, idPrefix: "ws-1", maxEpisodes: 64, reserved: 1, admit });
 */
export function resetAdmission(shedder: LoadShedder | undefined): (() => void) | undefined {
  if (shedder === undefined) return undefined;
  return () => {
    try {
      shedder.check();
    } catch (err) {
      if (err instanceof GuardError) throw new EnvError("OVERLOADED", err.message, { retryAfterSeconds: err.retryAfterSeconds, cause: err });
      throw err;
    }
  };
}
