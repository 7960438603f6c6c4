/**
 * Administration: users and roles, the security audit log, instruments with data freshness,
 * and service health (/readyz). Queue and run health join when an API exposes them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { AdminUser, Instrument, Role } from '../../api/types';
import { useCursorList } from '../../api/useCursorList';
import { useSession } from '../../app/auth';
import { useMeta } from '../../app/meta';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';
import { formatDate } from '../../components/format';
import { Empty, FormError, ListState, QueryState } from '../../components/states';

const ROLES: Role[] = ['subscriber', 'developer', 'admin'];
const TABS = ['users', 'audit', 'instruments', 'health'] as const;
type Tab = (typeof TABS)[number];

function UserRow({ user, self }: { user: AdminUser; self: boolean }) {
  const queryClient = useQueryClient();
  const params = { path: { id: user.id } };
  const change = useMutation({
    mutationFn: async (action: { grant?: Role[]; revoke?: Role[] } | 'disable' | 'enable') => {
      if (action === 'disable') return call(api.POST('/v1/admin/users/{id}/disable', { params }));
      if (action === 'enable') return call(api.POST('/v1/admin/users/{id}/enable', { params }));
      return call(api.POST('/v1/admin/users/{id}/roles', { params, body: action }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin-users'] }),
  });
  return (
    <tr>
      <th scope="row">
        {user.displayName}
        <br />
        <span className="muted small">{user.email}</span>
      </th>
      <td>
        <fieldset className="roles" disabled={change.isPending}>
          <legend className="visually-hidden">Roles of {user.email}</legend>
          {ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={user.roles.includes(r)}
                onChange={(e) => change.mutate(e.target.checked ? { grant: [r] } : { revoke: [r] })}
              />
              {r}
            </label>
          ))}
        </fieldset>
        {change.isError ? <FormError error={change.error} /> : null}
      </td>
      <td>{user.disabledAt ? `disabled ${formatDate(user.disabledAt)}` : 'active'}</td>
      <td>{formatDate(user.createdAt)}</td>
      <td>
        {self ? (
          <span className="muted small">you</span>
        ) : user.disabledAt ? (
          <button type="button" onClick={() => change.mutate('enable')} disabled={change.isPending}>
            Enable<span className="visually-hidden"> {user.email}</span>
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={change.isPending}
            onClick={() =>
              window.confirm(`Disable ${user.email}? All their sessions and keys stop at once.`) &&
              change.mutate('disable')
            }
          >
            Disable<span className="visually-hidden"> {user.email}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** A one-field filter above a list: submitting it sets the filter (an empty one clears it). */
function FilterForm({
  label,
  name,
  value,
  onChange,
  button,
  ...input
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  button: string;
  type?: 'search';
  placeholder?: string;
}) {
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(String(new FormData(e.currentTarget).get(name)).trim());
      }}
    >
      <label>
        {label} <input name={name} defaultValue={value} {...input} />
      </label>
      <button type="submit">{button}</button>
    </form>
  );
}

function UsersTab() {
  const state = useSession();
  const [email, setEmail] = useState('');
  const users = useCursorList({
    queryKey: ['admin-users', email],
    fetchPage: (cursor) =>
      call(
        api.GET('/v1/admin/users', {
          params: { query: { limit: 50, ...(email ? { email } : {}), ...cursor } },
        }),
      ),
  });
  return (
    <>
      <FilterForm label="Email" name="email" type="search" value={email} onChange={setEmail} button="Find" />
      <ListState
        query={users.query}
        items={users.items}
        loadingLabel="Loading users"
        empty={<Empty title="No user matches." />}
      >
        {(items) => (
          <DataTable label="Users" columns={['User', 'Roles', 'State', 'Joined', ACTIONS_COLUMN]}>
            {items.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === state.user?.id} />
            ))}
          </DataTable>
        )}
      </ListState>
      {users.query.hasNextPage ? (
        <button type="button" onClick={() => void users.query.fetchNextPage()}>
          More users
        </button>
      ) : null}
    </>
  );
}

