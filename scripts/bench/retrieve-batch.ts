/**
 * @module The batch part of `bench:http`: wall time of a Search-R1 recipe batch (2,560 queries, topk 3,
 * every query distinct so the result cache never answers) and the `/healthz` latency other
 * connections see while a 10,000-query batch runs.
 */

/** Figures of {@link benchBatches}. */
export interface BatchFigures {
  /** Wall time of each 2,560-query batch, ms. */
  runs: number[];
  bytes: number;
  /** The 10,000-query batch: its wall time and the /healthz probes during it (ms). */
  bigMs: number;
  probeP50: number;
  probeP99: number;
  probeMax: number;
  probes: number;
}

async function post(url: string, queries: string[], topk: number): Promise<number> {
  const r = await fetch(`${url}/retrieve`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ queries, topk, return_scores: true }),
  });
  if (r.status !== 200) throw new Error(`/retrieve answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
  const j = (await r.json()) as { result: unknown[] };
  if (j.result.length !== queries.length) throw new Error(`expected ${queries.length} lists, got ${j.result.length}`);
  return JSON.stringify(j).length;
}

/**
 * Times `runs` batches of `size` distinct queries (after one warm-up batch), then one 10,000-query
 * batch with `/healthz` probed every 10 ms from another connection.
 * @example
 * const f = await benchBatches("http://127.0.0.1:8080", uniqueQueries, 2560, 5);
 */
export async function benchBatches(url: string, queries: string[], size = 2560, runs = 5): Promise<BatchFigures> {
  let at = 0;
  const take = (n: number): string[] => {
    const out = queries.slice(at, at + n);
    at += n;
    while (out.length < n) out.push(`${queries[out.length % queries.length]} ${out.length}`);
    return out;
  };
  await post(url, take(size), 3);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    bytes = await post(url, take(size), 3);
    times.push(performance.now() - t);
  }
  let running = true;
  const lat: number[] = [];
  const probe = (async () => {
    while (running) {
      const t = performance.now();
      await (await fetch(`${url}/healthz`)).arrayBuffer();
      lat.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const t = performance.now();
  await post(url, take(10_000), 3).finally(() => (running = false));
  const bigMs = performance.now() - t;
  await probe;
  lat.sort((a, b) => a - b);
  const q = (p: number): number => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? 0;
  return { runs: times, bytes, bigMs, probeP50: q(0.5), probeP99: q(0.99), probeMax: lat[lat.length - 1] ?? 0, probes: lat.length };
}
