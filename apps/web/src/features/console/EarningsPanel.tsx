/** Earnings by month (`GET /v1/earnings`): gross, platform fee and net per model, with totals per currency. */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Earnings } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { formatMoney } from '../../components/format';
import { Empty, QueryState } from '../../components/states';

export function EarningsTable({ data }: { data: Earnings }) {
  if (data.items.length === 0) {
    return (
      <Empty title="No earnings yet.">
        <p>Earnings appear here once a subscriber is charged (after any free trial).</p>
      </Empty>
    );
  }
  const items = [...data.items].sort(
    (a, b) => b.month.localeCompare(a.month) || a.modelSlug.localeCompare(b.modelSlug),
  );
  return (
    <>
      <DataTable label="Earnings by month" columns={['Month (UTC)', 'Model', 'Gross', 'Platform fee', 'Net']}>
        {items.map((e) => (
          <tr key={`${e.month}-${e.modelId}-${e.currency}`}>
            <th scope="row">{e.month}</th>
            <td>{e.modelSlug}</td>
            <td>{formatMoney(e.grossMinor, e.currency)}</td>
            <td>{formatMoney(e.feeMinor, e.currency)}</td>
            <td>{formatMoney(e.netMinor, e.currency)}</td>
          </tr>
        ))}
      </DataTable>
      <p className="small">
        Total net:{' '}
        {data.totals
          .map(
            (t) => `${formatMoney(t.netMinor, t.currency)} (gross ${formatMoney(t.grossMinor, t.currency)})`,
          )
          .join(' · ')}
      </p>
    </>
  );
}

export function EarningsPanel() {
  const earnings = useQuery({ queryKey: ['earnings'], queryFn: () => call(api.GET('/v1/earnings')) });
  return (
    <section aria-labelledby="earnings-title">
      <h2 id="earnings-title">Earnings by month</h2>
      <QueryState query={earnings} loadingLabel="Loading earnings">
        {(d) => <EarningsTable data={d} />}
      </QueryState>
    </section>
  );
}
