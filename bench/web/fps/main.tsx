/**
 * The playback frame-rate bench page: the real PlaybackChart with a year of synthetic hourly
 * columns (8,760 bars, a prediction on each, outcomes known), as the model page draws them.
 */
import { createRoot } from 'react-dom/client';
import type { PlaybackColumns } from '../../../apps/web/src/features/playback/data';
import { PlaybackChart } from '../../../apps/web/src/features/playback/PlaybackChart';
import '../../../apps/web/src/styles.css';

const N = Number(new URLSearchParams(location.search).get('n') ?? 8760);

function yearOfHours(n: number): PlaybackColumns {
  // A deterministic random walk (LCG) so every run draws the same year.
  let seed = 42;
  const rand = () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
  const cols: PlaybackColumns = {
    ts: [],
    open: [],
    high: [],
    low: [],
    close: [],
    prediction: [],
    outcome: [],
    equity: [],
  };
  const t0 = Date.parse('2023-01-01T00:00:00Z') / 1000;
  let price = 1.1;
  let equity = 1;
  for (let i = 0; i < n; i++) {
    const open = price;
    price *= 1 + (rand() - 0.5) * 0.004;
    const close = price;
    cols.ts.push(t0 + i * 3600);
    cols.open.push(open);
    cols.close.push(close);
    cols.high.push(Math.max(open, close) * (1 + rand() * 0.001));
    cols.low.push(Math.min(open, close) * (1 - rand() * 0.001));
    const predicted = rand() < 0.5 ? -1 : 1;
    const outcome = Math.sign(close - open);
    cols.prediction.push(predicted);
    cols.outcome.push(outcome);
    equity += predicted * (close / open - 1);
    cols.equity.push(equity);
  }
  return cols;
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <PlaybackChart columns={yearOfHours(N)} symbol="EURUSD" title="EURUSD · bench · live record" />,
  );
