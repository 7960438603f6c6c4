/** A version's runs: status, duration, error code and the captured stderr, newest first. */
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { Run, RunStatus } from '../../api/types';
import { useCursorList } from '../../api/useCursorList';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatDuration } from '../../components/format';
import { Empty, ListState } from '../../components/states';
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
  const runs = useCursorList({
    queryKey: ['runs', slug, version, status, mode],
    fetchPage: (cursor) =>
      call(
        api.GET('/v1/models/{slug}/versions/{version}/runs', {
          params: {
            path: { slug, version },
            query: { mode, limit: 50, ...(status ? { status } : {}), ...cursor },
          },
        }),
      ),
    refetchInterval: 15_000,
  });
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
      <ListState
        query={runs.query}
        items={runs.items}
        loadingLabel="Loading runs"
        empty={<Empty title="No runs yet." />}
      >
        {(items) => (
          <DataTable
            label="Runs"
            caption={`Runs of version ${version}`}
            columns={[
              'As of',
              'Status',
              'Mode',
              'Duration',
              'Attempts',
              'Predictions',
              'Error code',
              'Logs',
              'Reproducible?',
            ]}
          >
            {items.map((r) => (
              <RunRow key={r.id} run={r} />
            ))}
          </DataTable>
        )}
      </ListState>
      {runs.query.hasNextPage ? (
        <button
          type="button"
          onClick={() => void runs.query.fetchNextPage()}
          disabled={runs.query.isFetchingNextPage}
        >
          Older runs
        </button>
      ) : null}
    </div>
  );
}
