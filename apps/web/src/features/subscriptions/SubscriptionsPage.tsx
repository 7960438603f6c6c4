/** The subscriber's pages: subscriptions (status, trial end, next charge, cancel / resume) and invoices. */
import { Link } from 'react-router';
import type { Invoice, Subscription } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { formatDay, formatMoney, formatPrice } from '../../components/format';
import { Empty, ListState } from '../../components/states';
import { SubscriptionActions } from './SubscribeBox';
import {
  describeSubscription,
  nextCharge,
  statusLabel,
  useInvoices,
  useSubscriptions,
} from './subscriptions';

function SubscriptionsTable({ items }: { items: readonly Subscription[] }) {
  return (
    <DataTable
      label="Subscriptions"
      columns={['Model', 'Status', 'Price', 'Trial ends', 'Next charge', 'Access', 'Actions']}
    >
      {items.map((s) => (
        <tr key={s.id}>
          <th scope="row">
            <Link to={`/models/${s.modelSlug}`}>{s.modelSlug}</Link>
          </th>
          <td>
            <span className={`badge badge-sub-${s.status}`}>{statusLabel(s)}</span>
            <p className="small muted">{describeSubscription(s)}</p>
          </td>
          <td>{formatPrice(s.priceMinor, s.currency)}</td>
          <td>{formatDay(s.trialEnd)}</td>
          <td>{formatDay(nextCharge(s))}</td>
          <td>{s.access ? 'yes' : 'no'}</td>
          <td>
            <SubscriptionActions subscription={s} modelName={s.modelSlug} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function InvoicesTable({ items, slugs }: { items: readonly Invoice[]; slugs: Map<string, string> }) {
  return (
    <DataTable label="Invoices" columns={['Date', 'Model', 'Kind', 'Period', 'Amount', 'Status']}>
      {items.map((i) => (
        <tr key={i.id}>
          <th scope="row">{formatDay(i.createdAt)}</th>
          <td>{slugs.get(i.subscriptionId) ?? '—'}</td>
          <td>
            {i.kind}
            {i.attempt > 1 ? ` (attempt ${i.attempt})` : ''}
          </td>
          <td>
            {formatDay(i.periodStart)} – {formatDay(i.periodEnd)}
          </td>
          <td>{formatMoney(i.amountMinor, i.currency)}</td>
          <td>
            <span className={`badge badge-invoice-${i.status}`}>{i.status}</span>
            {i.failureCode ? <span className="small"> {i.failureCode.replaceAll('_', ' ')}</span> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function SubscriptionsPage() {
  const subs = useSubscriptions();
  const invoices = useInvoices();
  const slugs = new Map((subs.data?.items ?? []).map((s) => [s.id, s.modelSlug]));
  return (
    <section>
      <h1>Subscriptions</h1>
      <p className="lede">
        The models you follow. Canceling keeps access until the end of the period you paid for (a canceled
        trial is never charged); resume any time before then.
      </p>
      <ListState
        query={subs}
        items={subs.data?.items}
        loadingLabel="Loading your subscriptions"
        empty={
          <Empty title="No subscriptions yet.">
            <p>
              Find a model in the <Link to="/">marketplace</Link> and start its free trial.
            </p>
          </Empty>
        }
      >
        {(items) => <SubscriptionsTable items={items} />}
      </ListState>
      <h2 id="invoices">Invoices</h2>
      <ListState
        query={invoices}
        items={invoices.data?.items}
        loadingLabel="Loading invoices"
        empty={<Empty title="No invoices yet." />}
      >
        {(items) => <InvoicesTable items={items} slugs={slugs} />}
      </ListState>
    </section>
  );
}
