/**
 * The run viewer behind `serve --token`: a browser opens `/ui/?token=…` once, the server keeps the token
 * in an HttpOnly, SameSite=Strict cookie scoped to `/ui` and drops it from the address, and the page's
 * own requests (assets, API) pass with the cookie. The cookie opens nothing outside `/ui`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type SimwebHttpServer } from "../../../env/http/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { createUiHandler, type UiHandler } from "../../../env/ui/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";
import { makeUiRun } from "./ui-fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const TOKEN = "viewer-s3cret";
const dir = useTmpDir("simweb-ui-token-");
let web: SimWeb;
let ui: UiHandler;
let srv: SimwebHttpServer;
let url = "";

beforeAll(async () => {
  const world = await makeWorld(join(dir, "world"), 300, 5);
  web = await SimWeb.open(world.db);
  const run = await makeUiRun(join(dir, "run"));
  ui = createUiHandler({ runPath: run.log });
  srv = createServer(web, { token: TOKEN, ui });
  url = (await srv.listen(0)).url;
}, 120_000);

afterAll(async () => {
  await srv?.close();
  ui?.close();
  web?.close();
});

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${url}${path}`, { headers, redirect: "manual" });

describe("viewer behind a token", () => {
  it("refuses the viewer without the token", async () => {
    expect((await get("/ui/")).status).toBe(401);
    expect((await get("/ui/app.js")).status).toBe(401);
    expect((await get("/ui/api/meta", { cookie: "simweb_token=wrong" })).status).toBe(401);
  });

  it("turns ?token= on the page into a cookie and a clean address", async () => {
    const r = await get(`/ui/?token=${TOKEN}`);
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe("/ui/");
    const cookie = r.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^simweb_token=viewer-s3cret;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/ui");
    const kept = await get("/ui?token=" + TOKEN + "&x=1");
    expect(kept.headers.get("location")).toBe("/ui/?x=1");
  });

  it("serves the page, its assets and its API with the cookie, and nothing else", async () => {
    const c = { cookie: `other=1; simweb_token=${TOKEN}` };
    expect((await get("/ui/", c)).status).toBe(200);
    expect((await get("/ui/app.js", c)).status).toBe(200);
    const meta = await get("/ui/api/meta", c);
    expect(meta.status).toBe(200);
    expect(await meta.json()).toHaveProperty("runs");
    // the cookie is the viewer's: the search routes still want a header (or ?token=)
    expect((await get("/search?q=history", c)).status).toBe(401);
    expect((await get("/search?q=history", { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it.skipIf(!existsSync(CHROMIUM))(
    "renders in Chromium from /ui/?token= alone",
    async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
      try {
        const page = await browser.newPage();
        const failed: string[] = [];
        page.on("response", (r) => {
          if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
        });
        await page.goto(`${url}/ui/?token=${TOKEN}`);
        expect(page.url()).toBe(`${url}/ui/`);
        await page.waitForFunction(() => {
          const g = globalThis as unknown as { document: { getElementById(id: string): { getAttribute(n: string): string | null } | null } };
          return g.document.getElementById("view")?.getAttribute("aria-busy") === "false";
        });
        expect(failed).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
