/** @module Reads HAProxy's admin socket (`show stat`): each server's status (UP, DOWN, ...) as the balancer sees it. */
import { createConnection } from "node:net";

/** Status of every server of `backend` (`{"r1": "UP", "r2": "DOWN", ...}`); rejects when the socket does not answer. */
export async function serverStatus(socketPath: string, backend = "replicas"): Promise<Record<string, string>> {
  const stats = await serverStats(socketPath, backend);
  return Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, v.status]));
}

/** Status and cumulative sessions (`stot`: connections the balancer sent it) of every server of `backend`. */
export function serverStats(socketPath: string, backend = "replicas"): Promise<Record<string, { status: string; sessions: number }>> {
  return new Promise((resolve, reject) => {
    const c = createConnection(socketPath);
    let text = "";
    c.setTimeout(2000, () => c.destroy(new Error(`no answer from ${socketPath}`)));
    c.on("connect", () => c.write("show stat\n"));
    c.on("data", (d: Buffer) => (text += d.toString()));
    c.on("error", reject);
    c.on("close", () => {
      const lines = text.split("\n").filter((l) => l.trim() !== "");
      const header = (lines[0] ?? "").replace(/^# /, "").split(",");
      const px = header.indexOf("pxname");
      const sv = header.indexOf("svname");
      const st = header.indexOf("status");
      const stot = header.indexOf("stot");
      const out: Record<string, { status: string; sessions: number }> = {};
      for (const l of lines.slice(1)) {
        const f = l.split(",");
        if (f[px] === backend && f[sv] !== "BACKEND" && f[sv] !== "FRONTEND") out[String(f[sv])] = { status: String(f[st]), sessions: Number(f[stot]) };
      }
      resolve(out);
    });
  });
}

/** Polls until `pred(status)` holds; resolves with the epoch ms when it did. Rejects after `timeoutMs`. */
export async function waitForStatus(socketPath: string, pred: (s: Record<string, string>) => boolean, timeoutMs: number, everyMs = 25): Promise<number> {
  const end = Date.now() + timeoutMs;
  let last: Record<string, string> = {};
  while (Date.now() < end) {
    try {
      last = await serverStatus(socketPath);
      if (pred(last)) return Date.now();
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`HAProxy never reached the expected state in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}
