/** The subscriber's pages: subscriptions (status, trial end, next charge, cancel / resume) and invoices. */
import { Link } from 'react-router';
import type { Invoice, Subscription } from '../../api/types';
import { formatDay, formatMoney, formatPrice } from '../../components/format';
import { Empty, QueryState } from '../../components/states';
import { TableWrap } from '../../components/TableWrap';
import { SubscriptionActions } from './SubscribeBox';
import {
  describeSubscription,
  nextCharge,
  statusLabel,
  useInvoices,
  useSubscriptions,
} from './subscriptions';

function SubscriptionsTable({ items }: { items: Subscription[] }) {
  if (items.length === 0) {
    return (
      <Empty title="No subscriptions yet.">
        <p>
          Find a model in the <Link to="/">marketplace</Link> and start its free trial.
        </p>
      </Empty>
    );
  }
  return (
    <TableWrap label="Subscriptions">
      <table>
        <caption className="visually-hidden">Subscriptions</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Status</th>
            <th scope="col">Price</th>
            <th scope="col">Trial ends</th>
            <th scope="col">Next charge</th>
            <th scope="col">Access</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </TableWrap>
  );
}

function InvoicesTable({ items, slugs }: { items: Invoice[]; slugs: Map<string, string> }) {
  if (items.length === 0) return <Empty title="No invoices yet." />;
  return (
    <TableWrap label="Invoices">
      <table>
        <caption className="visually-hidden">Invoices</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Model</th>
            <th scope="col">Kind</th>
            <th scope="col">Period</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </TableWrap>
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
      <QueryState query={subs} loadingLabel="Loading your subscriptions">
        {(d) => <SubscriptionsTable items={d.items} />}
      </QueryState>
      <h2 id="invoices">Invoices</h2>
      <QueryState query={invoices} loadingLabel="Loading invoices">
        {(d) => <InvoicesTable items={d.items} slugs={slugs} />}
      </QueryState>
    </section>
  );
}
