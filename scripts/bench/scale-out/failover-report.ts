/**
 * @module What a scale-out run showed: the load client's episodes and `/retrieve` stream against the replicas' merged
 * logs, as figures (sessions, errors, re-runs, lost) and the correctness checks the test asserts.
 */

/** One episode as the load client (clients/python/bench/failover_load.py) reports it. */
export interface ClientEpisode {
  session: number;
  seed: number;
  done: boolean;
  error?: string;
  task_id?: string;
  replica_start?: string | null;
  replica_end?: string | null;
  digest?: string | null;
  reward?: number;
  trajectory?: string;
  reconnects: number;
  reruns: number;
  /** Epoch seconds. */
  started: number;
  ended: number;
}

/** The load client's report. */
export interface ClientReport {
  sessions: number;
  seconds: number;
  episodes: ClientEpisode[];
  retrieve: {
    ok: number;
    errors: number;
    replicas?: Record<string, number>;
    max_replicas_on_one_connection?: number;
    statuses?: Record<string, number>;
    exceptions?: string[];
  };
}

/** A finished episode of some replica's log. */
export interface LoggedDone {
  replica: string | null;
  seed: number;
}

/** Figures and checks of one run. */
export interface FailoverFigures {
  sessions: number;
  episodesFinished: number;
  /** WebSocket connections opened: one per episode, plus one per reconnect. */
  connections: number;
  /** Errors that reached the caller (despite reconnect). */
  errorsSurfaced: number;
  /** Connection losses the client saw and handled by reconnecting. */
  connectionLosses: number;
  episodesRerun: number;
  /** Client episodes not finished, plus finished ones whose replica's log lacks them. */
  episodesLost: number;
  missingFromLogs: number;
  /** Seeds played more than once whose trajectories differed (must be 0). */
  determinismMismatches: number;
  /** Seeds whose copies finished on different replicas (the cross-replica determinism evidence). */
  seedsAcrossReplicas: number;
  episodesByReplica: Record<string, number>;
  /** Episodes that began on the killed replica after its restart. */
  servedAfterRestart: number;
  retrieveOk: number;
  retrieveErrors: number;
  retrieveByReplica: Record<string, number>;
  retrieveMaxReplicasOnOneConnection: number;
  digests: string[];
}

/**
 * Works out the figures: `logged` are the finished episodes of every replica's log merged, `killed` the replica
 * killed, `restartedAt` when it listened again (epoch ms).
 */
export function failoverFigures(r: ClientReport, logged: readonly LoggedDone[], killed: string, restartedAt: number): FailoverFigures {
  const done = r.episodes.filter((e) => e.done);
  // every finished episode's last reply came from replica_end after a durable commit: its log must hold it
  const inLogs = new Map<string, number>();
  for (const l of logged) inLogs.set(`${l.replica}\u0000${l.seed}`, (inLogs.get(`${l.replica}\u0000${l.seed}`) ?? 0) + 1);
  const wanted = new Map<string, number>();
  for (const e of done) wanted.set(`${e.replica_end}\u0000${e.seed}`, (wanted.get(`${e.replica_end}\u0000${e.seed}`) ?? 0) + 1);
  let missing = 0;
  for (const [k, n] of wanted) missing += Math.max(0, n - (inLogs.get(k) ?? 0));
  const bySeed = new Map<number, ClientEpisode[]>();
  for (const e of done) bySeed.set(e.seed, [...(bySeed.get(e.seed) ?? []), e]);
  let mismatches = 0;
  let across = 0;
  for (const eps of bySeed.values()) {
    if (eps.length < 2) continue;
    if (new Set(eps.map((e) => `${e.task_id}/${e.trajectory}`)).size > 1) mismatches++;
    if (new Set(eps.map((e) => e.replica_end)).size > 1) across++;
  }
  const byReplica: Record<string, number> = {};
  for (const e of done) byReplica[String(e.replica_end)] = (byReplica[String(e.replica_end)] ?? 0) + 1;
  return {
    sessions: r.sessions,
    episodesFinished: done.length,
    connections: r.episodes.length + r.episodes.reduce((s, e) => s + e.reconnects, 0),
    errorsSurfaced: r.episodes.length - done.length,
    connectionLosses: r.episodes.reduce((s, e) => s + e.reconnects, 0),
    episodesRerun: r.episodes.reduce((s, e) => s + e.reruns, 0),
    episodesLost: r.episodes.length - done.length + missing,
    missingFromLogs: missing,
    determinismMismatches: mismatches,
    seedsAcrossReplicas: across,
    episodesByReplica: byReplica,
    servedAfterRestart: done.filter((e) => e.replica_start === killed && e.started * 1000 > restartedAt).length,
    retrieveOk: r.retrieve.ok,
    retrieveErrors: r.retrieve.errors,
    retrieveByReplica: r.retrieve.replicas ?? {},
    retrieveMaxReplicasOnOneConnection: r.retrieve.max_replicas_on_one_connection ?? 0,
    digests: [...new Set(done.map((e) => String(e.digest)))],
  };
}
