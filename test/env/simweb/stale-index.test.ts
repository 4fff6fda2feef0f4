import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../../corpus-loader/index.ts";
import { createServer } from "../../../env/http/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { runTs, type Child } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../../helpers/world.ts";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "pgdocs-small.warc.gz");
const dir = useTmpDir("simweb-stale-");
let world: TestWorld;
let stale: string;
const children: Child[] = [];

beforeAll(async () => {
  world = await makeWorld(dir, 200, 5);
  // a second load (a real crawl) after the index build, and no `simweb index`
  stale = join(dir, "stale.duckdb");
  copyFileSync(world.db, stale);
  const summary = await loadCorpus(stale, [FIXTURE]);
  expect(summary.pagesAdded).toBeGreaterThan(0);
}, 120_000);
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
});

describe("a stale index", () => {
  it("is refused with an error that names simweb index and both counts", async () => {
    const err = await SimWeb.open(stale).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "INDEX_STALE", message: expect.stringContaining(`run simweb index --db ${stale}`) });
    expect((err as Error).message).toMatch(new RegExp(`built over ${world.pages.toLocaleString("en-US")} pages, the corpus now holds [\\d,]+`));
    // the fresh corpus opens
    (await SimWeb.open(world.db)).close();
  });

  it("with allowStaleIndex, is served with the warning on every /healthz", async () => {
    const web = await SimWeb.open(stale, { allowStaleIndex: true });
    const srv = createServer(web, { sessions: false });
    try {
      const { url } = await srv.listen(0);
      for (let i = 0; i < 2; i++) {
        const h = (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>;
        expect(h).toMatchObject({ status: "degraded", pages: web.pages.size, indexed: world.pages, warning: expect.stringContaining("simweb index") });
        expect(Number(h.pages)).toBeGreaterThan(Number(h.indexed));
      }
    } finally {
      await srv.close();
      web.close();
    }
    const fresh = await SimWeb.open(world.db);
    const srv2 = createServer(fresh, { sessions: false });
    try {
      const { url } = await srv2.listen(0);
      const h = (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>;
      expect(h).toMatchObject({ status: "ok", pages: world.pages, indexed: world.pages });
      expect(h.warning).toBeUndefined();
    } finally {
      await srv2.close();
      fresh.close();
    }
  });
});

describe("load into a corpus a running server holds", () => {
  it("fails with CORPUS_BUSY naming the holder, not DuckDB's lock message", async () => {
    const server = runTs(["scripts/cli.ts", "serve", "--db", world.db, "--port", "0"]);
    children.push(server);
    await server.waitForLine((l) => l.includes('"listening"'), 90_000);
    const err = await loadCorpus(world.db, [FIXTURE]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "CORPUS_BUSY", message: expect.stringContaining(`served by pid ${server.proc.pid}`) });
    const { buildIndex } = await import("../../../corpus-loader/index-build/index.ts");
    await expect(buildIndex(world.db)).rejects.toMatchObject({ code: "CORPUS_BUSY" });
    server.proc.kill("SIGKILL");
    await server.exited;
    // a holder killed with kill -9 leaves its registration behind; a dead pid does not block
    const again = await loadCorpus(world.db, [FIXTURE]);
    expect(again.files).toBe(1);
  }, 120_000);
});
