import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareRuns, readRunLog, type Comparison, type TaskKind } from "../../../env/compare/index.ts";
import { localDriver, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { readCorpusTasks, startUiServer, type UiServer } from "../../../env/ui/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeUiRun, type UiRun } from "./ui-fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const dir = useTmpDir("simweb-ui-compare-");
let run: UiRun;
let logs: string[];
let srv: UiServer;
let expected: Comparison;

beforeAll(async () => {
  run = await makeUiRun(join(dir, "ui"));
  logs = [run.log];
  for (const budget of [1, 4]) {
    const out = join(dir, "ui", "runs", `budget-${budget}.duckdb`);
    await runRollouts({
      out,
      tasks: FIXTURE_TASKS,
      driver: localDriver(fixtureDeps()),
      policy: scriptedPolicy({ budget, explore: 0.6 }),
      groupSize: run.groupSize,
      concurrency: 2,
      maxSteps: 8,
      seed: 3,
      config: { corpus: run.corpus },
    });
    logs.push(out);
  }
  const lookup = async (_p: string, _r: unknown, ids: readonly string[]): Promise<ReadonlyMap<string, TaskKind>> =>
    (await readCorpusTasks(run.corpus, ids)).tasks;
  const read = [];
  for (const p of logs) read.push(await readRunLog(p, lookup));
  expected = compareRuns(read);
  srv = await startUiServer({ runPath: run.log, comparePaths: logs.slice(1) });
});

afterAll(async () => {
  await srv?.close();
});

describe("GET /ui/api/compare", () => {
  it("compares every run of every log given to the viewer, as env/compare does from the logs", async () => {
    const c = (await (await fetch(`${srv.url}api/compare`)).json()) as Comparison & { logs: string[] };
    expect(c.logs).toEqual(logs);
    expect(c.rows.map((r) => r.label)).toEqual(["scripted", "random", "budget-1", "budget-4"]);
    expect(c.rows).toEqual(expected.rows);
    expect(c.rows[0]?.byHops.map((s) => s.key)).toEqual(["1", "2", "3"]); // the corpus the runs name gives the hops
    const s = (await (await fetch(`${srv.url}api/compare?quality=success`)).json()) as Comparison;
    for (const r of s.rows) expect(r.quality).toBe(r.successRate);
    const bad = await fetch(`${srv.url}api/compare?quality=vibes`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("BAD_PARAM");
  });
});

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? "compare page in Chromium" : `compare page in Chromium (SKIPPED: ${CHROMIUM} is missing)`, () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on("pageerror", (err) => {
      throw err;
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  const settle = async (): Promise<void> => {
    await page.waitForFunction(() => {
      const g = globalThis as any; // runs in the page (no DOM types here)
      const m = g.document.getElementById("view");
      return m.getAttribute("aria-busy") === "false" && m.dataset.hash === g.location.hash;
    });
  };

  it("draws quality against cost with the frontier joined and dominated runs greyed, and success against hop count per run", async () => {
    await page.goto(`${srv.url}#/compare`);
    await settle();
    const points = await page.$$eval(".frontier-chart g.run", (els) =>
      els.map((e) => ({
        label: e.getAttribute("data-label"),
        dominated: e.getAttribute("data-dominated") === "true",
        cls: e.getAttribute("class"),
        cost: Number(e.getAttribute("data-cost")),
      })),
    );
    expect(points.map((p) => p.label)).toEqual(expected.rows.map((r) => r.label));
    expect(new Set(expected.rows.map((r) => r.dominated))).toEqual(new Set([true, false])); // both kinds are drawn
    for (const [i, p] of points.entries()) {
      const r = expected.rows[i];
      expect(p.dominated).toBe(r?.dominated);
      expect(p.cls).toContain(r?.dominated ? "dominated" : "frontier");
      expect(p.cost).toBeCloseTo(r?.costUsd ?? NaN, 12);
    }
    // a dominated point is drawn grey, a frontier point is not
    const fills = await page.$$eval(".frontier-chart g.run circle", (els) => els.map((e) => (globalThis as any).getComputedStyle(e).fill as string));
    points.forEach((p, i) => expect(fills[i] === "rgb(195, 200, 209)").toBe(p.dominated));
    const frontier = expected.rows.filter((r) => !r.dominated).length;
    expect(await page.getAttribute(".frontier-chart polyline.frontier-line", "data-points")).toBe(String(frontier));
    // success by hops: one series per run, each point the run's rate for that hop count
    const dots = await page.$$eval(".hops-chart circle.dot", (els) =>
      els.map((e) => ({ run: e.getAttribute("data-run"), hops: e.getAttribute("data-hops"), rate: Number(e.getAttribute("data-rate")) })),
    );
    expect(await page.$$eval(".hops-chart g.series", (els) => els.length)).toBe(expected.rows.length);
    for (const r of expected.rows) {
      for (const s of r.byHops) expect(dots.find((d) => d.run === r.label && d.hops === s.key)?.rate).toBeCloseTo(s.successRate, 12);
    }
    expect(await page.$$eval("table.compare-table tr[data-label]", (els) => els.map((e) => e.getAttribute("data-label")))).toEqual(
      expected.rows.map((r) => r.label),
    );
    expect(await page.evaluate(() => (globalThis as any).__xss)).toBeUndefined();
    mkdirSync(join(dir, "shots"), { recursive: true });
    await page.screenshot({ path: join(dir, "shots", "compare.png"), fullPage: true });
  });

  it("switches the quality measure to the success rate from the page", async () => {
    await page.goto(`${srv.url}#/compare`);
    await settle();
    await page.click('a[href="#/compare?quality=success"]');
    await page.waitForURL(/quality=success/);
    await settle();
    const q = await page.$$eval(".frontier-chart g.run", (els) => els.map((e) => Number(e.getAttribute("data-quality"))));
    expect(q).toEqual(expected.rows.map((r) => r.successRate));
  });
});
