import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePassages, readTaskFile, LoaderError } from "../../../../corpus-loader/index.ts";
import { useTmpDir } from "../../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-passages-");
const N = 3_000;
const one = join(dir, "one");

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

/** Every line of the corpus files of `d`, in file order. */
function lines(d: string): string[] {
  return readdirSync(d)
    .filter((f) => f.startsWith("passages-"))
    .sort()
    .flatMap((f) => {
      const raw = readFileSync(join(d, f));
      return (f.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8").split("\n").slice(0, -1);
    });
}

function hasPython(): boolean {
  try {
    execFileSync("python3", ["-c", "pass"]);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  await generatePassages({ seed: 5, passages: N, passagesPerFile: 700, outDir: one });
}, 120_000);

describe("generatePassages()", () => {
  it("writes byte-identical files with 1 process and with 3 worker processes, plain and gzip", async () => {
    const three = join(dir, "three");
    const r = await generatePassages({ seed: 5, passages: N, passagesPerFile: 700, outDir: three, workers: 3 });
    expect(r.files.map((f) => f.slice(f.lastIndexOf("/") + 1))).toEqual(["00000", "00001", "00002", "00003", "00004"].map((n) => `passages-${n}.jsonl`));
    expect(hashes(three)).toEqual(hashes(one));
    const gz1 = join(dir, "gz1");
    const gz2 = join(dir, "gz2");
    await generatePassages({ seed: 5, passages: N, passagesPerFile: 700, outDir: gz1, format: "jsonl.gz" });
    await generatePassages({ seed: 5, passages: N, passagesPerFile: 700, outDir: gz2, format: "jsonl.gz", workers: 2 });
    expect(hashes(gz2)).toEqual(hashes(gz1));
    expect(lines(gz1)).toEqual(lines(one));
    // another seed is another corpus
    const other = join(dir, "other");
    await generatePassages({ seed: 6, passages: N, passagesPerFile: 700, outDir: other });
    expect(lines(other)[10]).not.toBe(lines(one)[10]);
  }, 240_000);

  it('writes Search-R1 rows: {"id", "contents"} with dense string ids and "\\"Title\\"\\ntext" contents of ~100 words, several per article', () => {
    const rows = lines(one);
    expect(rows).toHaveLength(N);
    const titles: string[] = [];
    const words: number[] = [];
    rows.forEach((line, i) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(row)).toEqual(["id", "contents"]);
      expect(row.id).toBe(String(i));
      const contents = row.contents as string;
      // what Search-R1's retriever does with a row: title = first line, text = the rest
      const parts = contents.split("\n");
      expect(parts).toHaveLength(2);
      const [title, text] = parts as [string, string];
      expect(title).toMatch(/^"[^"\n]+"$/);
      expect(text).toMatch(/^[A-Z].*\.$/u);
      titles.push(title);
      words.push(text.split(" ").length);
    });
    // Python's json.dumps spacing, as wiki-18.jsonl is written
    expect(rows[0]).toMatch(/^\{"id": "0", "contents": "\\"[^"]+\\"\\n/);
    const sorted = [...words].sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1] as number;
    expect(median).toBeGreaterThanOrEqual(95);
    expect(median).toBeLessThanOrEqual(115);
    expect(sorted[0]).toBeGreaterThanOrEqual(20);
    // articles: runs of consecutive passages under one title, several passages each on average
    let runs = 1;
    for (let i = 1; i < titles.length; i++) if (titles[i] !== titles[i - 1]) runs++;
    expect(N / runs).toBeGreaterThan(2);
    expect(N / runs).toBeLessThan(5);
  });

  it.skipIf(!hasPython())("rows parse the way Search-R1's retriever reads them (Python json + contents.split)", () => {
    const file = join(one, "passages-00000.jsonl");
    const script = [
      "import json, sys",
      "out = []",
      "for line in open(sys.argv[1], encoding='utf-8'):",
      "    doc = json.loads(line)",
      "    content = doc['contents']",
      "    title = content.split('\\n')[0]",
      "    text = '\\n'.join(content.split('\\n')[1:])",
      "    out.append([doc['id'], title, text])",
      "print(json.dumps(out[:50]))",
    ].join("\n");
    const py = JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" })) as Array<[string, string, string]>;
    const js = lines(one)
      .slice(0, 50)
      .map((l) => {
        const c = (JSON.parse(l) as { id: string; contents: string }).contents;
        const nl = c.indexOf("\n");
        return [(JSON.parse(l) as { id: string }).id, c.slice(0, nl), c.slice(nl + 1)];
      });
    expect(py).toEqual(js);
    expect(py[0]?.[1]).toMatch(/^".+"$/);
  });

  it("writes tasks whose answers are in their gold passages (the last one for chains), in the world's task format", async () => {
    const rows = lines(one).map((l) => (JSON.parse(l) as { contents: string }).contents);
    const raw = readFileSync(join(one, "tasks.jsonl"), "utf8").trim().split("\n");
    expect(raw.length).toBe(150);
    const { tasks, skipped } = await readTaskFile(join(one, "tasks.jsonl"));
    expect(skipped).toBe(0);
    expect(tasks).toHaveLength(raw.length);
    const types = new Set<string>();
    for (const t of tasks) {
      types.add(t.type);
      expect(t.goldUrls.length).toBe(t.hops);
      const ids = t.goldUrls.map((u) => Number(/^https:\/\/corpus\.invalid\/doc\/(\d+)$/.exec(u)?.[1]));
      for (const id of ids) expect(id).toBeLessThan(N);
      const last = rows[ids[ids.length - 1] as number] as string;
      expect(
        t.answers.some((a) => last.includes(a)),
        `${t.question} ${JSON.stringify(t.answers)} in ${last}`,
      ).toBe(true);
      expect(t.answers.some((a) => t.question.toLowerCase().includes(a.toLowerCase()))).toBe(false);
    }
    expect([...types].sort()).toEqual(["multi_hop", "single_fact"]);
    expect(new Set(tasks.map((t) => t.question)).size).toBeGreaterThan(tasks.length * 0.9);
    const summary = JSON.parse(readFileSync(join(one, "passages.json"), "utf8")) as { passages: number; tasks: number; entities: number };
    expect(summary.passages).toBe(N);
    expect(summary.tasks).toBe(tasks.length);
    expect(summary.entities).toBeGreaterThan(200);
  });

  it("refuses bad options with GENERATOR_ERROR naming the option", async () => {
    const bad = (o: object): Promise<unknown> => generatePassages({ seed: 1, passages: 1000, outDir: join(dir, "bad"), ...o });
    await expect(bad({ passages: 99 })).rejects.toThrow(/passages must be an integer in \[100, /);
    await expect(bad({ format: "csv" })).rejects.toThrow(/format must be one of jsonl, jsonl.gz, got "csv"/);
    await expect(bad({ workers: 0 })).rejects.toThrow(/workers must be an integer/);
    await expect(bad({ passages: 2.5 })).rejects.toBeInstanceOf(LoaderError);
    await expect(bad({ passages: 99 })).rejects.toMatchObject({ code: "GENERATOR_ERROR" });
  });
});
