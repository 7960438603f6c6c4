import type { Prediction, Target } from './types';

/** Host-side (authoritative) output validation; the runtime does the same for nicer messages. */
export function validatePredictions(
  raw: unknown,
  symbols: string[],
  target: Target,
): { ok: true; predictions: Prediction[] } | { ok: false; message: string } {
  if (!Array.isArray(raw)) return { ok: false, message: 'predictions must be a list' };
  const seen = new Set<string>();
  const out: Prediction[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { ok: false, message: 'each prediction must be a map' };
    }
    const p = item as Record<string, unknown>;
    const extra = Object.keys(p).filter((k) => !['symbol', 'value', 'confidence'].includes(k));
    if (extra.length) return { ok: false, message: `unexpected fields: ${extra.join(', ')}` };
    if (typeof p.symbol !== 'string' || !symbols.includes(p.symbol)) {
      return { ok: false, message: `prediction for undeclared symbol ${JSON.stringify(p.symbol)}` };
    }
    if (seen.has(p.symbol)) return { ok: false, message: `duplicate prediction for ${p.symbol}` };
    seen.add(p.symbol);
    const v = p.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return { ok: false, message: `${p.symbol}.value must be a finite number` };
    }
    if (target === 'return' && Math.abs(v) > 10)
      return { ok: false, message: `${p.symbol}.value out of range` };
    if (target === 'direction' && (v < -1 || v > 1)) {
      return { ok: false, message: `${p.symbol}.value must be within [-1, 1]` };
    }
    if (target === 'price' && v <= 0) return { ok: false, message: `${p.symbol}.value must be positive` };
    let confidence: number | null = null;
    if (p.confidence !== undefined && p.confidence !== null) {
      if (typeof p.confidence !== 'number' || !(p.confidence >= 0 && p.confidence <= 1)) {
        return { ok: false, message: `${p.symbol}.confidence must be within [0, 1]` };
      }
      confidence = p.confidence;
    }
    out.push({ symbol: p.symbol, value: v, confidence });
  }
  const missing = symbols.filter((s) => !seen.has(s));
  if (missing.length) return { ok: false, message: `missing predictions for ${missing.join(', ')}` };
  return { ok: true, predictions: out };
}
