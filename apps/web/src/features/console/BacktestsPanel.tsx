/**
 * Backtests of a version: request one over a date range and follow its progress. The API has
 * no list of backtests yet, so this tab remembers the ones requested here (per browser).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { fieldErrors, TextField } from '../../components/Field';
import { formatDate, formatPercent } from '../../components/format';
import { ErrorState, FormError, Loading } from '../../components/states';
import { StatusBadge } from '../model/ModelPage';

const storageKey = (slug: string, version: string) => `seer.backtests.${slug}.${version}`;

function loadIds(key: string): string[] {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '[]') as string[];
  } catch {
    return [];
  }
}

function BacktestRow({ id }: { id: string }) {
  const bt = useQuery({
    queryKey: ['backtest', id],
    queryFn: () => call(api.GET('/v1/backtests/{id}', { params: { path: { id } } })),
    refetchInterval: (q) =>
      q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 2000,
  });
  if (bt.isPending)
    return (
      <li>
        <Loading label="Loading backtest" />
      </li>
    );
  if (bt.isError)
    return (
      <li>
        <ErrorState error={bt.error} />
      </li>
    );
  const b = bt.data;
  return (
    <li className="backtest">
      <StatusBadge status={b.status} /> {formatDate(b.from)} → {formatDate(b.to)}
      <progress max={1} value={b.progress} aria-label="Backtest progress">
        {formatPercent(b.progress, 0)}
      </progress>{' '}
      {formatPercent(b.progress, 0)} · {b.counts.done}/{b.counts.total} boundaries · {b.counts.succeeded}{' '}
      succeeded · {b.counts.failed} failed · {b.counts.reused} reused
      {b.error ? <p className="bad">{b.error}</p> : null}
    </li>
  );
}

export function BacktestsPanel({ slug, version }: { slug: string; version: string }) {
  const key = storageKey(slug, version);
  const [ids, setIds] = useState<string[]>(() => loadIds(key));
  const create = useMutation({
    mutationFn: (body: { from: string; to: string }) =>
      call(
        api.POST('/v1/models/{slug}/versions/{version}/backtests', {
          params: { path: { slug, version } },
          body,
        }),
      ),
    onSuccess: (bt) => {
      const next = [bt.id, ...ids.filter((x) => x !== bt.id)].slice(0, 20);
      setIds(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // storage disabled: the list lives as long as the page
      }
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <div>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const from = String(form.get('from'));
          const to = String(form.get('to'));
          create.mutate({ from: from ? `${from}T00:00:00Z` : '', to: to ? `${to}T23:00:00Z` : '' });
        }}
      >
        <TextField label="From" name="from" type="date" required error={errors.from} />
        <TextField label="To" name="to" type="date" required error={errors.to} />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Requesting…' : 'Run backtest'}
        </button>
        <FormError error={create.error} />
      </form>
      {ids.length ? (
        <ul className="list">
          {ids.map((id) => (
            <BacktestRow key={id} id={id} />
          ))}
        </ul>
      ) : (
        <p className="muted">
          No backtest requested from this browser yet. Backtest predictions never count in live figures.
        </p>
      )}
    </div>
  );
}
