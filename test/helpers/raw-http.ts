/** @module Test helper: one HTTP request over a fresh loopback socket with headers fetch() will not send (Host, Origin) and a chosen source address. */
import { request, type IncomingHttpHeaders } from "node:http";

/** What to send. */
export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Source address of the connection, e.g. 127.0.0.2 to be a second client on loopback. */
  localAddress?: string;
}

/** What came back. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The `error.code` of a JSON error body, else null. */
  code: string | null;
}

/**
 * Sends one request to 127.0.0.1:`port` (no keep-alive, no agent).
 * @example
 * const r = await rawRequest(port, { path: "/healthz", headers: { host: "rebind.example" } });
 * r.status; // → 403
 */
export function rawRequest(port: number, r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: r.method ?? "GET",
        path: r.path,
        headers: r.headers ?? {},
        agent: false,
        ...(r.localAddress === undefined ? {} : { localAddress: r.localAddress }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          let code: string | null = null;
          try {
            code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, code });
        });
      },
    );
    req.on("error", reject);
    req.end(r.body);
  });
}
