import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateWorld } from "../../../corpus-loader/generator/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir();

function hashes(d: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(d)
      .sort()
      .map((f) => [
        f,
        createHash("sha256")
          .update(readFileSync(join(d, f)))
          .digest("hex"),
      ]),
  );
}

describe("generateWorld({workers})", () => {
  it("writes byte-identical files with 1 process and with 3 worker processes", async () => {
    const one = await generateWorld({ seed: 3, pages: 500, pagesPerFile: 120, outDir: join(dir, "one") });
    const three = await generateWorld({ seed: 3, pages: 500, pagesPerFile: 120, outDir: join(dir, "three"), workers: 3 });
    expect(one.files.length).toBe(5);
    expect(three.files.map((f) => f.slice(-20))).toEqual(one.files.map((f) => f.slice(-20)));
    expect(three.bytes).toBe(one.bytes);
    expect(hashes(join(dir, "three"))).toEqual(hashes(join(dir, "one")));
  });
});
