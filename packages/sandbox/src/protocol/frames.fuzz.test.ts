/**
 * Fuzzing the frame decoder between worker and harness (issue 15, item 2): hostile bytes from a
 * sandboxed model must only ever produce frames or a SandboxError (protocol_error,
 * output_too_large), in any chunking; valid frames survive any chunking unchanged.
 * fast-check prints the seed of any failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SandboxError } from '../types';
import { encodeFrame, type Frame, FrameDecoder } from './frames';

const MAX = 64 * 1024;

/** Splits buf at the given cut points. */
function chunk(buf: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of at) {
    out.push(buf.subarray(prev, c));
    prev = c;
  }
  out.push(buf.subarray(prev));
  return out;
}

function feed(chunks: Buffer[]): { frames: Frame[]; error?: unknown } {
  const d = new FrameDecoder(MAX);
  const frames: Frame[] = [];
  try {
    for (const c of chunks) frames.push(...d.push(c));
  } catch (error) {
    return { frames, error };
  }
  return { frames };
}

// msgpackr renames a `__proto__` key to `__proto_` on decode (its prototype-pollution guard; the
// first fuzz run found it, seed 1971929923): keys are compared without it, and the guard has its own test below.
const key = fc.string({ maxLength: 10 }).filter((k) => k !== '__proto__');
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double({ noNaN: true }).map((v) => v + 0), // msgpackr packs -0 as the integer 0 (seed -1974698299)
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 5 }),
    fc.dictionary(key, tie('v'), { maxKeys: 5 }),
  ),
})).v;
const frameArb = fc
  .record({
    type: fc.string({ maxLength: 20 }),
    body: fc.dictionary(key, value, { maxKeys: 6 }),
  })
  .map(({ type, body }) => ({ ...body, type }) as Frame);

describe('frame decoder under fuzzing', () => {
  it('random bytes in random chunks: frames or a SandboxError, nothing else', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (bytes, cuts) => {
          const { error } = feed(chunk(Buffer.from(bytes), cuts));
          if (error !== undefined) {
            expect(error).toBeInstanceOf(SandboxError);
            expect(['protocol_error', 'output_too_large']).toContain((error as SandboxError).code);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('valid frames with a length prefix and random bodies: frames or a SandboxError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.array(fc.nat(), { maxLength: 6 }), (body, cuts) => {
        const b = Buffer.from(body);
        const framed = Buffer.concat([Buffer.alloc(4), b]);
        framed.writeUInt32BE(b.length, 0);
        const { frames, error } = feed(chunk(framed, cuts));
        if (error !== undefined) {
          expect(error).toBeInstanceOf(SandboxError);
          expect((error as SandboxError).code).toBe('protocol_error');
        } else for (const f of frames) expect(typeof f.type).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });

  it('any sequence of frames, chunked anyhow, decodes to itself; mutated streams never throw anything else', () => {
    fc.assert(
      fc.property(
        fc.array(frameArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
        (frames, cuts, flips) => {
          const stream = Buffer.concat(frames.map(encodeFrame));
          const clean = feed(chunk(stream, cuts));
          expect(clean.error).toBeUndefined();
          expect(clean.frames).toEqual(frames);
          const bad = Buffer.from(stream);
          for (const f of flips) bad[f.at % bad.length] = f.byte;
          const { error } = feed(chunk(bad, cuts));
          if (error !== undefined) expect(error).toBeInstanceOf(SandboxError);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a hostile __proto__ key cannot pollute prototypes (seed 1971929923)', () => {
    const body = Buffer.from(
      // {"type": "log", "__proto__": {"polluted": true}} packed by hand: fixmap of 2.
      [
        0x82,
        0xa4,
        ...Buffer.from('type'),
        0xa3,
        ...Buffer.from('log'),
        0xa9,
        ...Buffer.from('__proto__'),
        0x81,
        0xa8,
        ...Buffer.from('polluted'),
        0xc3,
      ],
    );
    const framed = Buffer.concat([Buffer.alloc(4), body]);
    framed.writeUInt32BE(body.length, 0);
    const [frame] = new FrameDecoder(MAX).push(framed);
    expect(frame?.type).toBe('log');
    expect(Object.getPrototypeOf(frame)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((frame as Record<string, unknown>).polluted).toBeUndefined();
  });
});
