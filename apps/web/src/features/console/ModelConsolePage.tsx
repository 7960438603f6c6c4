/** One model in the developer console: upload, deploy/retire/delete versions, runs, backtests, plan. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, call } from '../../api/client';
import type { VersionSummary } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { formatDate } from '../../components/format';
import { describeError, Empty, ErrorState, Loading, QueryState } from '../../components/states';
import { Digest, StatusBadge } from '../model/ModelPage';
import { BacktestsPanel } from './BacktestsPanel';
import { PlanForm } from './PlanForm';
import { RunsPanel } from './RunsPanel';
import { UploadVersion } from './UploadVersion';

type Action = 'deploy' | 'retire' | 'delete';

function VersionActions({ slug, v }: { slug: string; v: VersionSummary }) {
  const queryClient = useQueryClient();
  const params = { path: { slug, version: v.version } };
  const act = useMutation({
    mutationFn: async (action: Action) => {
      if (action === 'deploy') {
        // 202 with a deploy check: a worker runs the version once in the sandbox. Follow it.
        let check = await call(api.POST('/v1/models/{slug}/versions/{version}/deploy', { params }));
        while (check.status === 'queued' || check.status === 'running') {
          await new Promise((r) => setTimeout(r, 1000));
          check = await call(api.GET('/v1/deploy-checks/{id}', { params: { path: { id: check.id } } }));
        }
        if (check.status === 'failed')
          throw new ApiError({
            status: 422,
            code: check.errorCode ?? 'deploy_check_failed',
            detail: `The deploy check failed (${check.errorCode ?? 'unknown'}): ${check.errorMessage ?? ''}`,
          });
        return check;
      }
      if (action === 'retire')
        return call(api.POST('/v1/models/{slug}/versions/{version}/retire', { params }));
      return call(api.DELETE('/v1/models/{slug}/versions/{version}', { params }));
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['versions', slug] });
      await queryClient.invalidateQueries({ queryKey: ['model', slug] });
      await queryClient.invalidateQueries({ queryKey: ['my-models'] });
    },
  });
  return (
    <div className="actions">
      {v.status === 'draft' ? (
        <>
          <button
            type="button"
            className="primary"
            disabled={act.isPending}
            onClick={() => act.mutate('deploy')}
          >
            Deploy<span className="visually-hidden"> version {v.version}</span>
          </button>
          <button
            type="button"
            disabled={act.isPending}
            onClick={() => window.confirm(`Delete draft ${v.version}?`) && act.mutate('delete')}
          >
            Delete<span className="visually-hidden"> draft {v.version}</span>
          </button>
        </>
      ) : null}
      {v.status === 'deployed' ? (
        <button
          type="button"
          disabled={act.isPending}
          onClick={() =>
            window.confirm(`Retire ${v.version}? It stops running; its record stays.`) && act.mutate('retire')
          }
        >
          Retire<span className="visually-hidden"> version {v.version}</span>
        </button>
      ) : null}
      <div aria-live="polite">
        {act.isPending && act.variables === 'deploy' ? (
          <p role="status">
            <span className="spinner" aria-hidden="true" /> Deploy check: running {v.version} once in the
            sandbox on the latest data…
          </p>
        ) : null}
        {act.isError ? (
          <p className="bad" role="alert">
            {describeError(act.error).detail}
          </p>
        ) : null}
        {act.isSuccess && act.variables === 'deploy' ? (
          <p className="ok" role="status">
            Deployed {v.version}: it now runs on schedule.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function VersionsPanel({ slug, versions }: { slug: string; versions: VersionSummary[] }) {
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<'runs' | 'backtests'>('runs');
  const chosen = versions.find((v) => v.version === selected) ?? versions.find((v) => v.status !== 'draft');
  if (versions.length === 0) return <Empty title="No version yet: upload a package above." />;
  return (
    <>
      <DataTable
        label="Versions"
        caption={`Versions of ${slug}`}
        columns={['Version', 'Status', 'Digest', 'Published', 'Deployed', 'Actions']}
      >
        {versions.map((v) => (
          <tr key={v.version}>
            <th scope="row">{v.version}</th>
            <td>
              <StatusBadge status={v.status} />
            </td>
            <td>
              <Digest digest={v.digest} />
            </td>
            <td>{formatDate(v.createdAt)}</td>
            <td>{formatDate(v.deployedAt)}</td>
            <td>
              <VersionActions slug={slug} v={v} />
            </td>
          </tr>
        ))}
      </DataTable>
      {chosen ? (
        <section aria-labelledby="activity">
          <h2 id="activity">Activity</h2>
          <div className="inline-form">
            <label>
              Version{' '}
              <select value={chosen.version} onChange={(e) => setSelected(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version} ({v.status})
                  </option>
                ))}
              </select>
            </label>
            <div role="tablist" aria-label="Version activity" className="tabs">
              {(['runs', 'backtests'] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={tab === t}
                  id={`tab-${t}`}
                  aria-controls={`panel-${t}`}
                  onClick={() => setTab(t)}
                >
                  {t === 'runs' ? 'Runs' : 'Backtests'}
                </button>
              ))}
            </div>
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'runs' ? (
              <RunsPanel slug={slug} version={chosen.version} />
            ) : (
              <BacktestsPanel slug={slug} version={chosen.version} />
            )}
          </div>
        </section>
      ) : null}
    </>
  );
}

export function ModelConsolePage() {
  const { slug = '' } = useParams();
  const model = useQuery({
    queryKey: ['model', slug, 'owner'],
    queryFn: () => call(api.GET('/v1/models/{slug}', { params: { path: { slug } } })),
  });
  const versions = useQuery({
    queryKey: ['versions', slug, 'owner'],
    queryFn: () => call(api.GET('/v1/models/{slug}/versions', { params: { path: { slug } } })),
  });
  if (model.isPending) return <Loading label="Loading the model" />;
  if (model.isError) return <ErrorState error={model.error} retry={() => void model.refetch()} />;
  const m = model.data;
  return (
    <section>
      <p className="breadcrumbs">
        <Link to="/console">Developer console</Link> / {m.name}
      </p>
      <h1>{m.name}</h1>
      <p className="muted">
        <code>{m.slug}</code> ·{' '}
        {m.deployedVersions.length ? (
          <Link to={`/models/${m.slug}`}>public page</Link>
        ) : (
          'not in the catalogue until a version is deployed'
        )}
      </p>
      <UploadVersion slug={m.slug} />
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <QueryState query={versions} loadingLabel="Loading versions">
          {(v) => <VersionsPanel slug={m.slug} versions={v.items} />}
        </QueryState>
      </section>
      <PlanForm slug={m.slug} current={m.plan} />
    </section>
  );
}
