/**
 * @module A throwaway network of Linux network namespaces on one veth bridge: each namespace a "host" with one
 * address, the root namespace reaching them all through the bridge. Names are unique per run and everything made
 * is removed by `destroy()` (also on process exit), processes first.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

/** One namespace of the lab: a host with an address on the bridge. */
export interface LabHost {
  name: string;
  /** The network namespace's name (`ip netns exec <ns> ...`). */
  ns: string;
  ip: string;
}

/** A lab: the bridge, its hosts, and what was started in them. */
export interface Lab {
  id: string;
  bridge: string;
  /** The root namespace's address on the bridge (where the load client's connections come from). */
  rootIp: string;
  hosts: Record<string, LabHost>;
  /** Starts `cmd` in a host's namespace (the pid is the command's own: `ip netns exec` execs it). */
  spawnIn(host: string, cmd: string, args: readonly string[], o?: { env?: NodeJS.ProcessEnv; cwd?: string }): ChildProcess;
  /** SIGKILLs every process started (by its pid), deletes the namespaces and the bridge. Idempotent. */
  destroy(): void;
}

/** Why namespaces cannot be made here (not root, no `ip`, no netns support), or null when they can. */
export function namespacesUnavailable(): string | null {
  if (process.platform !== "linux") return `network namespaces need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "network namespaces need root (ip netns add)";
  const probe = `swprobe${process.pid.toString(36)}`;
  const r = spawnSync("ip", ["netns", "add", probe], { encoding: "utf8" });
  if (r.error !== undefined) return `cannot run ip (apt-get install iproute2): ${r.error.message}`;
  if (r.status !== 0) return `ip netns add failed: ${r.stderr.trim()}`;
  spawnSync("ip", ["netns", "del", probe]);
  const b = spawnSync("ip", ["link", "add", probe, "type", "bridge"], { encoding: "utf8" });
  if (b.status !== 0) return `cannot make a bridge: ${b.stderr.trim()}`;
  spawnSync("ip", ["link", "del", probe]);
  return null;
}

function ip(args: readonly string[]): void {
  const r = spawnSync("ip", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ip ${args.join(" ")} failed: ${(r.stderr || r.error?.message || "").trim()}`);
}

/**
 * Makes a bridge and one namespace per host name, each with a veth on the bridge and an address in a /24 picked for
 * this run (10.<n>.<m>.0/24: hosts get .11, .12, ...; the root namespace .1).
 * @example
 * const lab = createLab(["r1", "r2", "lb"]);
 * try { lab.spawnIn("r1", "node", [...]) } finally { lab.destroy(); }
 */
export function createLab(names: readonly string[]): Lab {
  // unique per run: pid and clock (names are at most 15 characters: "swh" + 6 + index)
  const id = `${(process.pid % 1296).toString(36).padStart(2, "0")}${(Date.now() % 1_679_616).toString(36).padStart(4, "0")}`;
  const net = `10.${100 + (process.pid % 100)}.${Math.floor(Date.now() / 1000) % 250}`;
  const bridge = `swb${id}`;
  const procs: ChildProcess[] = [];
  const made: { netns: string[]; bridge: boolean } = { netns: [], bridge: false };
  let destroyed = false;
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    for (const p of procs) if (p.exitCode === null && p.signalCode === null && p.pid !== undefined) p.kill("SIGKILL");
    for (const ns of made.netns) spawnSync("ip", ["netns", "del", ns]); // takes its veth end, and so the pair, with it
    if (made.bridge) spawnSync("ip", ["link", "del", bridge]);
    process.off("exit", destroy);
  };
  process.on("exit", destroy);
  const hosts: Record<string, LabHost> = {};
  try {
    ip(["link", "add", bridge, "type", "bridge"]);
    made.bridge = true;
    ip(["addr", "add", `${net}.1/24`, "dev", bridge]);
    ip(["link", "set", bridge, "up"]);
    names.forEach((name, i) => {
      const ns = `sw-${id}-${name}`;
      const host = `swh${id}${i}`;
      const peer = `swn${id}${i}`;
      ip(["netns", "add", ns]);
      made.netns.push(ns);
      ip(["link", "add", host, "type", "veth", "peer", "name", peer]);
      ip(["link", "set", host, "master", bridge, "up"]);
      ip(["link", "set", peer, "netns", ns]);
      const addr = `${net}.${11 + i}`;
      ip(["-n", ns, "addr", "add", `${addr}/24`, "dev", peer]);
      ip(["-n", ns, "link", "set", peer, "up"]);
      ip(["-n", ns, "link", "set", "lo", "up"]);
      hosts[name] = { name, ns, ip: addr };
    });
  } catch (err) {
    destroy();
    throw err;
  }
  return {
    id,
    bridge,
    rootIp: `${net}.1`,
    hosts,
    spawnIn(host, cmd, args, o = {}) {
      const h = hosts[host];
      if (h === undefined) throw new Error(`no host ${host} in the lab`);
      const p = spawn("ip", ["netns", "exec", h.ns, cmd, ...args], { stdio: ["ignore", "pipe", "pipe"], cwd: o.cwd, env: { ...process.env, ...o.env } });
      procs.push(p);
      return p;
    },
    destroy,
  };
}
