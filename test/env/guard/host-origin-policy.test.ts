import { describe, expect, it } from "vitest";
import { clientAddress, GuardError, HostOriginPolicy } from "../../../env/guard/index.ts";

const code = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (err) {
    return err instanceof GuardError ? `${err.status} ${err.code}` : String(err);
  }
};

describe("HostOriginPolicy.checkHost()", () => {
  const p = new HostOriginPolicy({ allowHosts: ["simweb.lan:8080", "*.corp.example"], boundHosts: () => ["gpu-box", undefined] });
  it("accepts loopback names, IP literals, the bound name and --allow-host; refuses other names", () => {
    for (const host of [
      "localhost",
      "localhost:1",
      "x.localhost",
      "LocalHost.",
      "127.0.0.1:80",
      "[::1]:80",
      "8.8.8.8",
      "[2001:db8::1]",
      "gpu-box:80",
      "simweb.lan",
      "a.corp.example",
    ]) {
      expect(
        code(() => p.checkHost({ host })),
        host,
      ).toBeNull();
    }
    expect(code(() => p.checkHost({}))).toBeNull();
    for (const host of ["evil.example", "127.0.0.1.nip.io", "corp.example", "localhost.evil.example", "2130706433", "0x7f.1"]) {
      expect(
        code(() => p.checkHost({ host })),
        host,
      ).toBe("403 FORBIDDEN_HOST");
    }
  });
});

describe("HostOriginPolicy.checkOrigin()", () => {
  const p = new HostOriginPolicy({ allowOrigins: ["https://nb.example"], boundHosts: () => ["10.0.0.5", "0.0.0.0"] });
  it("accepts no Origin, loopback pages of any port, the bound address, same origin and --allow-origin", () => {
    const ok: [string, string][] = [
      ["http://localhost:3000", "127.0.0.1:8080"],
      ["https://127.0.0.1", "x"],
      ["http://[::1]:9", "x"],
      ["http://10.0.0.5:1234", "10.0.0.5:8080"],
      ["http://192.168.1.2:8080", "192.168.1.2:8080"],
      ["https://nb.example:443", "x"],
    ];
    for (const [origin, host] of ok)
      expect(
        code(() => p.checkOrigin({ origin, host })),
        origin,
      ).toBeNull();
    expect(code(() => p.checkOrigin({ host: "x" }))).toBeNull();
    for (const origin of ["https://evil.example", "null", "http://0.0.0.0:3000", "file://", "chrome-extension://x", "http://192.168.1.2:9000", "garbage"]) {
      expect(
        code(() => p.checkOrigin({ origin, host: "192.168.1.2:8080" })),
        origin,
      ).toBe("403 FORBIDDEN_ORIGIN");
    }
  });
});

describe("clientAddress()", () => {
  it("unmaps IPv4-mapped addresses and groups IPv6 by /64", () => {
    expect(clientAddress("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(clientAddress("127.0.0.2")).toBe("127.0.0.2");
    expect(clientAddress("::1")).toBe("::1");
    expect(clientAddress("2001:db8:0:7::1")).toBe("2001:db8:0:7::/64");
    expect(clientAddress("2001:db8:0:7:a:b:c:d")).toBe("2001:db8:0:7::/64");
    expect(clientAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});
