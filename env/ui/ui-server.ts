/** @module A standalone `node:http` server for the run viewer (`simweb view`): `/ui/...`, with `/` redirecting to it. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createUiHandler, type UiHandlerOptions } from "./ui-handler.ts";

/** A running viewer server. */
export interface UiServer {
  server: Server;
  /** Base URL of the app, e.g. `http://127.0.0.1:8090/ui/`. */
  url: string;
  port: number;
  /** Stops the server and releases the log. */
  close(): Promise<void>;
}

/**
 * Checks the log, then serves the viewer on `host:port` (default 127.0.0.1; port 0 picks a free one).
 * @example
 * const ui = await startUiServer({ runPath: "runs/demo.duckdb", port: 8090 });
 * console.log(ui.url); // http://127.0.0.1:8090/ui/
 * await ui.close();
 */
export async function startUiServer(o: UiHandlerOptions & { port?: number; host?: string }): Promise<UiServer> {
  const ui = createUiHandler(o);
  await ui.ready();
  const base = (o.basePath ?? "/ui").replace(/\/+$/, "");
  const server = createServer((req, res) => {
    ui(req, res).then(
      (handled) => {
        if (handled) return;
        const path = (req.url ?? "/").split("?")[0];
        if (path === "/") {
          res.writeHead(302, { Location: `${base}/` }).end();
        } else {
          const body = JSON.stringify({ error: { code: "NOT_FOUND", message: `no route ${path}; the viewer is at ${base}/` } });
          res.writeHead(404, { "Content-Type": "application/json; charset=utf-8" }).end(body);
        }
      },
      (err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end(String((err as Error).message));
      },
    );
  });
  const host = o.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    server,
    port,
    url: `http://${shownHost}:${port}${base}/`,
    close: async () => {
      ui.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
