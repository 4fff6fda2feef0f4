/**
 * @module One raw keep-alive HTTP/1.1 client connection for the load generator: writes a prebuilt
 * request, reads just enough of the response (status line, Content-Length or chunked framing) to
 * know when it ends, and discards the body. Far cheaper per request than `node:http`, so the
 * generator steals less CPU from the server it measures.
 */
import { connect, type Socket } from "node:net";

/** Called once per request: the HTTP status, or 0 with an error when the connection failed. */
export type ResponseCallback = (status: number, err?: Error) => void;

type State = "idle" | "head" | "body" | "chunks" | "until-close";

const CRLF = Buffer.from("\r\n");
const HEAD_END = Buffer.from("\r\n\r\n");

/**
 * Encodes a request with the headers a keep-alive client needs.
 * @example
 * conn.send(encodeRequest("GET", "/search?q=x", "127.0.0.1:8080"), (status) => console.log(status));
 */
export function encodeRequest(method: string, path: string, host: string, body?: string, headers: Record<string, string> = {}): Buffer {
  const b = body === undefined ? undefined : Buffer.from(body);
  let head = `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n`;
  const all: Record<string, string> = b ? { "content-type": "application/json", ...headers, "content-length": String(b.length) } : headers;
  for (const [k, v] of Object.entries(all)) head += `${k}: ${v}\r\n`;
  const h = Buffer.from(`${head}\r\n`, "latin1");
  return b ? Buffer.concat([h, b]) : h;
}

/**
 * A keep-alive connection carrying one request at a time (no pipelining). Connects lazily and
 * reconnects after the server closes it; a request in flight when the socket fails gets an error.
 */
export class KeepAliveConn {
  private readonly host: string;
  private readonly port: number;
  private readonly timeoutMs: number;
  private socket: Socket | null = null;
  private state: State = "idle";
  private buf: Buffer | null = null;
  private remaining = 0;
  private status = 0;
  private closeAfter = false;
  private cb: ResponseCallback | null = null;

  /** `timeoutMs`: a request whose connection stays silent this long fails. */
  constructor(host: string, port: number, timeoutMs = 10_000) {
    this.host = host;
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  /** True while a request is waiting for its response. */
  get busy(): boolean {
    return this.cb !== null;
  }

  /** Writes `request` (from {@link encodeRequest}); `cb` runs once the whole response has arrived or the connection failed. */
  send(request: Buffer, cb: ResponseCallback): void {
    if (this.cb) throw new Error("KeepAliveConn.send() while a request is in flight");
    this.cb = cb;
    this.state = "head";
    this.buf = null;
    (this.socket ?? this.open()).write(request);
  }

  /** Closes the socket; a request in flight fails. */
  close(): void {
    this.socket?.destroy();
  }

  private open(): Socket {
    const s = connect({ host: this.host, port: this.port, noDelay: true });
    s.setTimeout(this.timeoutMs);
    // a socket this connection has let go of (closed by us) no longer speaks for it
    s.on("data", (d: Buffer) => void (this.socket === s && this.onData(d)));
    s.on("timeout", () => void (this.socket === s && this.busy && this.fail(new Error(`no response in ${this.timeoutMs} ms`))));
    s.on("error", () => undefined); // "close" follows
    s.on("close", () => {
      if (this.socket !== s) return;
      this.socket = null;
      if (this.state === "until-close") this.done(this.status);
      else this.fail(new Error("connection closed"));
    });
    this.socket = s;
    return s;
  }

  private onData(d: Buffer): void {
    if (this.state === "body" && this.buf === null) {
      // fast path: count body bytes without copying them
      if (d.length < this.remaining) return void (this.remaining -= d.length);
      d = d.subarray(this.remaining);
      this.remaining = 0;
      this.done(this.status);
      if (d.length === 0) return;
    }
    this.buf = this.buf ? Buffer.concat([this.buf, d]) : d;
    this.parse();
  }

  private parse(): void {
    for (;;) {
      const buf = this.buf;
      if (buf === null || this.state === "idle" || this.state === "until-close") return;
      if (this.state === "head") {
        const end = buf.indexOf(HEAD_END);
        if (end < 0) return;
        const head = buf.toString("latin1", 0, end);
        this.status = Number(head.slice(9, 12)) || 0;
        const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        this.closeAfter = /\r\nconnection:\s*close/i.test(head);
        this.buf = buf.subarray(end + 4);
        if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) this.state = "chunks";
        else if (cl) {
          this.state = "body";
          this.remaining = Number(cl[1]);
        } else if (this.status === 204 || this.status === 304 || this.status < 200) {
          this.state = "body";
          this.remaining = 0;
        } else this.state = "until-close";
      } else if (this.state === "body") {
        if (buf.length < this.remaining) {
          this.remaining -= buf.length;
          this.buf = null; // later data takes the fast path
          return;
        }
        this.buf = buf.subarray(this.remaining);
        this.remaining = 0;
        this.done(this.status);
      } else {
        const eol = buf.indexOf(CRLF);
        if (eol < 0) return;
        const size = parseInt(buf.toString("latin1", 0, eol), 16);
        if (Number.isNaN(size)) return this.fail(new Error("bad chunk size"));
        if (size === 0) {
          // last chunk, then optional trailers and an empty line
          const end = buf.subarray(eol).indexOf(HEAD_END);
          if (end < 0) return;
          this.buf = buf.subarray(eol + end + 4);
          this.done(this.status);
        } else {
          if (buf.length < eol + 2 + size + 2) return;
          this.buf = buf.subarray(eol + 2 + size + 2);
        }
      }
    }
  }

  private done(status: number): void {
    const cb = this.cb;
    this.cb = null;
    this.state = "idle";
    if (this.buf?.length === 0) this.buf = null;
    if (this.closeAfter) {
      this.socket?.destroy();
      this.socket = null;
    }
    cb?.(status);
  }

  private fail(err: Error): void {
    const cb = this.cb;
    this.cb = null;
    this.state = "idle";
    this.buf = null;
    this.socket?.destroy();
    this.socket = null;
    cb?.(0, err);
  }
}
