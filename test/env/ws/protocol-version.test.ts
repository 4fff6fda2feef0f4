import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../../env/ws/index.ts";
import { startServer, type TestServer } from "./harness.ts";

const clientVersionFile = fileURLToPath(new URL("../../../clients/python/simweb_client/_version.py", import.meta.url));

describe("PROTOCOL_VERSION", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it("is MAJOR.MINOR and every accepted upgrade carries it in X-Simweb-Protocol", async () => {
    expect(PROTOCOL_VERSION).toMatch(/^\d+\.\d+$/);
    const ws = new WebSocket(srv.url);
    const upgraded = new Promise<IncomingMessage>((resolve, reject) => ws.once("upgrade", resolve).once("error", reject));
    const opened = new Promise((resolve) => ws.once("open", resolve));
    expect((await upgraded).headers[PROTOCOL_HEADER.toLowerCase()]).toBe(PROTOCOL_VERSION);
    await opened;
    ws.close();
  });

  it("is the prefix of the Python client's version and the protocol it checks for", () => {
    const src = readFileSync(clientVersionFile, "utf8");
    expect(/^PROTOCOL_VERSION = "([^"]+)"$/m.exec(src)?.[1]).toBe(PROTOCOL_VERSION);
    expect(/^__version__ = "([^"]+)"$/m.exec(src)?.[1]).toMatch(new RegExp(`^${PROTOCOL_VERSION.replace(".", "\\.")}\\.\\d+$`));
  });
});
