/** @module Logs the episodes a server runs for remote clients (each reset a new log entry), so nothing depends on the client. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { EpisodeReward, EpisodeSink, EpisodeState } from "../episode/index.ts";
import type { ReplicaIdentity, Trajectory, TrajectoryStep } from "../../core/index.ts";
import { TrajectoryLog } from "./trajectory-log.ts";
import type { LiveSnapshotOptions } from "./live-snapshot.ts";

/**
 * An `EpisodeSink` for `simweb serve --log runs/served.duckdb`: a session's successive episodes become
 * log entries `s<server start>/<session episode id>.<n>` (kept across restarts, abandoned ones too), with
 * policy "remote" and group = task. Commit before reply: an episode's final step reply leaves only after
 * the episode is committed (episodes ending meanwhile share one group commit), so a `kill -9` never loses
 * an episode whose end a client has seen. `close()` flushes the rest.
 * @example
 * const log = await ServedEpisodeLog.open("runs/served.duckdb", { corpus: "corpus.duckdb" });
 * createServer(web, { episodeSink: log }); ... await log.close();
 */
export class ServedEpisodeLog implements EpisodeSink {
  readonly log: TrajectoryLog;
  private readonly current = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  private readonly prefix: string;
  private readonly identity: ReplicaIdentity | null;

  private constructor(log: TrajectoryLog, prefix: string, identity: ReplicaIdentity | null) {
    this.log = log;
    this.prefix = prefix;
    this.identity = identity;
  }

  /**
   * Opens (or continues) the served log at `path`; `config` is recorded with the run; `live` publishes live
   * snapshots (see TrajectoryLog); `identity` is written on every episode row (`replica`, `corpus_digest`) and
   * starts every episode id, so the logs of several replicas merge without two episodes sharing an id.
   */
  static async open(
    path: string,
    config: Record<string, unknown> = {},
    o: { live?: LiveSnapshotOptions | false; identity?: ReplicaIdentity } = {},
  ): Promise<ServedEpisodeLog> {
    mkdirSync(dirname(path), { recursive: true });
    const log = await TrajectoryLog.open(path, {
      runId: "served",
      config: { ...config, served: true },
      identityKeys: [],
      seed: 0,
      policy: "remote",
      groupSize: 1,
      resume: true,
      keepUnfinished: true,
      durable: true,
      ...(o.live !== undefined ? { live: o.live } : {}),
    });
    // session episode ids restart with the process: prefix them with the replica, this server start and pid so they stay unique (workers too)
    const replica = o.identity === undefined ? "" : `${o.identity.replica}/`;
    return new ServedEpisodeLog(log, `${replica}s${Date.now().toString(36)}-${process.pid.toString(36)}/`, o.identity ?? null);
  }

  onStep(state: EpisodeState, step: TrajectoryStep): void {
    let id = this.current.get(state.episodeId);
    if (step.index === 0 || id === undefined) {
      const n = (this.counts.get(state.episodeId) ?? 0) + 1;
      this.counts.set(state.episodeId, n);
      id = `${this.prefix}${state.episodeId}.${n}`;
      this.current.set(state.episodeId, id);
      this.log.begin({
        episodeId: id,
        taskId: state.taskId ?? "",
        groupId: state.taskId ?? "",
        sampleIdx: 0,
        policy: "remote",
        seed: state.seed,
        split: null,
        question: state.question,
        promptMessages: [],
        replica: this.identity?.replica ?? null,
        corpusDigest: this.identity?.corpusDigest ?? null,
      });
    }
    this.log.onStep({ ...state, episodeId: id }, step);
  }

  /** Resolves when the episode is committed: the transport sends the final reply only then. */
  onEnd(state: EpisodeState, trajectory: Trajectory, reward: EpisodeReward): void | Promise<void> {
    const id = this.current.get(state.episodeId);
    if (id === undefined) return; // ended before any step: nothing to log
    this.current.delete(state.episodeId);
    return this.log.onEnd({ ...state, episodeId: id }, trajectory, reward);
  }

  /** Flushes every finished episode and closes the file. */
  async close(): Promise<void> {
    await this.log.close();
  }
}
