/**
 * Metric cards from `GET /v1/models/{slug}/metrics`: every version with its own record, the live
 * and the backtest records apart and labelled; each card's tooltip defines the metric.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, call } from '../../api/client';
import type { Metrics, ModelMetrics, RecordMode } from '../../api/types';
import { useMeta } from '../../app/meta';
import { formatDate } from '../../components/format';
import { Empty, ErrorState, Loading } from '../../components/states';
import { METRICS, type MetricDef } from './definitions';

/** On a demo instance the replay clock builds the record while you watch: refresh it. */
export function useLiveRefresh(): number | false {
  const meta = useMeta();
  return meta.data?.demo ? DEMO_REFRESH_MS : false;
}

export const DEMO_REFRESH_MS = 15_000;

export function useModelMetrics(slug: string, mode: RecordMode) {
  const refetchInterval = useLiveRefresh();
  return useQuery({
    refetchInterval,
    queryKey: ['metrics', slug, mode],
    queryFn: () =>
      call(api.GET('/v1/models/{slug}/metrics', { params: { path: { slug }, query: { mode } } })),
    staleTime: 30_000,
  });
}

/** A metric card with its definition as a tooltip: on hover, and on keyboard focus of its "?" button. */
export function MetricCard({ def, value }: { def: MetricDef; value: number | null }) {
  const id = useId();
  return (
    <div className="metric">
      <dt>
        {def.label}{' '}
        <button type="button" className="tip" aria-describedby={id} aria-label={`What is ${def.label}?`}>
          ?
        </button>
        <span role="tooltip" id={id} className="tooltip">
          {def.definition}
        </span>
      </dt>
      <dd>{def.format(value)}</dd>
    </div>
  );
}

export function RecordCards({ metrics, label }: { metrics: Metrics; label: string }) {
  if (metrics.count === 0)
    return <Empty title={`No predictions in this ${label.charAt(0).toLowerCase()}${label.slice(1)} yet.`} />;
  return (
    <>
      <dl className="metric-cards" aria-label={label}>
        {METRICS.map((def) => (
          <MetricCard key={def.key} def={def} value={metrics[def.key] as number | null} />
        ))}
      </dl>
      <p className="muted small">
        {metrics.count} predictions ({metrics.pending} pending) over {metrics.periods} periods
        {metrics.resolved === 0 ? '; scores appear once outcomes are known' : ''}. Definitions{' '}
        {metrics.definitionVersion}.
      </p>
    </>
  );
}

const MODE_LABEL: Record<RecordMode, string> = { live: 'Live record', backtest: 'Backtest record' };

function ModeRecord({
  data,
  version,
  mode,
}: {
  data: ModelMetrics | undefined;
  version: string;
  mode: RecordMode;
}) {
  const v = data?.versions.find((x) => x.version === version);
  const label = `${MODE_LABEL[mode]} of version ${version}`;
  return (
    <section className={`record-mode record-${mode}`} aria-label={label}>
      <h4>
        <span className={`badge badge-mode-${mode}`}>{MODE_LABEL[mode]}</span>
        {v?.computedAt ? <span className="muted small"> · computed {formatDate(v.computedAt)}</span> : null}
      </h4>
      {mode === 'backtest' ? (
        <p className="muted small">
          Simulated on past data after the model was written: it cannot prove the model works, only the live
          record can.
        </p>
      ) : null}
      {v ? (
        <RecordCards metrics={v.metrics} label={label} />
      ) : (
        <Empty title={`No ${MODE_LABEL[mode].toLowerCase()}.`} />
      )}
    </section>
  );
}

/** Every version that was ever deployed, each with its live and backtest records. */
export function ModelMetricsSection({ slug }: { slug: string }) {
  const live = useModelMetrics(slug, 'live');
  const backtest = useModelMetrics(slug, 'backtest');
  if (live.isPending) return <Loading label="Loading metrics" />;
  if (live.isError) return <ErrorState error={live.error} retry={() => void live.refetch()} />;
  const versions = live.data.versions;
  if (versions.length === 0)
    return <Empty title="No version has been deployed yet, so there is no record." />;
  return (
    <div className="version-records">
      {versions.map((v) => (
        <section key={v.version} className="record" aria-labelledby={`record-${v.version}`}>
          <h3 id={`record-${v.version}`}>
            Version {v.version} <span className={`badge badge-${v.status}`}>{v.status}</span>
          </h3>
          <div className="record-modes">
            <ModeRecord data={live.data} version={v.version} mode="live" />
            {backtest.isError ? (
              <ErrorState error={backtest.error} retry={() => void backtest.refetch()} />
            ) : backtest.isPending ? (
              <Loading label="Loading the backtest record" />
            ) : (
              <ModeRecord data={backtest.data} version={v.version} mode="backtest" />
            )}
          </div>
        </section>
      ))}
    </div>
  );
}
