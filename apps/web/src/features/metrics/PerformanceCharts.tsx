/**
 * Equity and drawdown charts of one version's record, live or backtest (never mixed), from the
 * playback API's running equity.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState } from 'react';
import { api, call } from '../../api/client';
import type { RecordMode, VersionSummary } from '../../api/types';
import { formatPercent } from '../../components/format';
import { Empty, Loading, QueryState } from '../../components/states';
import { useVersionChoice, VersionSelect } from '../../components/VersionSelect';
import { drawdown } from '../playback/data';
import { useLiveRefresh } from './MetricCards';

const EquityChart = lazy(() => import('./EquityChart').then((m) => ({ default: m.EquityChart })));

export function usePlaybackApi(
  slug: string,
  version: string | undefined,
  mode: RecordMode,
  symbol?: string,
  live = false,
) {
  const refetchInterval = useLiveRefresh();
  return useQuery({
    refetchInterval: live ? refetchInterval : false,
    queryKey: ['playback-api', slug, version, mode, symbol ?? null],
    queryFn: () =>
      call(
        api.GET('/v1/models/{slug}/playback', {
          params: {
            path: { slug },
            query: { mode, ...(version ? { version } : {}), ...(symbol ? { symbol } : {}) },
          },
        }),
      ),
    enabled: !!version,
    staleTime: 60_000,
  });
}

export function PerformanceCharts({ slug, versions }: { slug: string; versions: VersionSummary[] }) {
  const id = useId();
  const { version, selected, setSelected } = useVersionChoice(versions);
  const [mode, setMode] = useState<RecordMode>('live');
  // The same query as the playback below (same key): one request for both views.
  const data = usePlaybackApi(slug, version?.version, mode, version?.symbols[0], true);
  const label = `Version ${version?.version} · ${mode === 'live' ? 'live record' : 'backtest record'}`;
  const resolved = data.data ? data.data.pnl.filter((x) => x !== null).length : 0;
  return (
    <div className="performance-charts">
      <div className="inline-form">
        <VersionSelect versions={versions} selected={selected} onChange={setSelected} />
        <fieldset className="segmented">
          <legend className="visually-hidden">Record</legend>
          {(['live', 'backtest'] as const).map((m) => (
            <label key={m} className="check">
              <input
                type="radio"
                name={`${id}-mode`}
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
              />{' '}
              {m === 'live' ? 'Live' : 'Backtest'}
            </label>
          ))}
        </fieldset>
      </div>
      <QueryState query={data} loadingLabel="Loading the equity curve">
        {(d) =>
          resolved === 0 ? (
            <Empty
              title={`No resolved predictions in the ${mode} record of version ${version?.version} yet.`}
            >
              {d.access === 'public' ? (
                <p className="small">
                  Visitors see predictions once their outcome is known and after the model's public delay;
                  subscribers see everything.
                </p>
              ) : null}
            </Empty>
          ) : (
            <>
              <p className="small">
                {d.symbol} · {d.interval} · total {formatPercent(d.equity[d.equity.length - 1] ?? 0, 2)} · max
                drawdown {formatPercent(-Math.min(0, ...drawdown(d.equity)), 2)}
                {d.access === 'public' ? ' · public record (delayed)' : ''}
              </p>
              <Suspense fallback={<Loading label="Loading the chart" />}>
                <EquityChart t={d.t} equity={d.equity} label={label} />
              </Suspense>
            </>
          )
        }
      </QueryState>
    </div>
  );
}
