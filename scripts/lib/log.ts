/** @module CLI output: JSON log lines on stderr when it is not a TTY, a one-line progress display when it is. */

const tty = process.stderr.isTTY === true;

/** Logs an event: `{"level","msg",...fields}` as a JSON line (non-TTY) or `msg key=value` (TTY). */
export function log(msg: string, fields: Record<string, unknown> = {}, level: "info" | "warn" | "error" = "info"): void {
  if (tty) {
    clearProgress();
    const kv = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    process.stderr.write(`${level === "info" ? "" : level.toUpperCase() + " "}${msg}${kv.length ? " " + kv.join(" ") : ""}\n`);
  } else {
    process.stderr.write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }) + "\n");
  }
}

let shown = false;
let lastJson = 0;

/**
 * Shows progress: a redrawn status line with a bar on a TTY; on a pipe, a JSON progress line at most
 * once a second.
 */
export function progress(label: string, done: number, total: number | null, extra: Record<string, unknown> = {}): void {
  if (tty) {
    const pct = total ? Math.min(1, done / total) : 0;
    const width = 24;
    const bar = total ? "█".repeat(Math.round(pct * width)).padEnd(width, "░") : "";
    const kv = Object.entries(extra)
      .map(([k, v]) => `${k}=${typeof v === "number" ? fmt(v) : String(v)}`)
      .join(" ");
    const count = total ? `${fmt(done)}/${fmt(total)} ${(pct * 100).toFixed(0)}%` : fmt(done);
    process.stderr.write(`\r\x1b[2K${label} ${bar} ${count} ${kv}`);
    shown = true;
  } else {
    const now = performance.now();
    if (now - lastJson < 1000 && (total === null || done < total)) return;
    lastJson = now;
    process.stderr.write(JSON.stringify({ level: "info", msg: "progress", label, done, total, ...extra }) + "\n");
  }
}

/** Ends a progress display (prints the newline on a TTY). */
export function clearProgress(): void {
  if (tty && shown) {
    process.stderr.write("\r\x1b[2K");
    shown = false;
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toFixed(1);
}
