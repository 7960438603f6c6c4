/**
 * A model's public page: description, plan with the subscribe / cancel / resume box, every
 * version with its digest and dates, metric cards and equity/drawdown charts per version (live
 * and backtest apart), the playback (public record for visitors, everything for subscribers),
 * and for the owner and admins each deployed version's coverage and ledger check.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, call } from '../../api/client';
import type { Model, Playback as PlaybackData, VersionSummary } from '../../api/types';
import { useSession } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatPercent, formatPrice } from '../../components/format';
import { Empty, ErrorState, Loading, QueryState } from '../../components/states';
import { useVersionChoice, VersionSelect } from '../../components/VersionSelect';
import { DivergenceNotice } from '../metrics/DivergenceNotice';
import { ModelMetricsSection } from '../metrics/MetricCards';
import { PerformanceCharts, usePlaybackApi } from '../metrics/PerformanceCharts';
import { fromPlaybackApi } from '../playback/data';
import { SubscribeBox } from '../subscriptions/SubscribeBox';
import { PublicRecord } from './PublicRecord';

// The chart library is loaded only where a chart is shown, keeping it out of the main bundle.
const PlaybackChart = lazy(() =>
  import('../playback/PlaybackChart').then((m) => ({ default: m.PlaybackChart })),
);

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status.replace('_', ' ')}</span>;
}

export function Digest({ digest }: { digest: string }) {
  return (
    <code className="digest" title={digest}>
      <span aria-hidden="true">{digest.slice(0, 12)}…</span>
      <span className="visually-hidden">{digest}</span>
    </code>
  );
}

export function VersionsTable({ slug, versions }: { slug: string; versions: VersionSummary[] }) {
  if (versions.length === 0) return <Empty title="No versions yet." />;
  return (
    <DataTable
      label="Versions"
      columns={[
        'Version',
        'Status',
        'Symbols · interval · target',
        'Digest (SHA-256)',
        'Published',
        'Deployed',
        'Retired',
        'Attestation',
      ]}
    >
      {versions.map((v) => (
        <tr key={v.version}>
          <th scope="row">{v.version}</th>
          <td>
            <StatusBadge status={v.status} />
          </td>
          <td>
            {v.symbols.join(', ')} · {v.interval} · {v.target} ({v.horizon})
          </td>
          <td>
            <Digest digest={v.digest} />
          </td>
          <td>{formatDate(v.createdAt)}</td>
          <td>{formatDate(v.deployedAt)}</td>
          <td>{formatDate(v.retiredAt)}</td>
          <td>
            <a href={`/v1/models/${slug}/versions/${v.version}/attestation`}>
              signed<span className="visually-hidden"> attestation of {v.version}</span>
            </a>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Live coverage and the ledger check of one version (owner and admins). */
