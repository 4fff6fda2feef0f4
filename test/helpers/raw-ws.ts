/** @module Test helper: a raw WebSocket client over a TCP socket, for frames a well-behaved client never sends. */
import { randomBytes } from "node:crypto";
import { connect as tcpConnect, type Socket } from "node:net";

/** A frame received from the server (server frames are never masked). */
export interface RawFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** Options of `RawWs.frame`. */
export interface FrameOptions {
  /** Final fragment (default true). */
  fin?: boolean;
  /** RSV1..3 bits as a number 0..7 (default 0). */
  rsv?: number;
  /** Mask the payload, as a client must (default true). */
  mask?: boolean;
}

/**
 * A WebSocket client that writes frames byte by byte: invalid UTF-8, reserved bits and opcodes,
 * unmasked frames, bad fragmentation, or nothing at all (it answers pings only when `autoPong` is set).
 * @example
 * const c = await RawWs.open(port, "/ws");
 * c.frame(0x1, Buffer.from([0xff])); // a text frame that is not UTF-8
 * await c.closed; // → { code: 1007 }
 */
export class RawWs {
  readonly socket: Socket;
  /** Frames received, in order. */
  readonly frames: RawFrame[] = [];
  /** Resolves when the TCP connection ends, with the close code the server sent (null if none). */
  readonly closed: Promise<{ code: number | null }>;
  private buf: Buffer = Buffer.alloc(0);
  private closeCode: number | null = null;
  private ended = false;
  /** Echo the server's close frame, as a client completing the closing handshake does (default true). */
  autoClose = true;
  /** Answer pings with pongs (default false: a raw client stays silent unless told). */
  autoPong = false;
  private readonly listeners: (() => void)[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.ended = true;
        for (const l of this.listeners.splice(0)) l();
        resolve({ code: this.closeCode });
      }),
    );
    socket.on("error", () => undefined);
    socket.on("data", (d: Buffer) => this.onData(d));
  }

  /**
   * Connects to 127.0.0.1:`port` (from `localAddress` when given, e.g. 127.0.0.2 to be another client)
   * and completes the opening handshake on `path`. A `host` entry in `headers` replaces the default Host.
   */
  static open(port: number, path = "/ws", headers: Record<string, string> = {}, localAddress?: string): Promise<RawWs> {
    return new Promise((resolve, reject) => {
      const socket = tcpConnect({ port, host: "127.0.0.1", ...(localAddress === undefined ? {} : { localAddress }) });
      const key = randomBytes(16).toString("base64");
      let head = Buffer.alloc(0);
      const host = Object.entries(headers).find(([k]) => k.toLowerCase() === "host")?.[1] ?? `127.0.0.1:${port}`;
      const extra = Object.entries(headers)
        .filter(([k]) => k.toLowerCase() !== "host")
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.write(
          `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
        );
      });
      const onHead = (d: Buffer): void => {
        head = Buffer.concat([head, d]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        socket.off("data", onHead);
        socket.off("error", reject);
        const status = head.subarray(0, head.indexOf("\r\n")).toString();
        if (!status.includes(" 101 ")) {
          socket.destroy();
          // the refusal's head (status line and headers) is kept on the error for assertions
          reject(Object.assign(new Error(`handshake refused: ${status}`), { head: head.subarray(0, end).toString() }));
          return;
        }
        const ws = new RawWs(socket);
        const rest = head.subarray(end + 4);
        if (rest.length > 0) ws.onData(rest);
        resolve(ws);
      };
      socket.on("data", onHead);
    });
  }

  /** Writes one frame. */
  frame(opcode: number, payload: Buffer, o: FrameOptions = {}): void {
    const mask = o.mask ?? true;
    const len = payload.length;
    const lenBytes = len < 126 ? 0 : len < 65536 ? 2 : 8;
    const header = Buffer.alloc(2 + lenBytes + (mask ? 4 : 0));
    header[0] = ((o.fin ?? true) ? 0x80 : 0) | (((o.rsv ?? 0) & 7) << 4) | (opcode & 0xf);
    header[1] = (mask ? 0x80 : 0) | (len < 126 ? len : len < 65536 ? 126 : 127);
    if (lenBytes === 2) header.writeUInt16BE(len, 2);
    if (lenBytes === 8) header.writeBigUInt64BE(BigInt(len), 2);
    let body = payload;
    if (mask) {
      const key = randomBytes(4);
      key.copy(header, 2 + lenBytes);
      body = Buffer.alloc(len);
      for (let i = 0; i < len; i++) body[i] = (payload[i] as number) ^ (key[i & 3] as number);
    }
    if (!this.socket.destroyed) this.socket.write(Buffer.concat([header, body]));
  }

  /** Sends a text frame (any bytes, valid UTF-8 or not). */
  text(payload: string | Buffer): void {
    this.frame(0x1, typeof payload === "string" ? Buffer.from(payload, "utf8") : payload);
  }

  /**
   * The next text frame or close frame (waits up to `ms`). `close` with code null means the TCP
   * connection ended without a close frame.
   */
  async nextEvent(ms = 10_000): Promise<{ kind: "text"; text: string } | { kind: "close"; code: number | null }> {
    const end = performance.now() + ms;
    for (;;) {
      const i = this.frames.findIndex((f) => f.opcode === 0x1 || f.opcode === 0x8);
      if (i >= 0) {
        const f = this.frames.splice(i, 1)[0] as RawFrame;
        if (f.opcode === 0x1) return { kind: "text", text: f.payload.toString("utf8") };
        return { kind: "close", code: f.payload.length >= 2 ? f.payload.readUInt16BE(0) : null };
      }
      if (this.ended) return { kind: "close", code: null };
      const left = end - performance.now();
      if (left <= 0) throw new Error("no frame in time");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.listeners.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  /** The next text frame; null when the connection closed first. */
  async nextText(ms = 10_000): Promise<string | null> {
    const e = await this.nextEvent(ms);
    return e.kind === "text" ? e.text : null;
  }

  /** Drops the TCP connection without a close frame. */
  destroy(): void {
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length < 2) break;
      const b0 = this.buf[0] as number;
      const b1 = this.buf[1] as number;
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) break;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) break;
        len = Number(this.buf.readBigUInt64BE(2));
        off = 10;
      }
      if (this.buf.length < off + len) break;
      const frame = { fin: (b0 & 0x80) !== 0, opcode: b0 & 0xf, payload: this.buf.subarray(off, off + len) };
      this.buf = this.buf.subarray(off + len);
      if (frame.opcode === 0x8) {
        if (frame.payload.length >= 2) this.closeCode = frame.payload.readUInt16BE(0);
        if (this.autoClose) this.frame(0x8, frame.payload.subarray(0, 2));
      }
      if (frame.opcode === 0x9 && this.autoPong) this.frame(0xa, frame.payload);
      this.frames.push(frame);
    }
    for (const l of this.listeners.splice(0)) l();
  }
}
