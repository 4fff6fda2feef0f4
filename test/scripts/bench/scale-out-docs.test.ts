import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { haproxyConfig } from "../../../scripts/bench/scale-out/haproxy-config.ts";
import { serveCommand } from "../../../scripts/commands/serve.ts";
import { REPO_ROOT } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-scale-out-docs-");
const doc = readFileSync(join(REPO_ROOT, "docs/scale-out.md"), "utf8");
const serveFlags = new Set(serveCommand.options.map((o) => /^(--[a-z-]+)/.exec(o.flags)?.[1]));

/** The documented HAProxy configuration: the one the scale-out test runs, for three replicas on 10.0.0.11-13. */
const documented = haproxyConfig({
  bind: "0.0.0.0:8080",
  servers: [1, 2, 3].map((i) => ({ name: `r${i}`, addr: `10.0.0.1${i}:8080` })),
  corpusDigest: "sha256:3f9a0c1d2e4b5a67",
  statsSocket: "/run/haproxy/simweb.sock",
});

describe("docs/scale-out.md and deploy/", () => {
  it("prints the HAProxy configuration the scale-out test runs, and HAProxy accepts it", () => {
    const block = /```haproxy\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBe(documented.trimEnd());
    const check = spawnSync("haproxy", ["-v"], { stdio: "ignore" });
    if (check.status !== 0) return console.warn("haproxy not installed: configuration syntax not checked");
    const cfg = join(dir, "haproxy.cfg");
    writeFileSync(cfg, documented.replace("/run/haproxy/simweb.sock", join(dir, "s.sock")));
    const r = spawnSync("haproxy", ["-c", "-f", cfg], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  });

  it("passes only flags simweb serve has (the Deployment and the page's serve example)", () => {
    const manifest = readFileSync(join(REPO_ROOT, "deploy/simweb-deployment.yaml"), "utf8");
    const inManifest = [...manifest.matchAll(/^\s*- (--[a-z-]+)\s*$/gm)].map((m) => m[1]);
    expect(inManifest).toContain("--expect-corpus-digest");
    const serveLines = doc.split("\n").filter((l) => l.includes("simweb -- serve") || /^\s+--[a-z]/.test(l));
    const inDoc = serveLines.flatMap((l) => [...l.matchAll(/(--[a-z][a-z-]+)/g)].map((m) => m[1]));
    for (const f of [...inManifest, ...inDoc]) expect(serveFlags, `${f} is not a serve flag`).toContain(f);
  });
});
