/**
 * @module Child process of the isolation test: serves a corpus (HTTP + WebSocket, with a token) on loopback,
 * drives a scripted rollout over `/ws`, asks `/page`, `/find` and `/access` for URLs outside the corpus, and prints
 * what it saw as one JSON line. Run it with outbound network blocked.
 */
import { join } from "node:path";
import { createServer } from "../../env/http/index.ts";
import { remoteDriver, runRollouts, scriptedPolicy } from "../../env/rollout/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";

const [db, outDir, token] = process.argv.slice(2) as [string, string, string];
const HOSTILE = [
  "https://example.com/",
  "file:///etc/passwd",
  "../../etc/passwd",
  "/etc/passwd",
  "http://169.254.169.254/latest/meta-data/",
  "http://127.0.0.1:22/",
  "gopher://127.0.0.1:6379/_INFO",
  "http://[::1]:8080/",
  "https://not-in-corpus.test/a",
  "ftp://example.com/x",
  "http://localhost/../../etc/passwd",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "javascript:alert(1)",
  "data:text/plain,hello",
];
const web = await SimWeb.open(db);
const srv = createServer(web, { token });
const { url, port } = await srv.listen(0, "127.0.0.1");
const auth = { authorization: `Bearer ${token}` };
const pages: { url: string; route: string; status: number; body: string }[] = [];
for (const u of HOSTILE) {
  for (const route of [`/page?url=${encodeURIComponent(u)}`, `/find?url=${encodeURIComponent(u)}&pattern=root`]) {
    const r = await fetch(`${url}${route}`, { headers: auth });
    pages.push({ url: u, route: route.split("?")[0] as string, status: r.status, body: (await r.text()).slice(0, 2000) });
  }
}
const access = await fetch(`${url}/access`, {
  method: "POST",
  headers: { ...auth, "content-type": "application/json" },
  body: JSON.stringify({ urls: HOSTILE }),
});
pages.push({ url: "*", route: "/access", status: access.status, body: (await access.text()).slice(0, 4000) });
const tasks = web.tasks.list().slice(0, 5);
const summary = await runRollouts({
  out: join(outDir, "isolated.duckdb"),
  tasks,
  driver: remoteDriver(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`),
  policy: scriptedPolicy(),
  groupSize: 4,
  concurrency: 4,
  maxSteps: 8,
  seed: 1,
});
// an episode that tries to open hostile URLs through the tools
const ep = web.createEpisode("hostile");
ep.reset({ seed: 1, taskId: tasks[0]?.id });
const opened: string[] = [];
for (const u of HOSTILE) opened.push((await ep.step({ name: "open", arguments: { url: u } })).observation.slice(0, 2000));
await srv.close();
web.close();
process.stdout.write(`${JSON.stringify({ pages, opened, episodes: summary.episodes, failed: summary.failed })}\n`);
