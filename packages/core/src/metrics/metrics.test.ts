/**
 * The metric functions against values computed independently with pandas/numpy/scipy
 * (fixtures/make_fixtures.py -> fixtures/metrics-fixtures.json), edge cases included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  drawdown,
  type Metrics,
  type MetricsInput,
  normCdf,
  normInv,
  ranks,
  spearman,
} from './metrics';

interface Case {
  name: string;
  input: MetricsInput;
  expected: Record<string, number | null>;
}
const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/metrics-fixtures.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function close(actual: number | null, expected: number | null, key: string, name: string) {
  if (expected === null) {
    expect(actual, `${name}.${key}`).toBeNull();
    return;
  }
  expect(actual, `${name}.${key}`).not.toBeNull();
  const tol = 1e-9 * Math.max(1, Math.abs(expected));
  expect(
    Math.abs((actual as number) - expected),
    `${name}.${key}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(tol);
}

describe('metrics match the independent pandas/scipy reference', () => {
  it('has the edge cases the issue asks for', () => {
    expect(fixtures.cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['no_trades', 'all_wins', 'constant_returns', 'one_point', 'all_pending']),
    );
  });
  for (const c of fixtures.cases) {
    it(c.name, () => {
      const m = computeMetrics(c.input);
      for (const [key, want] of Object.entries(c.expected)) {
        close(m[key as keyof Metrics] as number | null, want, key, c.name);
      }
    });
  }
});

describe('metric building blocks', () => {
  it('ranks ties by their average position, as pandas', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(Number.isNaN(spearman([1, 1, 1], [1, 2, 3]))).toBe(true);
  });
  it('normal CDF and its inverse agree with scipy to 1e-12', () => {
    // scipy.stats.norm.cdf / ppf
    expect(normCdf(0)).toBe(0.5);
    expect(Math.abs(normCdf(1.96) - 0.9750021048517795)).toBeLessThan(1e-13);
    expect(Math.abs(normCdf(-3.5) - 0.00023262907903552504)).toBeLessThan(1e-15);
    expect(Math.abs(normInv(0.975) - 1.959963984540054)).toBeLessThan(1e-12);
    expect(Math.abs(normInv(0.001) + 3.090232306167813)).toBeLessThan(1e-11);
  });
  it('drawdown: depth and longest time under water, from a start at 0', () => {
    expect(drawdown([1, 0.5, 0.7, 1.2, 1.1])).toEqual({ maxDrawdown: 0.5, duration: 2 });
    expect(drawdown([-0.1, -0.2])).toEqual({ maxDrawdown: 0.2, duration: 2 });
  });
  it('a metric definition change shows: every metric carries a version', () => {
    const m = computeMetrics({ predictions: [], periodsPerYear: 8760 });
    expect(m.definitionVersion).toBe('seer-metrics-1');
    expect(Object.keys(m.definitions)).toEqual(expect.arrayContaining(['sharpe', 'dsr', 'coverage', 'ic']));
    expect(m.count).toBe(0);
    expect(m.sharpe).toBeNull();
  });
});
