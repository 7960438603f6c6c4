import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, packFloat64, packInt64 } from './frames';

describe('frames', () => {
  it('round-trips maps split across arbitrary chunks', () => {
    const a = encodeFrame({ type: 'log', line: 'hello' });
    const b = encodeFrame({ type: 'data', id: 1, symbol: 'BTC-USD', lookback: 10 });
    const all = Buffer.concat([a, b]);
    const d = new FrameDecoder(1024);
    const out = [];
    for (let i = 0; i < all.length; i += 3) out.push(...d.push(all.subarray(i, i + 3)));
    expect(out).toEqual([
      { type: 'log', line: 'hello' },
      { type: 'data', id: 1, symbol: 'BTC-USD', lookback: 10 },
    ]);
    expect(a.readUInt32BE(0)).toBe(a.length - 4);
  });
  it('rejects a frame longer than the limit before buffering it', () => {
    const d = new FrameDecoder(100);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(101);
    expect(() => d.push(head)).toThrow(expect.objectContaining({ code: 'output_too_large' }));
  });
  it('rejects malformed MessagePack and non-map frames', () => {
    const bad = Buffer.from([0, 0, 0, 2, 0xc1, 0xc1]);
    expect(() => new FrameDecoder(100).push(bad)).toThrow(
      expect.objectContaining({ code: 'protocol_error' }),
    );
    const arr = encodeFrame({ type: 'x' }).subarray(0, 4);
    arr.writeUInt32BE(1);
    expect(() => new FrameDecoder(100).push(Buffer.concat([arr, Buffer.from([0x90])]))).toThrow(
      expect.objectContaining({ code: 'protocol_error' }),
    );
  });
  it('packs columns little-endian', () => {
    expect(packFloat64([1.5, null]).readDoubleLE(0)).toBe(1.5);
    expect(Number.isNaN(packFloat64([1.5, null]).readDoubleLE(8))).toBe(true);
    expect(packInt64([1_700_000_000]).readBigInt64LE(0)).toBe(1_700_000_000n);
  });
});
