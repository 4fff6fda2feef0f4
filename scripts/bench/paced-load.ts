/**
 * @module Open-loop, constant-rate HTTP load generator (wrk2-style): request i is due at
 * `t0 + i / rate` whatever the server does, and its latency is measured from that intended send time,
 * so time spent queued behind a slow response counts (no coordinated omission).
 */
import { encodeRequest, KeepAliveConn } from "./keepalive-conn.ts";

/** One request of the workload; the generator cycles through the list in order. */
export interface PacedRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Options of {@link pacedLoad}. */
export interface PacedLoadOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Requests to send, cycled through in order starting at `start`. */
  requests: readonly PacedRequest[];
  /** Target rate in requests per second, held for warm-up and measurement. */
  rate: number;
  /** Measured seconds, after the warm-up. */
  durationS: number;
  /** Seconds sent at the same rate first and left out of the numbers. Default 1. */
  warmupS?: number;
  /** Keep-alive connections, one request on each at a time; due requests beyond wait in a queue. Default 32. */
  connections?: number;
  /** Cap on requests queued or on the wire; due requests beyond it are not issued until a slot frees. Default 1024. */
  maxInFlight?: number;
  /** Index in `requests` of the first request sent. Default 0. */
  start?: number;
  /**
   * A request whose connection stays silent this many ms fails and counts as an error; so does one still
   * waiting for a free connection this long after its intended time (it is dropped unsent), which bounds a
   * run against a server slower than the rate. Default 10 000.
   */
  timeoutMs?: number;
  /** A request issued more than this many ms after its intended time counts as late. Default 10. */
  lateMs?: number;
}

/** Numbers of one {@link pacedLoad} run; latencies in ms from the intended send time, over the measured window. */
export interface PacedLoadResult {
  /** The rate asked for. */
  targetQps: number;
  /** Successful responses completed inside the measured window, per second. */
  qps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Measured requests that were answered (any status). */
  completed: number;
  /** Measured requests issued more than `lateMs` after their intended time (in-flight cap or a busy event loop). */
  late: number;
  /** Measured requests that failed: socket error, reset, timeout, or dropped unsent after `timeoutMs` in the queue. Their latency is not recorded. */
  errors: number;
  /** Measured responses with a status outside 200–299 (their latency is recorded). */
  non2xx: number;
}

/** Ticks of the send loop: every tick sends all requests whose time has come. */
const TICK_MS = 1;

/**
 * Sends `rate` requests per second for `warmupS + durationS` seconds at evenly spaced intended times
 * and resolves once every request has been answered, failed or timed out.
 * @example
 * const r = await pacedLoad({ url: "http://127.0.0.1:8080", requests: [{ method: "GET", path: "/healthz" }], rate: 1000, durationS: 10 });
 * console.log(r.qps, r.p99);
 */
export function pacedLoad(opts: PacedLoadOptions): Promise<PacedLoadResult> {
  const { rate, durationS, requests } = opts;
  const warmupS = opts.warmupS ?? 1;
  if (!(rate > 0) || !(durationS > 0) || !(warmupS >= 0)) throw new RangeError(`rate and durationS must be > 0 and warmupS >= 0`);
  if (requests.length === 0) throw new RangeError("requests must not be empty");
  const base = new URL(opts.url);
  const port = Number(base.port || 80);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const idle = Array.from({ length: opts.connections ?? 32 }, () => new KeepAliveConn(base.hostname, port, timeoutMs));
  const pool = [...idle];
  const cap = opts.maxInFlight ?? 1024;
  const start = opts.start ?? 0;
  const lateMs = opts.lateMs ?? 10;
  const interval = 1000 / rate;
  const total = Math.round(rate * (warmupS + durationS));
  const firstMeasured = Math.min(total, Math.ceil(rate * warmupS));
  const latency = new Float64Array(total).fill(Number.NaN);
  const encoded: Array<Buffer | undefined> = new Array(requests.length); // built on first use
  const queue: number[] = []; // issued, waiting for an idle connection (FIFO)
  let queueHead = 0;
  const t0 = performance.now() + 5;
  const windowStart = t0 + warmupS * 1000;
  const windowEnd = windowStart + durationS * 1000;
  let next = 0;
  let inFlight = 0;
  let okInWindow = 0;
  let late = 0;
  let errors = 0;
  let non2xx = 0;

  return new Promise((resolve) => {
    let done = false;
    const maybeDone = (): void => {
      if (done || next !== total || inFlight !== 0) return;
      done = true;
      for (const c of pool) c.close();
      resolve(summarize(latency.subarray(firstMeasured), { targetQps: rate, qps: okInWindow / durationS, late, errors, non2xx }));
    };

    const finish = (conn: KeepAliveConn, i: number, status: number, err?: Error): void => {
      inFlight--;
      idle.push(conn);
      const now = performance.now();
      if (!err) latency[i] = now - (t0 + i * interval);
      const ok = !err && status >= 200 && status < 300;
      if (ok && now >= windowStart && now < windowEnd) okInWindow++;
      if (i >= firstMeasured) {
        if (err) errors++;
        else if (!ok) non2xx++;
      }
      pump(); // its dispatch() resolves once the last request is done
    };

    const dispatch = (): void => {
      while (queueHead < queue.length && idle.length > 0) {
        const i = queue[queueHead++] as number;
        if (performance.now() - (t0 + i * interval) > timeoutMs) {
          // waited a whole timeout for a connection: the client gives up on it unsent
          inFlight--;
          if (i >= firstMeasured) errors++;
          continue;
        }
        const conn = idle.pop() as KeepAliveConn;
        const k = (start + i) % requests.length;
        let buf = encoded[k];
        if (buf === undefined) {
          const r = requests[k] as PacedRequest;
          buf = encoded[k] = encodeRequest(r.method, r.path, base.host, r.body, r.headers);
        }
        conn.send(buf, (status, err) => finish(conn, i, status, err));
      }
      if (queueHead === queue.length) queue.length = queueHead = 0;
      maybeDone();
    };

    const pump = (): void => {
      const now = performance.now();
      while (next < total && inFlight < cap && t0 + next * interval <= now) {
        if (now - (t0 + next * interval) > lateMs && next >= firstMeasured) late++;
        inFlight++;
        queue.push(next++);
      }
      dispatch();
    };

    const tick = (): void => {
      pump();
      if (next < total) setTimeout(tick, Math.max(0, Math.min(TICK_MS, t0 + next * interval - performance.now())));
    };
    if (total === 0) resolve(summarize(latency, { targetQps: rate, qps: 0, late, errors, non2xx }));
    else setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
}

/** Nearest-rank percentiles of the recorded (non-NaN) latencies plus the counters. */
function summarize(recorded: Float64Array, counts: Pick<PacedLoadResult, "targetQps" | "qps" | "late" | "errors" | "non2xx">): PacedLoadResult {
  const sorted = recorded.filter((x) => !Number.isNaN(x)).sort();
  const at = (q: number): number => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number));
  return { ...counts, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), completed: sorted.length };
}
