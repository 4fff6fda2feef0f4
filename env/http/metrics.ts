/** @module Request counters and latency histograms by route, rendered as Prometheus text (format 0.0.4). */

/** Upper bounds (seconds) of the latency histogram buckets. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  counts: Float64Array;
  sum: number;
  count: number;
}

/** One extra sample line for `render()`: name, labels, value, with HELP/TYPE given once per name. */
export interface Gauge {
  name: string;
  help: string;
  type: "gauge" | "counter";
  labels?: Record<string, string>;
  value: number;
}

/**
 * In-process metrics of the HTTP server.
 * @example
 * const m = new HttpMetrics();
 * m.observe("/search", 200, 0.0012);
 * m.render([{ name: "simweb_pages", help: "pages", type: "gauge", value: 1000 }]);
 */
export class HttpMetrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly faults = new Map<string, number>();

  /** Records one answered request. */
  observe(route: string, status: number, seconds: number): void {
    const key = `${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(route);
    if (h === undefined) {
      h = { counts: new Float64Array(LATENCY_BUCKETS.length), sum: 0, count: 0 };
      this.latency.set(route, h);
    }
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
      if (seconds <= (LATENCY_BUCKETS[i] as number)) {
        h.counts[i] = (h.counts[i] as number) + 1;
        break;
      }
    }
    h.sum += seconds;
    h.count++;
  }

  /** Records one simulated fault (`kind`: 429, 500, 503, timeout, truncate, robots, paywall). */
  fault(route: string, kind: string): void {
    const key = `${route}\u0000${kind}`;
    this.faults.set(key, (this.faults.get(key) ?? 0) + 1);
  }

  /** Requests answered so far (all routes). */
  total(): number {
    let n = 0;
    for (const v of this.requests.values()) n += v;
    return n;
  }

  /** The exposition text: request counters, latency histograms, fault counters, then `extra` samples. */
  render(extra: readonly Gauge[] = []): string {
    const out: string[] = [];
    out.push("# HELP simweb_http_requests_total HTTP requests answered, by route and status.");
    out.push("# TYPE simweb_http_requests_total counter");
    for (const [key, n] of [...this.requests].sort(byKey)) {
      const [route, status] = key.split("\u0000") as [string, string];
      out.push(`simweb_http_requests_total{route="${esc(route)}",status="${status}"} ${n}`);
    }
    out.push("# HELP simweb_http_request_duration_seconds Time to answer a request (real time, not simulated latency).");
    out.push("# TYPE simweb_http_request_duration_seconds histogram");
    for (const [route, h] of [...this.latency].sort(byKey)) {
      const r = esc(route);
      let acc = 0;
      for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
        acc += h.counts[i] as number;
        out.push(`simweb_http_request_duration_seconds_bucket{route="${r}",le="${LATENCY_BUCKETS[i]}"} ${acc}`);
      }
      out.push(`simweb_http_request_duration_seconds_bucket{route="${r}",le="+Inf"} ${h.count}`);
      out.push(`simweb_http_request_duration_seconds_sum{route="${r}"} ${h.sum}`);
      out.push(`simweb_http_request_duration_seconds_count{route="${r}"} ${h.count}`);
    }
    out.push("# HELP simweb_simulated_faults_total Faults injected by the fault model, by route and kind.");
    out.push("# TYPE simweb_simulated_faults_total counter");
    for (const [key, n] of [...this.faults].sort(byKey)) {
      const [route, kind] = key.split("\u0000") as [string, string];
      out.push(`simweb_simulated_faults_total{route="${esc(route)}",kind="${esc(kind)}"} ${n}`);
    }
    const seen = new Set<string>();
    for (const g of extra) {
      if (!seen.has(g.name)) {
        seen.add(g.name);
        out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} ${g.type}`);
      }
      const labels = g.labels
        ? `{${Object.entries(g.labels)
            .map(([k, v]) => `${k}="${esc(v)}"`)
            .join(",")}}`
        : "";
      out.push(`${g.name}${labels} ${Number.isFinite(g.value) ? g.value : 0}`);
    }
    return `${out.join("\n")}\n`;
  }
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Escapes a label value (backslash, double quote, newline). */
function esc(s: string): string {
  return s.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}
