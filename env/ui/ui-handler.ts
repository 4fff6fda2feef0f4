/**
 * @module The run viewer as one `node:http` request handler mounted under `/ui`: the static front end at
 * `/ui/`, its JSON at `/ui/api/...`. `simweb view` serves it alone; `simweb serve` can mount it next to its routes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { apiRoute } from "./api/routes.ts";
import { UiError } from "./errors.ts";
import { RunStore } from "./run-store.ts";
import { loadStaticFiles } from "./static-files.ts";
import type { PriceTable } from "../compare/index.ts";

/** Options of {@link createUiHandler}. */
export interface UiHandlerOptions {
  /** The run's trajectory log (`runs/<name>.duckdb`), opened read-only; a glob or a list reads several logs as one (merged by episode id). */
  runPath: string | readonly string[];
  /** The corpus file (task types, hops, gold answers); default: the one named in the run's config. */
  corpusPath?: string | null;
  /** Where the app is mounted (default `/ui`). */
  basePath?: string;
  /** Path of a page route to link citations and URLs to (`/page` under `simweb serve`); default none (URLs as text). */
  pageLinkBase?: string | null;
  /** Close the log after this many idle ms (default 15000), so other processes can open it for writing. */
  idleMs?: number;
  /** More run logs for the compare page (`#/compare`), shown after `runPath`'s runs (each a path, a glob or a list merged). */
  comparePaths?: ReadonlyArray<string | readonly string[]>;
  /** Prices of the compare page (default: env/compare's `DEFAULT_PRICES`). */
  prices?: PriceTable;
}

/** The handler: resolves true when it answered the request, false when the path is not under `basePath`. */
export interface UiHandler {
  (req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Opens the log and reads its runs and corpus tasks; rejects with `LOG_NOT_FOUND` / `BAD_LOG` when it cannot. */
  ready(): Promise<void>;
  /** Releases the log file. */
  close(): void;
}

/** Security headers on every answer: the observations are arbitrary web text, so no inline script may ever run. */
export const UI_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/**
 * Creates the viewer's request handler.
 * @example
 * const ui = createUiHandler({ runPath: "runs/demo.duckdb" });
 * createServer(async (req, res) => {
 *   if (!(await ui(req, res))) { res.statusCode = 404; res.end(); }
 * }).listen(8080, "127.0.0.1"); // open http://127.0.0.1:8080/ui/
 */
export function createUiHandler(o: UiHandlerOptions): UiHandler {
  const base = (o.basePath ?? "/ui").replace(/\/+$/, "");
  const idle = o.idleMs === undefined ? {} : { idleMs: o.idleMs };
  const store = new RunStore(o.runPath, idle);
  const compareStores = (o.comparePaths ?? []).map((p) => new RunStore(p, idle));
  const files = loadStaticFiles();
  const deps = { store, corpusPath: o.corpusPath ?? null, pageLinkBase: o.pageLinkBase ?? null, compareStores, prices: o.prices };
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      return false;
    }
    const path = url.pathname;
    if (path !== base && !path.startsWith(`${base}/`)) return false;
    try {
      if (req.method !== "GET" && req.method !== "HEAD")
        throw new UiError("METHOD_NOT_ALLOWED", `${req.method ?? "?"} is not allowed; the viewer is read-only (GET)`);
      if (path === base) {
        send(req, res, 301, "text/plain; charset=utf-8", `moved to ${base}/`, { Location: `${base}/${url.search}` });
        return true;
      }
      const rest = path.slice(base.length + 1);
      if (rest.startsWith("api/")) {
        const value = await apiRoute(rest.slice(4), url.searchParams, deps);
        send(req, res, 200, "application/json; charset=utf-8", JSON.stringify(value), { "Cache-Control": "no-store" });
        return true;
      }
      const file = files.get(rest === "" ? "index.html" : rest);
      if (file === undefined) throw new UiError("NOT_FOUND", `no such file: ${path}`);
      send(req, res, 200, file.type, file.body, { "Cache-Control": "no-cache" });
    } catch (err) {
      const e = err instanceof UiError ? err : new UiError("INTERNAL_ERROR", (err as Error).message, { cause: err });
      send(req, res, e.status, "application/json; charset=utf-8", JSON.stringify({ error: { code: e.code, message: e.message } }), {
        "Cache-Control": "no-store",
        ...(e.code === "METHOD_NOT_ALLOWED" ? { Allow: "GET, HEAD" } : {}),
      });
    }
    return true;
  };
  const ready = async (): Promise<void> => {
    await apiRoute("meta", new URLSearchParams(), deps);
    for (const s of compareStores) await s.use(async () => undefined); // each named log opens (LOG_NOT_FOUND / BAD_LOG otherwise)
  };
  const close = (): void => {
    store.close();
    for (const s of compareStores) s.close();
  };
  return Object.assign(handler, { ready, close });
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string>): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const buf = typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, { ...UI_HEADERS, ...headers, "Content-Type": type, "Content-Length": String(buf.length) });
  res.end(req.method === "HEAD" ? undefined : buf);
}
