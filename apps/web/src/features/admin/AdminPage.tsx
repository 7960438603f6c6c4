/**
 * Administration: users and roles, the security audit log, instruments with data freshness,
 * and service health (/readyz). Queue and run health join when an API exposes them.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { AdminUser, Instrument, Role } from '../../api/types';
import { useSession } from '../../app/auth';
import { useMeta } from '../../app/meta';
import { formatDate } from '../../components/format';
import { Empty, ErrorState, FormError, Loading, QueryState } from '../../components/states';
import { TableWrap } from '../../components/TableWrap';

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

function UsersTab() {
  const state = useSession();
  const [email, setEmail] = useState('');
  const users = useInfiniteQuery({
    queryKey: ['admin-users', email],
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/v1/admin/users', {
          params: {
            query: { limit: 50, ...(email ? { email } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setEmail(String(new FormData(e.currentTarget).get('email')).trim());
        }}
      >
        <label>
          Email <input name="email" type="search" defaultValue={email} />
        </label>
        <button type="submit">Find</button>
      </form>
      {users.isPending ? (
        <Loading label="Loading users" />
      ) : users.isError ? (
        <ErrorState error={users.error} retry={() => void users.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No user matches." />
      ) : (
        <TableWrap label="Users">
          <table>
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Roles</th>
                <th scope="col">State</th>
                <th scope="col">Joined</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <UserRow key={u.id} user={u} self={u.id === state.user?.id} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {users.hasNextPage ? (
        <button type="button" onClick={() => void users.fetchNextPage()}>
          More users
        </button>
      ) : null}
    </>
  );
}

function AuditTab() {
  const [event, setEvent] = useState('');
  const audit = useInfiniteQuery({
    queryKey: ['admin-audit', event],
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/v1/admin/audit', {
          params: {
            query: { limit: 50, ...(event ? { event } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setEvent(String(new FormData(e.currentTarget).get('event')).trim());
        }}
      >
        <label>
          Event <input name="event" defaultValue={event} placeholder="login.failed" />
        </label>
        <button type="submit">Filter</button>
      </form>
      {audit.isPending ? (
        <Loading label="Loading the audit log" />
      ) : audit.isError ? (
        <ErrorState error={audit.error} retry={() => void audit.refetch()} />
      ) : items.length === 0 ? (
        <Empty title="No audit events." />
      ) : (
        <TableWrap label="Audit log">
          <table>
            <caption className="visually-hidden">Audit log</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Actor</th>
                <th scope="col">Subject</th>
                <th scope="col">Address</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </TableWrap>
      )}
      {audit.hasNextPage ? (
        <button type="button" onClick={() => void audit.fetchNextPage()}>
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
    <QueryState query={instruments} loadingLabel="Loading instruments">
      {(list) =>
        list.items.length === 0 ? (
          <Empty title="No instruments yet.">
            <p>Create them with POST /v1/admin/instruments and import bars (see docs/MARKET-DATA.md).</p>
          </Empty>
        ) : (
          <>
            <p className="muted small">
              Freshness is measured against the platform clock: {formatDate(meta.data?.now)}.
            </p>
            <TableWrap label="Instruments">
              <table>
                <caption className="visually-hidden">Instruments</caption>
                <thead>
                  <tr>
                    <th scope="col">Symbol</th>
                    <th scope="col">Class · calendar</th>
                    <th scope="col">Source and licence</th>
                    <th scope="col">Bars (first → newest closed)</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((i) => (
                    <InstrumentRow key={i.symbol} instrument={i} now={now} />
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )
      }
    </QueryState>
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
