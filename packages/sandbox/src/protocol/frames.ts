import { Packr, Unpackr } from 'msgpackr';
import { SandboxError } from '../types';

/**
 * Frame protocol: 4-byte big-endian length + one MessagePack map with a string `type`.
 * host -> runtime: run, data_result.  runtime -> host: data, log, result, error.
 */
export const PROTOCOL_VERSION = 1;

const packr = new Packr({ useRecords: false, variableMapSize: true });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number' });

export type Frame = { type: string } & Record<string, unknown>;

export function encodeFrame(msg: Frame): Buffer {
  const body = packr.pack(msg);
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

/** Incremental decoder for the runtime->host stream; throws SandboxError on bad input. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxFrameBytes: number) {}

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.size < 4) break;
      const head = this.peek(4);
      const len = head.readUInt32BE(0);
      if (len > this.maxFrameBytes) {
        throw new SandboxError(
          'output_too_large',
          `frame of ${len} bytes exceeds the ${this.maxFrameBytes}-byte limit`,
        );
      }
      if (this.size < 4 + len) break;
      const all = this.take(4 + len);
      frames.push(decodeBody(all.subarray(4)));
    }
    return frames;
  }

  pending(): number {
    return this.size;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
    return out;
  }
}

function decodeBody(body: Buffer): Frame {
  let msg: unknown;
  try {
    msg = unpackr.unpack(body);
  } catch (e) {
    throw new SandboxError('protocol_error', `malformed MessagePack frame: ${(e as Error).message}`);
  }
  if (
    msg === null ||
    typeof msg !== 'object' ||
    Array.isArray(msg) ||
    typeof (msg as { type?: unknown }).type !== 'string'
  ) {
    throw new SandboxError('protocol_error', 'frame is not a map with a string "type"');
  }
  return msg as Frame;
}

/** Pack a numeric column as little-endian float64 bytes (NaN for null). */
export function packFloat64(values: ArrayLike<number | null>): Buffer {
  const buf = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    buf.writeDoubleLE(v === null || v === undefined ? Number.NaN : v, i * 8);
  }
  return buf;
}

/** Pack integers (epoch seconds) as little-endian int64 bytes. */
export function packInt64(values: ArrayLike<number>): Buffer {
  const buf = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) buf.writeBigInt64LE(BigInt(values[i]!), i * 8);
  return buf;
}
