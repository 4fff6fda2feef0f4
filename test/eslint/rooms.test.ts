import { ESLint } from "eslint";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import madge from "madge";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const eslint = new ESLint({ cwd: ROOT });

/** Lints `code` as if it were the file `rel` of the repository; returns "rule: message" lines. */
async function lint(rel: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(ROOT, rel) });
  return (r?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("rooms/through-index", () => {
  it("refuses an import that reaches past another room's index.ts", async () => {
    const out = await lint("env/ws/probe.ts", `import { Episode } from "../episode/episode.ts";\nexport const x = Episode;\n`);
    expect(out.some((m) => m.startsWith("rooms/through-index") && m.includes("env/episode/index.ts"))).toBe(true);
  });

  it("accepts the same import through the index, and any import inside one room", async () => {
    expect(await lint("env/ws/probe.ts", `import { Episode } from "../episode/index.ts";\nexport const x = Episode;\n`)).toEqual([]);
    expect(await lint("env/episode/probe.ts", `import { runTool } from "./run-tool.ts";\nexport const x = runTool;\n`)).toEqual([]);
  });

  it("leaves tests free to import internals", async () => {
    expect(await lint("test/env/probe.test.ts", `import { runTool } from "../../env/episode/run-tool.ts";\nexport const x = runTool;\n`)).toEqual([]);
  });
});

describe("rooms/allowed-imports", () => {
  it("refuses core importing any room", async () => {
    const out = await lint("core/probe.ts", `import { Episode } from "../env/episode/index.ts";\nexport const x = Episode;\n`);
    expect(out).toContainEqual(expect.stringMatching(/^rooms\/allowed-imports: core must not import env\/episode/));
  });

  it("refuses verifiers importing anything but core", async () => {
    const out = await lint("verifiers/probe.ts", `import { loadCorpus } from "../corpus-loader/index.ts";\nexport const x = loadCorpus;\n`);
    expect(out).toContainEqual(expect.stringMatching(/^rooms\/allowed-imports: verifiers must not import corpus-loader/));
    expect(await lint("verifiers/probe.ts", `import { stream } from "../core/index.ts";\nexport const x = stream;\n`)).toEqual([]);
  });

  it("refuses any room importing scripts/", async () => {
    const out = await lint("env/http/probe.ts", `import { serve } from "../../scripts/commands/serve.ts";\nexport const x = serve;\n`);
    expect(out).toContainEqual(expect.stringMatching(/^rooms\/allowed-imports: env\/http must not import scripts/));
  });

  it("refuses an import from outside every room (a test helper)", async () => {
    const out = await lint("env/http/probe.ts", `import { tmpDir } from "../../test/helpers/tmp-dir.ts";\nexport const x = tmpDir;\n`);
    expect(out.some((m) => m.startsWith("rooms/") && m.includes("in no room"))).toBe(true);
  });
});

describe("madge --circular (the cycle check of npm run lint)", () => {
  it("finds a cycle made only of type imports, as .madgerc asks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "simweb-cycle-"));
    writeFileSync(join(dir, "a.ts"), `import type { B } from "./b.ts";\nexport interface A { b: B }\n`);
    writeFileSync(join(dir, "b.ts"), `import type { A } from "./a.ts";\nexport interface B { a: A }\n`);
    const config = JSON.parse(readFileSync(join(ROOT, ".madgerc"), "utf8")) as Record<string, unknown>;
    const res = await madge(dir, { ...config, tsConfig: join(ROOT, "tsconfig.json"), baseDir: dir });
    expect(res.circular()).toEqual([["a.ts", "b.ts"]]);
  });
});