export function VersionRecord({ slug, version }: { slug: string; version: VersionSummary }) {
  const params = { path: { slug, version: version.version } };
  const coverage = useQuery({
    queryKey: ['coverage', slug, version.version],
    queryFn: () => call(api.GET('/v1/models/{slug}/versions/{version}/coverage', { params })),
  });
  const [verifyRequested, setVerifyRequested] = useState(false);
  const verify = useQuery({
    queryKey: ['verify', slug, version.version],
    queryFn: () =>
      call(
        api.GET('/v1/models/{slug}/versions/{version}/ledger/verify', {
          params: { ...params, query: { mode: 'live' } },
        }),
      ),
    enabled: verifyRequested,
  });
  return (
    <div className="record">
      <h3>
        Version {version.version} <StatusBadge status={version.status} />
      </h3>
      <QueryState query={coverage} loadingLabel="Loading coverage">
        {(c) => (
          <dl className="metric-cards">
            <div
              className="metric"
              title="Succeeded runs over every live slot since deploy (missed and failed slots count)."
            >
              <dt>Coverage</dt>
              <dd>{formatPercent(c.coverage)}</dd>
            </div>
            <div
              className="metric"
              title="Live slots since deploy whose grace has passed (market-closed hours excluded)."
            >
              <dt>Slots</dt>
              <dd>{c.slots}</dd>
            </div>
            <div className="metric">
              <dt>Succeeded</dt>
              <dd>{c.succeeded}</dd>
            </div>
            <div className="metric">
              <dt>Failed · timed out · missed</dt>
              <dd>
                {c.failed} · {c.timedOut} · {c.missed}
              </dd>
            </div>
          </dl>
        )}
      </QueryState>
      <div className="verify">
        <button
          type="button"
          onClick={() => (verifyRequested ? void verify.refetch() : setVerifyRequested(true))}
        >
          Verify the ledger
        </button>
        {verify.isFetching ? <span role="status"> Checking the hash chain…</span> : null}
        {verify.isError ? <ErrorState error={verify.error} /> : null}
        {verify.data && !verify.isFetching ? (
          <p role="status" className={verify.data.valid ? 'ok' : 'bad'}>
            {verify.data.valid
              ? `Chain intact: ${verify.data.checked} commitments checked (${verify.data.format}), head #${verify.data.head.seq} `
              : `Chain broken at #${verify.data.firstBreak?.seq}: ${verify.data.firstBreak?.reason} `}
            <code className="digest" title={verify.data.head.hash}>
              {verify.data.head.hash.slice(0, 16)}…
            </code>
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Playback({ slug, versions }: { slug: string; versions: VersionSummary[] }) {
  const { version, selected, setSelected } = useVersionChoice(versions);
  const symbol = version?.symbols[0];
  const playback = usePlaybackApi(slug, version?.version, 'live', symbol, true);
  // The record grows while you watch (a demo refreshes it): keep playing what was loaded and
  // offer the newer data instead of resetting the chart under the viewer.
  const [shown, setShown] = useState<{ key: string; data: PlaybackData } | null>(null);
  const key = `${version?.version}:${symbol}`;
  const current = shown?.key === key ? shown.data : (playback.data ?? null);
  useEffect(() => {
    // Follow the newest data until there is something to play; then keep it until asked.
    const playable = shown?.key === key && shown.data.prediction.some((p) => p !== null);
    if (playback.data && !playable && shown?.data !== playback.data) setShown({ key, data: playback.data });
  }, [playback.data, shown, key]);
  const newer = !!playback.data && !!current && playback.data !== current;
  const columns = useMemo(() => (current ? fromPlaybackApi(current) : null), [current]);
  const hasPredictions = !!columns && columns.prediction.some((p) => p !== null);
  return (
    <section aria-labelledby="playback-title">
      <h2 id="playback-title">Playback</h2>
      <VersionSelect versions={versions} selected={selected} onChange={setSelected} />
      {playback.data?.access === 'public' ? (
        <p className="muted small">
          Public record: predictions appear once their outcome is known and the model's public delay has
          passed. Subscribers see every prediction as it is made.
        </p>
      ) : null}
      {newer ? (
        <p className="small">
          <button type="button" onClick={() => playback.data && setShown({ key, data: playback.data })}>
            Show the newer predictions
          </button>
        </p>
      ) : null}
      <QueryState query={playback} loadingLabel="Loading predictions and bars">
        {() =>
          columns && columns.ts.length > 0 && hasPredictions ? (
            <Suspense fallback={<Loading label="Loading the chart" />}>
              <PlaybackChart
                columns={columns}
                symbol={symbol ?? ''}
                title={`${symbol} · version ${version?.version} · live record`}
              />
            </Suspense>
          ) : (
            <Empty title="No live predictions to play back yet." />
          )
        }
      </QueryState>
    </section>
  );
}

function canReadRecord(model: Model, user: { id: string; roles: string[] } | null): boolean {
  return !!user && (user.id === model.owner.id || user.roles.includes('admin'));
}

export function ModelPage() {
  const { slug = '' } = useParams();
  const state = useSession();
  const model = useQuery({
    queryKey: ['model', slug, state.user?.id ?? null],
    queryFn: () => call(api.GET('/v1/models/{slug}', { params: { path: { slug } } })),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    enabled: state.status !== 'unknown',
  });
  const versions = useQuery({
    queryKey: ['versions', slug, state.user?.id ?? null],
    queryFn: () => call(api.GET('/v1/models/{slug}/versions', { params: { path: { slug } } })),
    enabled: model.isSuccess,
  });

  if (state.status === 'unknown' || model.isPending) return <Loading label="Loading the model" />;
  if (model.isError) return <ErrorState error={model.error} retry={() => void model.refetch()} />;
  const m = model.data;
  const readable = canReadRecord(m, state.user);
  const deployed = m.deployedVersions;

  return (
    <article className="model-page">
      <p className="breadcrumbs">
        <Link to="/">Marketplace</Link> / {m.name}
      </p>
      <header className="model-header">
        <div>
          <h1>{m.name}</h1>
          <p className="muted">
            by {m.owner.displayName} · <code>{m.slug}</code>
            {m.tags.length ? ` · ${m.tags.join(', ')}` : ''}
          </p>
        </div>
        <aside className="plan card" aria-label="Plan">
          {m.plan ? (
            <>
              <p className="price">{formatPrice(m.plan.priceMinor, m.plan.currency)}</p>
              <p>{m.plan.trialDays > 0 ? `${m.plan.trialDays}-day free trial` : 'No trial'}</p>
              <p className="muted small">Plan since {formatDate(m.plan.effectiveFrom)}</p>
            </>
          ) : (
            <p>No plan published yet.</p>
          )}
          <SubscribeBox model={m} />
        </aside>
      </header>
      <DivergenceNotice slug={m.slug} />
      <section aria-labelledby="about">
        <h2 id="about">About</h2>
        <p className="description">{m.description || 'No description.'}</p>
        <p className="muted small">
          Symbols of interest: {m.symbols.join(', ') || '—'} · created {formatDate(m.createdAt)}
        </p>
      </section>
      <section aria-labelledby="versions">
        <h2 id="versions">Versions</h2>
        <p className="muted small">
          Every version is an immutable, signed package; its digest identifies exactly the code that produced
          its record.
        </p>
        <QueryState query={versions} loadingLabel="Loading versions">
          {(v) => <VersionsTable slug={m.slug} versions={v.items} />}
        </QueryState>
      </section>
      <section aria-labelledby="performance">
        <h2 id="performance">Performance</h2>
        <p className="muted small">
          Each version is scored on its own record; live predictions (committed before the outcome) and
          backtests (simulated on the past) are never mixed. Hover or focus a "?" for a metric's definition.
        </p>
        <ModelMetricsSection slug={m.slug} />
        {deployed.length > 0 ? (
          <>
            <h3>Equity and drawdown</h3>
            <PerformanceCharts slug={m.slug} versions={deployed} />
          </>
        ) : null}
      </section>
      {readable && deployed.length > 0 ? (
        <section aria-labelledby="record">
          <h2 id="record">Runs and ledger</h2>
          {deployed.map((v) => (
            <VersionRecord key={v.version} slug={m.slug} version={v} />
          ))}
        </section>
      ) : null}
      {deployed.length > 0 ? <Playback slug={m.slug} versions={deployed} /> : null}
      <PublicRecord slug={m.slug} versions={deployed} />
    </article>
  );
}