function AuditTab() {
  const [event, setEvent] = useState('');
  const audit = useCursorList({
    queryKey: ['admin-audit', event],
    fetchPage: (cursor) =>
      call(
        api.GET('/v1/admin/audit', {
          params: { query: { limit: 50, ...(event ? { event } : {}), ...cursor } },
        }),
      ),
  });
  return (
    <>
      <FilterForm
        label="Event"
        name="event"
        placeholder="login.failed"
        value={event}
        onChange={setEvent}
        button="Filter"
      />
      <ListState
        query={audit.query}
        items={audit.items}
        loadingLabel="Loading the audit log"
        empty={<Empty title="No audit events." />}
      >
        {(items) => (
          <DataTable label="Audit log" columns={['When', 'Event', 'Actor', 'Subject', 'Address', 'Details']}>
            {items.map((a) => (
              <tr key={a.id}>
                <td>{formatDate(a.at)}</td>
                <td>
                  <code>{a.event}</code>
                </td>
                <td className="small">{a.actorUserId?.slice(0, 8) ?? '—'}</td>
                <td className="small">{a.subjectUserId?.slice(0, 8) ?? '—'}</td>
                <td className="small">{a.ip ?? '—'}</td>
                <td className="small">
                  <code>{JSON.stringify(a.details)}</code>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListState>
      {audit.query.hasNextPage ? (
        <button type="button" onClick={() => void audit.query.fetchNextPage()}>
          Older events
        </button>
      ) : null}
    </>
  );
}

/** How long ago the newest closed bar opened, against the platform clock (which a demo replays). */
export function freshness(
  lastBarOpen: string,
  interval: string,
  now: Date,
): { lagHours: number; stale: boolean } {
  const step = interval === '1d' ? 24 : interval === '4h' ? 4 : 1;
  const lagHours = (now.getTime() - Date.parse(lastBarOpen)) / 3_600_000 - step;
  return { lagHours, stale: lagHours > step * 3 };
}

function InstrumentRow({ instrument, now }: { instrument: Instrument; now: Date | null }) {
  const detail = useQuery({
    queryKey: ['instrument', instrument.symbol],
    queryFn: () =>
      call(api.GET('/v1/instruments/{symbol}', { params: { path: { symbol: instrument.symbol } } })),
  });
  return (
    <tr>
      <th scope="row">
        {instrument.symbol}
        <br />
        <span className="muted small">{instrument.name}</span>
      </th>
      <td>
        {instrument.assetClass} · {instrument.calendar}
      </td>
      <td className="small">{instrument.source ?? '—'}</td>
      <td>
        {detail.isPending ? (
          '…'
        ) : detail.isError ? (
          'unavailable'
        ) : detail.data.coverage.length === 0 ? (
          'no bars'
        ) : (
          <ul className="plain">
            {detail.data.coverage.map((c) => {
              const f = now ? freshness(c.last, c.interval, now) : null;
              return (
                <li key={c.interval}>
                  {c.interval}: {formatDate(c.first)} → {formatDate(c.last)}{' '}
                  {f ? (
                    <span className={f.stale ? 'badge badge-failed' : 'badge badge-succeeded'}>
                      {f.stale ? `stale ${Math.round(f.lagHours)} h` : 'fresh'}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </td>
    </tr>
  );
}

function InstrumentsTab() {
  const meta = useMeta();
  const instruments = useQuery({
    queryKey: ['instruments'],
    queryFn: () => call(api.GET('/v1/instruments', { params: { query: { limit: 1000 } } })),
  });
  const now = meta.data ? new Date(meta.data.now) : null;
  return (
    <ListState
      query={instruments}
      items={instruments.data?.items}
      loadingLabel="Loading instruments"
      empty={
        <Empty title="No instruments yet.">
          <p>Create them with POST /v1/admin/instruments and import bars (see docs/MARKET-DATA.md).</p>
        </Empty>
      }
    >
      {(items) => (
        <>
          <p className="muted small">
            Freshness is measured against the platform clock: {formatDate(meta.data?.now)}.
          </p>
          <DataTable
            label="Instruments"
            columns={['Symbol', 'Class · calendar', 'Source and licence', 'Bars (first → newest closed)']}
          >
            {items.map((i) => (
              <InstrumentRow key={i.symbol} instrument={i} now={now} />
            ))}
          </DataTable>
        </>
      )}
    </ListState>
  );
}

function HealthTab() {
  const meta = useMeta();
  const ready = useQuery({
    queryKey: ['readyz'],
    queryFn: async () => {
      const res = await fetch('/readyz');
      return (await res.json()) as { status: string; checks: Record<string, string> };
    },
    refetchInterval: 10_000,
  });
  return (
    <>
      <QueryState query={meta}>
        {(m) => (
          <dl className="facts">
            <div>
              <dt>Environment</dt>
              <dd>
                {m.environment}
                {m.demo ? ' (demo)' : ''}
              </dd>
            </div>
            <div>
              <dt>Database</dt>
              <dd>{m.database}</dd>
            </div>
            <div>
              <dt>Queue</dt>
              <dd>{m.queue}</dd>
            </div>
            <div>
              <dt>Platform clock</dt>
              <dd>{formatDate(m.now)}</dd>
            </div>
          </dl>
        )}
      </QueryState>
      <QueryState query={ready} loadingLabel="Checking readiness">
        {(r) => (
          <ul className="plain">
            <li>
              Readiness:{' '}
              <span className={`badge badge-${r.status === 'ready' ? 'succeeded' : 'failed'}`}>
                {r.status}
              </span>
            </li>
            {Object.entries(r.checks).map(([name, result]) => (
              <li key={name}>
                {name}:{' '}
                <span className={`badge badge-${result === 'ok' ? 'succeeded' : 'failed'}`}>{result}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <p className="muted small">
        Queue depths and run rates are exported for Prometheus at <a href="/metrics">/metrics</a>.
      </p>
    </>
  );
}

export function AdminPage() {
  const [tab, setTab] = useState<Tab>('users');
  const labels: Record<Tab, string> = {
    users: 'Users and roles',
    audit: 'Audit log',
    instruments: 'Instruments and data',
    health: 'Health',
  };
  return (
    <section>
      <h1>Administration</h1>
      <div role="tablist" aria-label="Administration" className="tabs">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`admin-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`admin-panel-${t}`}
            onClick={() => setTab(t)}
          >
            {labels[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'users' ? (
          <UsersTab />
        ) : tab === 'audit' ? (
          <AuditTab />
        ) : tab === 'instruments' ? (
          <InstrumentsTab />
        ) : (
          <HealthTab />
        )}
      </div>
    </section>
  );
}
