/**
 * Playback columns for a version, derived from what the API serves today: its ledger (live
 * predictions with outcomes; readable by the model's owner and admins) and the instrument's
 * public bars. Replace the query function with the playback API when it lands; the columns
 * stay the same.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Bar, Prediction, VersionSummary } from '../../api/types';
import { buildPlayback, durationMs, type PlaybackColumns } from './data';

/** At most about a year of hourly rows. */
const MAX_ROWS = 9000;
const PAGE = 1000;

export async function loadLedgerPlayback(
  slug: string,
  version: VersionSummary,
  symbol: string,
): Promise<PlaybackColumns | null> {
  const predictions: Prediction[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(
      api.GET('/v1/models/{slug}/versions/{version}/predictions', {
        params: {
          path: { slug, version: version.version },
          query: { mode: 'live', limit: PAGE, ...(cursor ? { cursor } : {}) },
        },
      }),
    );
    // JSON was asked for (the route also speaks CSV).
    if (typeof page === 'string') throw new Error('expected JSON predictions');
    for (const p of page.items) if (p.symbol === symbol) predictions.push(p);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && predictions.length < MAX_ROWS);
  if (predictions.length === 0) return null;
  const kept = predictions.slice(-MAX_ROWS);
  const step = durationMs(version.interval);
  const from = new Date(Date.parse((kept[0] as Prediction).as_of) - step).toISOString();
  const to = new Date(
    Date.parse((kept[kept.length - 1] as Prediction).as_of) + durationMs(version.horizon),
  ).toISOString();
  const bars: Bar[] = [];
  let barCursor: string | undefined;
  do {
    const page = await call(
      api.GET('/v1/instruments/{symbol}/bars', {
        params: {
          path: { symbol },
          query: {
            interval: version.interval,
            from,
            to,
            limit: 1000,
            ...(barCursor ? { cursor: barCursor } : {}),
          },
        },
      }),
    );
    bars.push(...page.bars);
    barCursor = page.nextCursor ?? undefined;
  } while (barCursor && bars.length < MAX_ROWS * 2);
  return buildPlayback(bars, kept, version.interval);
}

export function useLedgerPlayback(
  slug: string,
  version: VersionSummary | undefined,
  symbol: string | undefined,
  enabled: boolean,
) {
  return useQuery({
    queryKey: ['playback', slug, version?.version, symbol],
    queryFn: () => loadLedgerPlayback(slug, version as VersionSummary, symbol as string),
    enabled: enabled && !!version && !!symbol,
    staleTime: 60_000,
  });
}
