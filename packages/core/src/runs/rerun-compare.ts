/**
 * Pure comparison of a rerun's predictions with the stored ones (no I/O). Values are compared
 * exactly: both sides are IEEE-754 doubles (float8 in PostgreSQL, a double in the sandbox's
 * msgpack output), so a deterministic model reproduces them bit for bit.
 */
import type { RerunDifference } from './runs.tables';

export interface ComparablePrediction {
  symbol: string;
  value: number;
  confidence: number | null;
}

/** Differences listed at most (a whole universe of symbols differing is still one page). */
export const MAX_RERUN_DIFFERENCES = 1000;

export interface RerunComparison {
  compared: number;
  differences: RerunDifference[];
}

const same = (a: number | null, b: number | null) =>
  a === null ? b === null : b !== null && Object.is(a, b);

export function comparePredictions(
  stored: readonly ComparablePrediction[],
  rerun: readonly ComparablePrediction[],
): RerunComparison {
  const bySymbol = new Map(rerun.map((p) => [p.symbol, p]));
  const symbols = [...new Set([...stored.map((p) => p.symbol), ...rerun.map((p) => p.symbol)])].sort();
  const storedBy = new Map(stored.map((p) => [p.symbol, p]));
  const differences: RerunDifference[] = [];
  for (const symbol of symbols) {
    const s = storedBy.get(symbol);
    const r = bySymbol.get(symbol);
    if (s && r && same(s.value, r.value) && same(s.confidence, r.confidence)) continue;
    differences.push({
      symbol,
      stored: s ? { value: s.value, confidence: s.confidence } : null,
      rerun: r ? { value: r.value, confidence: r.confidence } : null,
    });
  }
  return { compared: symbols.length, differences: differences.slice(0, MAX_RERUN_DIFFERENCES) };
}
