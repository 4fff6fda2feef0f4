import { describe, expect, it } from "vitest";
import { presentedToken, splitTokens, TokenSet, withoutTokenParam } from "../../../env/guard/index.ts";

describe("presentedToken()", () => {
  it("reads Bearer, then X-API-KEY, then ?token=; the first form present wins", () => {
    expect(presentedToken({ authorization: "Bearer a" }, "token=c")).toBe("a");
    expect(presentedToken({ authorization: "bearer\ta " }, "")).toBe("a");
    expect(presentedToken({ "x-api-key": "b" }, "token=c")).toBe("b");
    expect(presentedToken({}, "q=x&token=c%2Bd")).toBe("c+d");
    expect(presentedToken({ authorization: "Basic a" }, "")).toBeNull();
    expect(presentedToken({ authorization: "Bearer" }, "token=c")).toBe("c");
    expect(presentedToken({}, "token=")).toBeNull();
    expect(presentedToken({}, "tokens=c")).toBeNull();
  });
});

describe("withoutTokenParam()", () => {
  it("drops every token pair and keeps the others byte for byte", () => {
    expect(withoutTokenParam("q=a%20b&token=s&k=3")).toBe("q=a%20b&k=3");
    expect(withoutTokenParam("token=s")).toBe("");
    expect(withoutTokenParam("t%6Fken=s&x=%zz")).toBe("x=%zz");
    expect(withoutTokenParam("tokens=1&q=token")).toBe("tokens=1&q=token");
  });
});

describe("TokenSet", () => {
  it("matches any configured token by index and nothing else", () => {
    const t = TokenSet.from("team-a, team-b");
    expect(t?.size).toBe(2);
    expect(t?.match("team-b")).toBe(1);
    expect(t?.match("team-a")).toBe(0);
    expect(t?.match("team-")).toBe(-1);
    expect(t?.match(null)).toBe(-1);
    expect(t?.match("")).toBe(-1);
    expect(TokenSet.from(["x", "y,z"])?.size).toBe(3);
    expect(TokenSet.from("")).toBeNull();
    expect(TokenSet.from(undefined)).toBeNull();
  });

  it("refuses a token with whitespace (it could not be sent as Bearer)", () => {
    expect(() => splitTokens("a b")).toThrow(RangeError);
  });
});
