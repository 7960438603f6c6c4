/** A version's runs: status, duration, error code and the captured stderr, newest first. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { Run, RunStatus } from '../../api/types';
import { formatDate, formatDuration } from '../../components/format';
import { Empty, ErrorState, Loading } from '../../components/states';
import { TableWrap } from '../../components/TableWrap';
import { StatusBadge } from '../model/ModelPage';
import { RerunButton } from './RerunButton';

const STATUSES: RunStatus[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'missed',
  'market_closed',
];

function RunRow({ run }: { run: Run }) {
  const logs = run.stderr || run.errorMessage;
  return (
    <tr>
      <td>{formatDate(run.asOf)}</td>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>{run.mode}</td>
      <td>{formatDuration(run.durationMs)}</td>
      <td>{run.attempts}</td>
      <td>{run.predictionCount ?? '—'}</td>
      <td>{run.errorCode ? <code>{run.errorCode}</code> : '—'}</td>
      <td>
        {logs ? (
          <details>
            <summary>Logs</summary>
            {run.errorMessage ? <p className="small">{run.errorMessage}</p> : null}
            {run.stderr ? <pre className="logs">{run.stderr}</pre> : null}
          </details>
        ) : (
          '—'
        )}
      </td>
      <td>{run.status === 'succeeded' && run.inputDigest ? <RerunButton runId={run.id} /> : '—'}</td>
    </tr>
  );
}

export function RunsPanel({ slug, version }: { slug: string; version: string }) {
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [mode, setMode] = useState<'live' | 'backtest'>('live');
  const runs = useInfiniteQuery({
    queryKey: ['runs', slug, version, status, mode],
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/v1/models/{slug}/versions/{version}/runs', {
          params: {
            path: { slug, version },
            query: {
              mode,
              limit: 50,
              ...(status ? { status } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <div className="inline-form">
        <label>
          Mode{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as 'live' | 'backtest')}>
            <option value="live">live</option>
            <option value="backtest">backtest</option>
          </select>
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as RunStatus | '')}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      {runs.isPending ? (
        <Loading label="Loading runs" />
      ) : runs.isError ? (
        <ErrorState error={runs.error} retry={() => void runs.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No runs yet." />
      ) : (
        <TableWrap label="Runs">
          <table>
            <caption className="visually-hidden">Runs of version {version}</caption>
            <thead>
              <tr>
                <th scope="col">As of</th>
                <th scope="col">Status</th>
                <th scope="col">Mode</th>
                <th scope="col">Duration</th>
                <th scope="col">Attempts</th>
                <th scope="col">Predictions</th>
                <th scope="col">Error code</th>
                <th scope="col">Logs</th>
                <th scope="col">Reproducible?</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <RunRow key={r.id} run={r} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {runs.hasNextPage ? (
        <button type="button" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
          Older runs
        </button>
      ) : null}
    </div>
  );
}
