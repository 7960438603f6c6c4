import { describe, expect, it } from 'vitest';
import { BUDGET, measureBundle } from '../../../bench/web/bundle';

// A first visit downloads the entry script and stylesheet: keep them within budget
// (bench/web/RESULTS.md has the committed figures).
describe('web UI bundle budget', () => {
  it('entry script and stylesheet stay within their gzipped budgets; the chart library is split out', async () => {
    const report = await measureBundle();
    expect(report.entryJs.gzip).toBeLessThanOrEqual(BUDGET.entryJs);
    expect(report.entryCss.gzip).toBeLessThanOrEqual(BUDGET.entryCss);
    expect(report.lazy.some((l) => l.file.includes('PlaybackChart'))).toBe(true);
  }, 180_000);
});
