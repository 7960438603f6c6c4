import type { Readable, Writable } from 'node:stream';
import type { DataBroker } from '../broker/data-broker';
import type { RunLimits } from '../limits';
import { encodeFrame, type Frame, FrameDecoder } from '../protocol/frames';
import type { Prediction, SandboxErrorCode, SandboxResult, Target } from '../types';
import { SandboxError } from '../types';
import { validatePredictions } from '../validate';

/** One running jail, seen from the host. */
export interface RunChannel {
  input: Writable;
  output: Readable;
  stderr: Readable;
  /** Resolves with the exit status of the run (128+N when killed by signal N). */
  exited: Promise<number>;
  /** Kill every process of the run. */
  kill(): void;
  cpuMs(): number | null;
  peakMemoryKb(): number | null;
  oomKilled(): boolean;
}

/** Codes the runtime itself may report in an `error` frame. */
const RUNTIME_CODES = new Set<SandboxErrorCode>([
  'model_error',
  'bad_output',
  'memory_exceeded',
  'protocol_error',
  'output_too_large',
]);

const SIG = { KILL: 9, XCPU: 24, XFSZ: 25, SYS: 31 };

export interface SessionOptions {
  runFrame: Frame;
  broker: DataBroker;
  limits: RunLimits;
  symbols: string[];
  target: Target;
  startedAt: number;
}

type Outcome =
  | { ok: true; predictions: Prediction[] }
  | { ok: false; code: SandboxErrorCode; message: string };

