/** @module clients/python as a package: the wheel builds offline with Debian's setuptools and installs into a fresh venv, typed and versioned. */
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../env/ws/index.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";

const clientDir = fileURLToPath(new URL("../../clients/python/", import.meta.url));
const python = ["/usr/bin/python3", "python3"].find(
  (py) => spawnSync(py, ["-c", "import venv, ensurepip, setuptools, wheel, websockets"], { stdio: "ignore" }).status === 0,
);
if (python === undefined)
  console.warn(
    "SKIPPED python wheel test: no python3 with venv, ensurepip, setuptools, wheel and websockets (apt-get install python3-venv python3-websockets)",
  );

const dir = useTmpDir("simweb-wheel-");

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8", timeout: 240_000, env: { ...process.env, PIP_NO_INDEX: "1", PYTHONPATH: "" } });
  expect(r.status, `${cmd} ${args.join(" ")}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe.skipIf(python === undefined)("clients/python wheel", () => {
  it("builds offline, installs into a fresh --system-site-packages venv, imports typed, at the protocol's version", () => {
    const src = join(dir, "src");
    cpSync(clientDir, src, { recursive: true, filter: (p) => !/(__pycache__|\.egg-info|[/\\]build)$/.test(p) });
    sh(python as string, ["-m", "pip", "wheel", "--no-build-isolation", "--no-deps", src, "-w", join(dir, "dist")]);
    const wheel = readdirSync(join(dir, "dist")).find((f) => f.endsWith(".whl"));
    expect(wheel).toMatch(new RegExp(`^simweb_client-${PROTOCOL_VERSION.replace(".", "\\.")}\\.\\d+-py3-none-any\\.whl$`));
    sh(python as string, ["-m", "venv", "--system-site-packages", join(dir, "venv")]);
    const venvPython = join(dir, "venv", "bin", "python");
    sh(venvPython, ["-m", "pip", "install", "--no-index", "--no-deps", join(dir, "dist", wheel as string)]);
    const out = sh(venvPython, [
      "-c",
      "import pathlib, simweb_client as s, simweb_client.verl, simweb_client.verifiers; " +
        "print(s.__version__, s.PROTOCOL_VERSION, pathlib.Path(s.__file__).parent.joinpath('py.typed').exists(), 'site-packages' in s.__file__)",
    ]);
    expect(out.trim().split(" ")).toEqual([expect.stringMatching(new RegExp(`^${PROTOCOL_VERSION}\\.`)), PROTOCOL_VERSION, "True", "True"]);
  }, 300_000);
});
