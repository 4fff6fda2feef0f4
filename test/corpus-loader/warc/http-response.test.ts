import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dechunk, parseContentType, parseHttpResponse } from "../../../corpus-loader/warc/http-response.ts";
import { httpResponseBlock } from "../../../corpus-loader/warc/warc-writer.ts";

const ok = (block: Buffer) => {
  const r = parseHttpResponse(block);
  if (!r.ok) throw new Error(r.message);
  return r.response;
};

describe("parseHttpResponse()", () => {
  it("parses an HTTP/1.0 response with LF-only line endings", () => {
    const r = ok(Buffer.from("HTTP/1.0 404 File not found\nContent-type: text/html\n\n<p>gone</p>"));
    expect(r.httpVersion).toBe("1.0");
    expect(r.status).toBe(404);
    expect(r.reason).toBe("File not found");
    expect(r.mime).toBe("text/html");
    expect(r.charset).toBeNull();
    expect(r.body.toString()).toBe("<p>gone</p>");
  });

  it("decodes Transfer-Encoding: chunked bodies (with chunk extensions)", () => {
    const body = Buffer.from("5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n");
    const r = ok(
      httpResponseBlock(
        200,
        "OK",
        [
          ["Transfer-Encoding", "chunked"],
          ["Content-Type", "text/plain"],
        ],
        body,
      ),
    );
    expect(r.body.toString()).toBe("Hello, world");
  });

  it("keeps a body stored de-chunked although the header still says chunked", () => {
    const r = ok(httpResponseBlock(200, "OK", [["Transfer-Encoding", "chunked"]], Buffer.from("<html>plain</html>")));
    expect(r.body.toString()).toBe("<html>plain</html>");
  });

  it("decodes Content-Encoding: gzip, also inside chunked transfer-encoding", () => {
    const html = "<html><title>zipped</title></html>";
    const gz = gzipSync(html);
    expect(ok(httpResponseBlock(200, "OK", [["Content-Encoding", "gzip"]], gz)).body.toString()).toBe(html);
    const chunked = Buffer.concat([
      Buffer.from(`${(10).toString(16)}\r\n`),
      gz.subarray(0, 10),
      Buffer.from(`\r\n${(gz.length - 10).toString(16)}\r\n`),
      gz.subarray(10),
      Buffer.from("\r\n0\r\n\r\n"),
    ]);
    const r = ok(
      httpResponseBlock(
        200,
        "OK",
        [
          ["Transfer-Encoding", "chunked"],
          ["Content-Encoding", "gzip"],
        ],
        chunked,
      ),
    );
    expect(r.body.toString()).toBe(html);
  });

  it("keeps a body that a crawler already decompressed", () => {
    const r = ok(httpResponseBlock(200, "OK", [["Content-Encoding", "gzip"]], Buffer.from("<html>x</html>")));
    expect(r.body.toString()).toBe("<html>x</html>");
  });

  it("reports a gzip body that cannot be decoded as decode_error, a bad status line as bad_http", () => {
    const bad = Buffer.from(gzipSync("x".repeat(1000)));
    bad.fill(0xff, 10, 20);
    const r = parseHttpResponse(httpResponseBlock(200, "OK", [["Content-Encoding", "gzip"]], bad));
    expect(r).toMatchObject({ ok: false, reason: "decode_error" });
    expect(parseHttpResponse(Buffer.from("<html>no status line</html>"))).toMatchObject({ ok: false, reason: "bad_http" });
  });
});

describe("parseContentType()", () => {
  it("splits MIME type and charset", () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-1"')).toEqual({ mime: "text/html", charset: "iso-8859-1" });
    expect(parseContentType("text/html;charset=utf-8")).toEqual({ mime: "text/html", charset: "utf-8" });
    expect(parseContentType("")).toEqual({ mime: "", charset: null });
  });
});

describe("dechunk()", () => {
  it("keeps what is there when the last chunk is truncated, null when not chunked", () => {
    expect(dechunk(Buffer.from("5\r\nHello\r\n10\r\nabc"))?.toString()).toBe("Helloabc");
    expect(dechunk(Buffer.from("<html>"))).toBeNull();
  });
});