export async function runSession(ch: RunChannel, o: SessionOptions): Promise<SandboxResult> {
  const decoder = new FrameDecoder(o.limits.maxFrameBytes);
  const logs: string[] = [];
  let logBytes = 0;
  const stderrChunks: Buffer[] = [];
  let stderrBytes = 0;
  let outcome: Outcome | null = null;
  let inflight = false;
  let lastId = 0;
  let dataServed = false;

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => {
    resolveDone = r;
  });
  const settle = (out: Outcome, kill: boolean) => {
    if (outcome) return;
    outcome = out;
    if (kill) ch.kill();
    resolveDone();
  };
  const fail = (code: SandboxErrorCode, message: string) => settle({ ok: false, code, message }, true);

  const timer = setTimeout(
    () => fail('timeout', `wall-clock limit of ${o.limits.wallMs} ms reached`),
    o.limits.wallMs,
  );

  const send = (f: Frame) => {
    if (!ch.input.destroyed) ch.input.write(encodeFrame(f));
  };
  ch.input.on('error', () => {});

  const handle = async (f: Frame) => {
    if (outcome) return;
    switch (f.type) {
      case 'log': {
        const line = String(f.line ?? '');
        logBytes += Buffer.byteLength(line) + 1;
        if (logBytes > o.limits.maxLogBytes) {
          fail('output_too_large', `log output exceeds ${o.limits.maxLogBytes} bytes`);
          return;
        }
        logs.push(line);
        return;
      }
      case 'data': {
        if (inflight) {
          fail('protocol_error', 'out-of-order frame: data request while another is in flight');
          return;
        }
        if (f.id !== lastId + 1) {
          fail('protocol_error', `out-of-order frame: data id ${String(f.id)}, expected ${lastId + 1}`);
          return;
        }
        lastId++;
        inflight = true;
        try {
          const { columns } = await o.broker.handle({ symbol: f.symbol, lookback: f.lookback, end: f.end });
          dataServed = true;
          if (outcome) return;
          inflight = false;
          send({
            type: 'data_result',
            id: f.id as number,
            columns: columns as unknown as Record<string, unknown>,
          });
        } catch (e) {
          if (e instanceof SandboxError) fail(e.code, e.message);
          else fail('data_limit_exceeded', `data source failed: ${(e as Error).message}`);
        }
        return;
      }
      case 'result': {
        if (inflight) {
          fail('protocol_error', 'out-of-order frame: result while a data request is in flight');
          return;
        }
        const v = validatePredictions(f.predictions, o.symbols, o.target);
        if (v.ok) settle({ ok: true, predictions: v.predictions }, false);
        else settle({ ok: false, code: 'bad_output', message: v.message }, false);
        return;
      }
      case 'error': {
        const code = f.code as SandboxErrorCode;
        if (!RUNTIME_CODES.has(code)) {
          fail('protocol_error', `runtime reported an unknown error code ${JSON.stringify(f.code)}`);
          return;
        }
        settle({ ok: false, code, message: String(f.message ?? '').slice(0, 16_000) }, false);
        return;
      }
      default:
        fail('protocol_error', `unexpected frame type ${JSON.stringify(f.type).slice(0, 64)}`);
    }
  };

  // Frames are handled strictly in order.
  let chain = Promise.resolve();
  ch.output.on('data', (chunk: Buffer) => {
    if (outcome) return;
    let frames: Frame[];
    try {
      frames = decoder.push(chunk);
    } catch (e) {
      const err = e as SandboxError;
      fail(err.code ?? 'protocol_error', err.message);
      return;
    }
    for (const f of frames) chain = chain.then(() => handle(f));
  });
  ch.output.on('error', () => {});
  const outputClosed = new Promise<void>((r) => {
    ch.output.once('end', r);
    ch.output.once('close', r);
  });
  ch.stderr.on('data', (chunk: Buffer) => {
    stderrBytes += chunk.length;
    if (stderrBytes > o.limits.maxStderrBytes) {
      fail('output_too_large', `stderr exceeds ${o.limits.maxStderrBytes} bytes`);
      return;
    }
    stderrChunks.push(chunk);
  });
  ch.stderr.on('error', () => {});

  send(o.runFrame);

  let status: number | null = null;
  const exited = ch.exited.then((s) => {
    status = s;
  });
  await Promise.race([done, exited]);
  if (!outcome) {
    // Process ended first: let buffered frames drain (a FIFO never ends: bounded wait), then classify.
    await Promise.race([outputClosed, new Promise((r) => setTimeout(r, 200))]);
    await chain;
  }
  if (outcome) {
    const grace = setTimeout(() => ch.kill(), 1000);
    await exited;
    clearTimeout(grace);
  }
  clearTimeout(timer);
  await chain.catch(() => {});
  if (!outcome) settle(classifyExit(status ?? -1, ch, o.limits), false);
  ch.kill();

  const usage = {
    wallMs: Date.now() - o.startedAt,
    cpuMs: ch.cpuMs(),
    peakMemoryKb: ch.peakMemoryKb(),
  };
  const stderr = Buffer.concat(stderrChunks).toString('utf8');
  const out = outcome as unknown as Outcome;
  const digest = o.broker.inputDigest();
  if (out.ok) return { ok: true, predictions: out.predictions, inputDigest: digest, usage, logs, stderr };
  return {
    ok: false,
    code: out.code,
    message: out.message,
    stderr,
    logs,
    usage,
    inputDigest: dataServed || o.broker.requestCount() > 0 ? digest : null,
  };
}

function classifyExit(status: number, ch: RunChannel, limits: RunLimits): Outcome {
  const cpu = ch.cpuMs();
  if (ch.oomKilled())
    return { ok: false, code: 'memory_exceeded', message: `memory limit of ${limits.memoryMb} MB reached` };
  if (status === 128 + SIG.SYS)
    return {
      ok: false,
      code: 'forbidden_syscall',
      message: 'killed by the seccomp filter (forbidden system call)',
    };
  if (
    status === 128 + SIG.XCPU ||
    (status === 128 + SIG.KILL && cpu !== null && cpu >= limits.cpuSeconds * 1000)
  ) {
    return { ok: false, code: 'cpu_exceeded', message: `CPU limit of ${limits.cpuSeconds} s reached` };
  }
  if (status === 128 + SIG.XFSZ)
    return { ok: false, code: 'output_too_large', message: 'file size limit reached' };
  if (status > 128)
    return { ok: false, code: 'model_error', message: `runtime killed by signal ${status - 128}` };
  return {
    ok: false,
    code: 'protocol_error',
    message: `runtime exited with status ${status} without a result`,
  };
}
