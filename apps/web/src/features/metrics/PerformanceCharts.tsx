/**
 * Equity and drawdown charts of one version's record, live or backtest (never mixed), from the
 * playback API's running equity.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState } from 'react';
import { api, call } from '../../api/client';
import type { RecordMode, VersionSummary } from '../../api/types';
import { formatPercent } from '../../components/format';
import { Empty, ErrorState, Loading } from '../../components/states';
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
  const [selected, setSelected] = useState(versions[0]?.version);
  const [mode, setMode] = useState<RecordMode>('live');
  const version = versions.find((v) => v.version === selected) ?? versions[0];
  // The same query as the playback below (same key): one request for both views.
  const data = usePlaybackApi(slug, version?.version, mode, version?.symbols[0], true);
  const label = `Version ${version?.version} · ${mode === 'live' ? 'live record' : 'backtest record'}`;
  const resolved = data.data ? data.data.pnl.filter((x) => x !== null).length : 0;
  return (
    <div className="performance-charts">
      <div className="inline-form">
        {versions.length > 1 ? (
          <label>
            Version{' '}
            <select value={selected} onChange={(e) => setSelected(e.target.value)}>
              {versions.map((v) => (
                <option key={v.version}>{v.version}</option>
              ))}
            </select>
          </label>
        ) : null}
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
      {data.isPending ? (
        <Loading label="Loading the equity curve" />
      ) : data.isError ? (
        <ErrorState error={data.error} retry={() => void data.refetch()} />
      ) : resolved === 0 ? (
        <Empty title={`No resolved predictions in the ${mode} record of version ${version?.version} yet.`}>
          {data.data.access === 'public' ? (
            <p className="small">
              Visitors see predictions once their outcome is known and after the model's public delay;
              subscribers see everything.
            </p>
          ) : null}
        </Empty>
      ) : (
        <>
          <p className="small">
            {data.data.symbol} · {data.data.interval} · total{' '}
            {formatPercent(data.data.equity[data.data.equity.length - 1] ?? 0, 2)} · max drawdown{' '}
            {formatPercent(-Math.min(0, ...drawdown(data.data.equity)), 2)}
            {data.data.access === 'public' ? ' · public record (delayed)' : ''}
          </p>
          <Suspense fallback={<Loading label="Loading the chart" />}>
            <EquityChart t={data.data.t} equity={data.data.equity} label={label} />
          </Suspense>
        </>
      )}
    </div>
  );
}
