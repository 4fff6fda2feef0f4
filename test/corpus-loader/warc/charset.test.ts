import { describe, expect, it } from "vitest";
import { decodeBody, sniffMetaCharset } from "../../../corpus-loader/warc/charset.ts";

const cp1252 = (s: string): Buffer => {
  // "é" 0xE9, "€" 0x80, "’" 0x92 in windows-1252
  const map: Record<string, number> = { é: 0xe9, "€": 0x80, "’": 0x92 };
  return Buffer.from([...s].map((c) => map[c] ?? c.charCodeAt(0)));
};

describe("decodeBody()", () => {
  it("uses a charset named only in <meta http-equiv> (windows-1252 bytes decoded right)", () => {
    const html = cp1252(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>Café costs 5€, it’s fine</body></html>',
    );
    const d = decodeBody(html, null, true);
    expect(d.charset).toBe("windows-1252");
    expect(d.text).toContain("Café costs 5€, it’s fine");
    expect(d.replacements).toBe(0);
  });

  it("uses <meta charset> and maps latin1 labels to windows-1252 as WHATWG does", () => {
    const d = decodeBody(cp1252('<meta charset="ISO-8859-1"><p>€ café</p>'), null, true);
    expect(d.charset).toBe("windows-1252");
    expect(d.text).toContain("€ café");
  });

  it("prefers the Content-Type charset over <meta>, and a BOM over both", () => {
    const body = Buffer.from('<meta charset="windows-1252"><p>café</p>', "utf8");
    expect(decodeBody(body, "utf-8", true).text).toContain("café");
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    expect(decodeBody(bom, "windows-1252", true)).toMatchObject({ charset: "utf-8" });
  });

  it("decodes Shift_JIS", () => {
    const sjis = Buffer.from([0x93, 0xfa, 0x96, 0x7b]); // 日本
    expect(decodeBody(sjis, "shift_jis", true).text).toBe("日本");
  });

  it("falls back to windows-1252 when nothing is declared and the bytes are not UTF-8", () => {
    const d = decodeBody(cp1252("<p>naïve café</p>".replace("ï", "i")), null, true);
    expect(d).toMatchObject({ charset: "windows-1252", replacements: 0 });
    expect(d.text).toBe("<p>naive café</p>");
  });

  it("counts replacement characters for bad bytes in declared UTF-8 and keeps the page", () => {
    const d = decodeBody(Buffer.concat([Buffer.from("<p>ok "), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(" ok</p>")]), "utf-8", true);
    expect(d.replacements).toBe(3);
    expect(d.garbage).toBe(false);
    expect(d.text).toContain("ok");
  });

  it("flags binary payloads as garbage and ignores unknown charset labels", () => {
    const bin = Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 7) % 32));
    expect(decodeBody(bin, null, true).garbage).toBe(true);
    expect(decodeBody(Buffer.from("<p>x</p>"), "x-no-such-charset", true)).toMatchObject({ charset: "utf-8", text: "<p>x</p>" });
  });
});

describe("sniffMetaCharset()", () => {
  it("looks only at the first 2 KB", () => {
    expect(sniffMetaCharset(Buffer.from('<meta charset="koi8-r">'))).toBe("koi8-r");
    expect(sniffMetaCharset(Buffer.from(" ".repeat(2100) + '<meta charset="koi8-r">'))).toBeNull();
  });
});
