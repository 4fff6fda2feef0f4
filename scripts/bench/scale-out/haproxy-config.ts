/**
 * @module The HAProxy configuration of a simweb scale-out (docs/scale-out.md prints the same): WebSocket upgrades
 * passed through and pinned to their replica for the connection's life, every HTTP request (`/retrieve`, `/search`)
 * balanced on its own, `/healthz` checks that also take out a replica serving another corpus digest.
 */

/** What the configuration is made of. */
export interface HaproxyConfigOptions {
  /** `address:port` the balancer listens on. */
  bind: string;
  /** The replicas: `serve --name` and `address:port`. */
  servers: ReadonlyArray<{ name: string; addr: string }>;
  /** The corpus digest every replica must report on `/healthz` (`sha256:<16 hex>`). */
  corpusDigest: string;
  /** Path of the admin socket (`show stat`), or null for none. */
  statsSocket?: string | null;
  /** Milliseconds between health checks (default 500; 100 while a server is changing state). */
  checkIntervalMs?: number;
  /** Most connections per replica (default 1000: one per WebSocket session, below `serve --max-sessions`). */
  maxConnPerServer?: number;
}

/**
 * The `haproxy.cfg` text.
 * @example
 * haproxyConfig({ bind: "0.0.0.0:8080", servers: [{ name: "r1", addr: "10.0.0.11:8080" }], corpusDigest: "sha256:3f9a0c1d2e4b5a67" })
 */
export function haproxyConfig(o: HaproxyConfigOptions): string {
  const inter = o.checkIntervalMs ?? 500;
  return [
    "global",
    "    maxconn 4000",
    ...(o.statsSocket ? [`    stats socket ${o.statsSocket} mode 600 level admin`] : []),
    "",
    "defaults",
    "    mode http",
    "    timeout connect 2s",
    "    timeout client 60s",
    "    timeout server 60s",
    "    # a WebSocket connection after its upgrade: idle up to the server's own idle timeout (300 s)",
    "    timeout tunnel 310s",
    "    timeout http-keep-alive 10s",
    "    # a busy replica may answer /healthz late: only a check unanswered this long fails",
    "    timeout check 2s",
    "    # a request whose connection to a replica fails goes to another one",
    "    retries 3",
    "    option redispatch 1",
    "",
    "frontend simweb",
    `    bind ${o.bind}`,
    "    default_backend replicas",
    "",
    "backend replicas",
    "    # WebSocket sessions are long: send a new one to the replica with the fewest; HTTP requests are balanced one by one",
    "    balance leastconn",
    "    option httpchk",
    "    http-check send meth GET uri /healthz",
    "    # up only while the replica serves this corpus (its /healthz names the digest): another version is taken out",
    `    http-check expect string ${o.corpusDigest}`,
    `    default-server check inter ${inter}ms fastinter 100ms downinter ${inter}ms fall 3 rise 2 maxconn ${o.maxConnPerServer ?? 1000}`,
    ...o.servers.map((s) => `    server ${s.name} ${s.addr}`),
    "",
  ].join("\n");
}
