import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDevset, devsetUnavailable, type Devset } from "../../../scripts/bench/devset/build-devset.ts";
import { cleanHeading } from "../../../scripts/bench/devset/devset-queries.ts";
import { ablations, engineRow, xapianPython, xapianRow } from "../../../scripts/bench/devset/search-quality.ts";
import type { DocSource } from "../../../scripts/bench/devset/doc-sources.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-devset-");

/** A tiny documentation site in the shapes of the three real ones (git man page, PostgreSQL ref page, Python module). */
function writeDocs(root: string): DocSource[] {
  const git = join(root, "git");
  const pg = join(root, "pg");
  const py = join(root, "py", "library");
  for (const d of [git, pg, py]) mkdirSync(d, { recursive: true });
  const page = (title: string, body: string): string => `<html><head><title>${title}</title></head><body>${body}</body></html>`;
  for (let i = 0; i < 12; i++) {
    writeFileSync(
      join(git, `git-cmd${i}.html`),
      page(
        `git-cmd${i}(1)`,
        `<h1>git-cmd${i}(1)</h1><h2>NAME</h2><p>git-cmd${i} - Frobnicate widget number ${i} quickly</p><h2>Handling widget case ${i} safely</h2>` +
          `<p>Text about widgets and other things ${i}.</p><p><a href="git-cmd${(i + 1) % 12}.html">the frobnicator of stage ${(i + 1) % 12}</a></p>`,
      ),
    );
    writeFileSync(
      join(pg, `sql-thing${i}.html`),
      page(
        `THING${i}`,
        `<h1>THING${i}</h1><p>THING${i} — creates a new gadget of kind ${i}</p><h2>${i + 1}.2. Gadget option ${i} details</h2><p>More text.</p>`,
      ),
    );
    writeFileSync(
      join(py, `mod${i}.html`),
      page(
        `mod${i} — Tools for sprocket ${i} handling — Python 3.11.2 documentation`,
        `<h1>mod${i}¶</h1><h2>Sprocket helper ${i} functions¶</h2><p>Body ${i}.</p>`,
      ),
    );
  }
  return [
    { pkg: "git-doc", root: git, base: "https://git-scm.com/docs/" },
    { pkg: "postgresql-doc-15", root: pg, base: "https://www.postgresql.org/docs/15/" },
    { pkg: "python3.11-doc", root: join(root, "py"), base: "https://docs.python.org/3.11/" },
  ];
}

let set: Devset;
beforeAll(async () => {
  set = await buildDevset(join(dir, "set"), { perSet: 10, sources: writeDocs(join(dir, "docs")) });
}, 120_000);

describe("buildDevset()", () => {
  it("loads the HTML through the WARC reader and draws known-item queries of every set", () => {
    expect(set.pages).toBe(36);
    const by = (s: string) => set.queries.filter((q) => q.set === s);
    expect(by("headings")).toHaveLength(10);
    expect(by("anchors")).toHaveLength(10);
    expect(by("questions")).toHaveLength(10);
    for (const q of by("headings")) expect(q.query).toMatch(/^(Handling widget case|Gadget option|Sprocket helper) \d+/);
    const cmd = by("anchors")[0];
    expect(cmd?.answer).toBe(`https://git-scm.com/docs/git-cmd${/stage (\d+)/.exec(cmd?.query ?? "")?.[1]}.html`);
    for (const q of by("questions")) {
      const m =
        /^how to frobnicate widget number (\d+) quickly in git$/.exec(q.query) ??
        /^how to create a new gadget of kind (\d+) in postgresql$/.exec(q.query) ??
        /^python module for tools for sprocket (\d+) handling$/.exec(q.query);
      expect(m, q.query).not.toBeNull();
      expect(q.answer).toMatch(new RegExp(`(git-cmd|sql-thing|library/mod)${m?.[1]}\\.html$`));
    }
    expect(new Set(set.queries.map((q) => q.split))).toEqual(new Set(["tune", "test"]));
  });

  it("is the same set when built again from the same files", async () => {
    const again = await buildDevset(join(dir, "set2"), { perSet: 10, sources: writeDocs(join(dir, "docs")) });
    expect(again.queries).toEqual(set.queries);
  }, 60_000);

  it("names the missing packages", () => {
    expect(devsetUnavailable([{ pkg: "nope-doc", root: join(dir, "missing"), base: "https://x/" }])).toMatch(/nope-doc/);
  });
});

describe("cleanHeading()", () => {
  it("drops pilcrows and section numbers", () => {
    expect(cleanHeading("E.16.1. Migration to Version 15.3")).toBe("Migration to Version 15.3");
    expect(cleanHeading("53.38. pg_policy")).toBe("pg_policy");
    expect(cleanHeading("Streams¶")).toBe("Streams");
    expect(cleanHeading("Chapter 5. Data Definition")).toBe("Data Definition");
    expect(cleanHeading("Python 3.11 notes")).toBe("Python 3.11 notes");
  });
});

describe("quality rows", () => {
  it("scores the engine per ablation and, with python3-xapian, the Xapian peer on the same queries", async () => {
    const full = await engineRow(set, "full", ablations()[1]?.fields ?? []);
    expect(full.success.headings).toBeGreaterThan(0.5);
    expect(full.success.questions).toBeGreaterThan(0.5);
    const noAnchors = await engineRow(set, "no anchors", ablations()[4]?.fields ?? []);
    expect(noAnchors.mrr.anchors).toBeLessThanOrEqual(full.mrr.anchors as number);
    if (xapianPython() === null) return;
    const x = xapianRow(set);
    expect(x?.success.questions).toBeGreaterThan(0.3);
  }, 120_000);
});
