/**
 * @module Test preload (`node --import tsx --import ./test/helpers/no-egress.ts ...`): refuses and records every
 * outbound connection or DNS lookup to a non-loopback target, and records every file the process opens through
 * Node's fs; writes the record as JSON to `$SIMWEB_EGRESS_REPORT` at exit.
 */
import dns from "node:dns";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

const report = { connects: [] as string[], refused: [] as string[], lookups: [] as string[], files: [] as string[] };
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;

const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patched(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const opts = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number; path?: string } | number | string;
  let target: string;
  if (typeof opts === "object" && opts !== null) target = opts.path ?? `${opts.host ?? "localhost"}:${opts.port}`;
  else if (typeof opts === "number") target = `${typeof args[1] === "string" ? args[1] : "localhost"}:${opts}`;
  else target = String(opts);
  report.connects.push(target);
  const host =
    typeof opts === "object" && opts !== null
      ? opts.path !== undefined
        ? "localhost"
        : (opts.host ?? "localhost")
      : typeof args[1] === "string"
        ? args[1]
        : "localhost";
  if (!LOOPBACK.test(host)) {
    report.refused.push(target);
    throw new Error(`no-egress: outbound connection to ${target} refused`);
  }
  return (origConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const origLookup = dns.lookup;
(dns as { lookup: unknown }).lookup = function patchedLookup(host: string, ...rest: unknown[]) {
  report.lookups.push(host);
  if (!LOOPBACK.test(host)) throw new Error(`no-egress: DNS lookup of ${host} refused`);
  return (origLookup as (...a: unknown[]) => void).call(dns, host, ...rest);
};
dns.promises.lookup = (async (host: string) => {
  report.lookups.push(host);
  throw new Error(`no-egress: DNS lookup of ${host} refused`);
}) as typeof dns.promises.lookup;

const record = (p: unknown): void => {
  if (typeof p === "string" || p instanceof URL || Buffer.isBuffer(p)) report.files.push(String(p));
};
for (const name of ["openSync", "readFileSync", "createReadStream", "open", "readFile"] as const) {
  const orig = fs[name] as (...a: unknown[]) => unknown;
  (fs as unknown as Record<string, unknown>)[name] = function patchedFs(this: unknown, p: unknown, ...rest: unknown[]) {
    record(p);
    return orig.call(this, p, ...rest);
  };
}
for (const name of ["open", "readFile"] as const) {
  const orig = fs.promises[name] as (...a: unknown[]) => unknown;
  (fs.promises as unknown as Record<string, unknown>)[name] = function patchedFsPromise(p: unknown, ...rest: unknown[]) {
    record(p);
    return orig.call(fs.promises, p, ...rest);
  };
}
syncBuiltinESMExports();

process.on("exit", () => {
  const out = process.env.SIMWEB_EGRESS_REPORT;
  if (out) fs.writeFileSync(out, JSON.stringify(report));
});
