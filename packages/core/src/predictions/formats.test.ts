import { describe, expect, it } from 'vitest';
import { modelPredictionsCsv, modelPredictionsNdjson, predictionsToCsv } from './formats';
import type { PredictionWithOutcome } from './predictions.repo';
import type { PredictionReadRow } from './read.repo';
import { toModelPrediction, toPredictionView } from './views';

const V = '00000000-0000-4000-8000-000000000001';
const R = '00000000-0000-4000-8000-000000000002';
const h = (c: string) => c.repeat(64);
const outcome = {
  base_close: 100,
  realized_close: 101.5,
  realized_return: 0.015,
  realized_direction: 1,
  realized_value: 0.015,
};

function ledgerRow(seq: number, resolved: boolean): PredictionWithOutcome {
  return {
    id: seq,
    version_id: V,
    mode: 'live',
    // As node-postgres returns a bigint.
    seq: String(seq) as unknown as number,
    run_id: R,
    symbol: 'BTC-USD',
    as_of: new Date('2026-01-01T01:00:00.000Z'),
    horizon: '1h',
    target: 'return',
    value: 1e-7,
    confidence: resolved ? 0.5 : null,
    created_at: new Date('2026-01-01T01:00:02.000Z'),
    prev_hash: h('a'),
    hash: h('b'),
    due_at: new Date('2026-01-01T02:00:00.000Z'),
    ledger_format: 'seer-ledger-v2',
    input_digest: null,
    package_digest: h('c'),
    salt: h('d'),
    commitment: h('e'),
    outcome: resolved ? { ...outcome, computed_at: new Date() } : null,
  };
}

function readRow(seq: number, resolved: boolean): PredictionReadRow {
  return {
    id: seq,
    version_id: V,
    mode: 'live',
    seq,
    run_id: R,
    symbol: 'BTC-USD',
    as_of: '2026-01-01T01:00:00.000Z',
    as_of_ms: Date.parse('2026-01-01T01:00:00.000Z'),
    horizon: '1h',
    target: 'return',
    value: -0.25,
    confidence: null,
    created_at: '2026-01-01T01:00:02.000Z',
    prev_hash: h('a'),
    hash: h('b'),
    base_close: resolved ? outcome.base_close : null,
    realized_close: resolved ? outcome.realized_close : null,
    realized_return: resolved ? outcome.realized_return : null,
    realized_direction: resolved ? outcome.realized_direction : null,
    realized_value: resolved ? outcome.realized_value : null,
  };
}

describe("a version's ledger as published", () => {
  it('maps rows to views: ISO instants, a numeric seq, the ledger fields, the outcome or null', () => {
    const [done, pending] = [ledgerRow(1, true), ledgerRow(2, false)].map(toPredictionView);
    expect(JSON.stringify(done)).toBe(
      `{"version_id":"${V}","mode":"live","seq":1,"symbol":"BTC-USD","as_of":"2026-01-01T01:00:00.000Z","horizon":"1h","target":"return","value":1e-7,"confidence":0.5,"created_at":"2026-01-01T01:00:02.000Z","prev_hash":"${h('a')}","hash":"${h('b')}","run_id":"${R}","ledger_format":"seer-ledger-v2","input_digest":null,"package_digest":"${h('c')}","salt":"${h('d')}","commitment":"${h('e')}","outcome":{"base_close":100,"realized_close":101.5,"realized_return":0.015,"realized_direction":1,"realized_value":0.015}}`,
    );
    expect(pending?.outcome).toBeNull();
  });

  it('renders CSV with the outcome flattened (no realized_direction) and the ledger fields last', () => {
    const csv = predictionsToCsv([ledgerRow(1, true), ledgerRow(2, false)].map(toPredictionView));
    expect(csv).toBe(
      [
        'version_id,mode,seq,symbol,as_of,horizon,target,value,confidence,created_at,prev_hash,hash,run_id,realized_value,realized_return,base_close,realized_close,ledger_format,input_digest,package_digest,salt,commitment',
        `${V},live,1,BTC-USD,2026-01-01T01:00:00.000Z,1h,return,1e-7,0.5,2026-01-01T01:00:02.000Z,${h('a')},${h('b')},${R},0.015,0.015,100,101.5,seer-ledger-v2,,${h('c')},${h('d')},${h('e')}`,
        `${V},live,2,BTC-USD,2026-01-01T01:00:00.000Z,1h,return,1e-7,,2026-01-01T01:00:02.000Z,${h('a')},${h('b')},${R},,,,,seer-ledger-v2,,${h('c')},${h('d')},${h('e')}`,
        '',
      ].join('\n'),
    );
    expect(predictionsToCsv([])).toBe(`${csv.split('\n')[0]}\n`);
  });
});

describe("a model's predictions as published", () => {
  const names = new Map([[V, '1.2.0']]);

  it('renders CSV with the version first and realized_direction among the outcome columns', () => {
    const csv = modelPredictionsCsv(
      [readRow(7, true), readRow(8, false)].map((r) => toModelPrediction(r, names)),
    );
    expect(csv).toBe(
      [
        'version,version_id,mode,seq,symbol,as_of,horizon,target,value,confidence,created_at,prev_hash,hash,run_id,realized_value,realized_return,realized_direction,base_close,realized_close',
        `1.2.0,${V},live,7,BTC-USD,2026-01-01T01:00:00.000Z,1h,return,-0.25,,2026-01-01T01:00:02.000Z,${h('a')},${h('b')},${R},0.015,0.015,1,100,101.5`,
        `1.2.0,${V},live,8,BTC-USD,2026-01-01T01:00:00.000Z,1h,return,-0.25,,2026-01-01T01:00:02.000Z,${h('a')},${h('b')},${R},,,,,`,
        '',
      ].join('\n'),
    );
  });

  it('renders NDJSON with the fields in published order; an unknown version id has an empty name', () => {
    const nd = modelPredictionsNdjson([toModelPrediction(readRow(7, true), new Map())]);
    expect(nd).toBe(
      `{"version":"","version_id":"${V}","mode":"live","seq":7,"symbol":"BTC-USD","as_of":"2026-01-01T01:00:00.000Z","horizon":"1h","target":"return","value":-0.25,"confidence":null,"created_at":"2026-01-01T01:00:02.000Z","prev_hash":"${h('a')}","hash":"${h('b')}","run_id":"${R}","outcome":{"base_close":100,"realized_close":101.5,"realized_return":0.015,"realized_direction":1,"realized_value":0.015}}\n`,
    );
  });
});
