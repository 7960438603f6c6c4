/**
 * The divergence alarm on the model page: for each version whose live record departs from its own
 * backtest over the same periods by more than chance explains (docs/METRICS.md, Divergence), a
 * notice with the test's figures. Public, like the metrics it comes from; says nothing otherwise.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export function DivergenceNotice({ slug }: { slug: string }) {
  const metrics = useQuery({
    queryKey: ['metrics', slug, 'live'],
    queryFn: () => call(api.GET('/v1/models/{slug}/metrics', { params: { path: { slug }, query: {} } })),
    retry: false,
  });
  if (!metrics.isSuccess) return null;
  const diverging = metrics.data.versions.filter((v) => v.divergence?.status === 'diverging');
  if (diverging.length === 0) return null;
  return (
    <div className="card notice notice-warning" role="status" aria-label="Divergence alarm">
      {diverging.map((v) => {
        const d = v.divergence;
        if (!d) return null;
        const direction = (d.meanDifference ?? 0) < 0 ? 'below' : 'above';
        return (
          <p key={v.version}>
            <strong>Version {v.version}: live results diverge from its backtest.</strong> Over {d.n} common
            periods the live strategy return ran {direction} the backtest by more than chance explains
            {d.pValue !== null ? ` (p = ${d.pValue.toPrecision(2)}, threshold ${d.alpha})` : ''}.
          </p>
        );
      })}
    </div>
  );
}
