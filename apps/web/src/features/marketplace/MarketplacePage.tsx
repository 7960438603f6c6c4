/**
 * The catalogue: models with a deployed version. Search, filters and sort live in the URL so
 * a view can be shared and the back button works. Each card shows the key live metrics of its
 * newest deployed version (features/metrics); the catalogue sorts by any of them.
 */
import { type FormEvent, useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import type { CatalogueQuery, Model } from '../../api/types';
import { useCursorList } from '../../api/useCursorList';
import { formatDay, formatPrice } from '../../components/format';
import { Empty, ListState } from '../../components/states';
import { METRICS } from '../metrics/definitions';
import { MetricCard, useModelMetrics } from '../metrics/MetricCards';

const SORTS = [
  { value: 'newest', label: 'Newest' },
  { value: 'recently_deployed', label: 'Recently deployed' },
  { value: 'name', label: 'Name' },
  { value: 'sharpe', label: 'Sharpe ratio' },
  { value: 'total_return', label: 'Total return' },
  { value: 'max_drawdown', label: 'Max drawdown (smallest)' },
  { value: 'hit_rate', label: 'Hit rate' },
  { value: 'coverage', label: 'Coverage' },
  { value: 'sortino', label: 'Sortino ratio' },
  { value: 'calmar', label: 'Calmar ratio' },
  { value: 'psr', label: 'Probabilistic Sharpe' },
  { value: 'annualized_return', label: 'Annualised return' },
  { value: 'ic', label: 'Information coefficient' },
  { value: 'win_rate', label: 'Win rate' },
  { value: 'profit_factor', label: 'Profit factor' },
  { value: 'count', label: 'Predictions' },
] as const;

type Sort = (typeof SORTS)[number]['value'];
const CARD_METRICS = ['totalReturn', 'sharpe', 'maxDrawdown', 'hitRate', 'coverage'] as const;

/** The key live metrics of the newest deployed version, each with its definition as a tooltip. */
function CardMetrics({ model }: { model: Model }) {
  const metrics = useModelMetrics(model.slug, 'live');
  const version = model.deployedVersions[0]?.version;
  if (!version) return null;
  if (metrics.isPending) return <p className="muted small">Loading metrics…</p>;
  if (metrics.isError) return <p className="muted small">Metrics unavailable.</p>;
  const record = metrics.data.versions.find((v) => v.version === version)?.metrics;
  if (!record || record.count === 0) return <p className="muted small">No live record yet.</p>;
  return (
    <section aria-label={`Live metrics of ${model.name}`}>
      <dl className="metric-cards compact">
        {CARD_METRICS.map((key) => {
          const def = METRICS.find((d) => d.key === key);
          return def ? <MetricCard key={key} def={def} value={record[key]} /> : null;
        })}
      </dl>
    </section>
  );
}

export function liveSince(model: Model): string | null {
  const dates = model.deployedVersions.map((v) => v.deployedAt).filter((d): d is string => !!d);
  return dates.length ? (dates.sort()[0] ?? null) : null;
}

export function ModelCard({ model }: { model: Model }) {
  const v = model.deployedVersions[0];
  return (
    <li className="card model-card">
      <h2>
        <Link to={`/models/${model.slug}`}>{model.name}</Link>
      </h2>
      <p className="muted small">by {model.owner.displayName}</p>
      <p className="description">{model.description || 'No description.'}</p>
      <dl className="facts">
        <div>
          <dt>Symbols</dt>
          <dd>{(v?.symbols ?? model.symbols).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Interval</dt>
          <dd>{v ? `${v.interval} · ${v.target} · ${v.horizon}` : '—'}</dd>
        </div>
        <div>
          <dt>Live since</dt>
          <dd>{formatDay(liveSince(model))}</dd>
        </div>
        <div>
          <dt>Price</dt>
          <dd>
            {model.plan ? formatPrice(model.plan.priceMinor, model.plan.currency) : 'No plan yet'}
            {model.plan && model.plan.trialDays > 0 ? ` · ${model.plan.trialDays}-day trial` : ''}
          </dd>
        </div>
      </dl>
      <CardMetrics model={model} />
      {model.tags.length ? (
        <ul className="tags" aria-label="Tags">
          {model.tags.map((t) => (
            <li key={t}>
              <Link to={`/?tag=${encodeURIComponent(t)}`}>{t}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function queryFromParams(params: URLSearchParams): CatalogueQuery {
  const q: CatalogueQuery = { limit: 24 };
  const text = params.get('q');
  if (text) q.q = text;
  const tag = params.get('tag');
  if (tag) q.tag = tag;
  const symbol = params.get('symbol');
  if (symbol) q.symbol = symbol.toUpperCase();
  const interval = params.get('interval');
  if (interval === '1h' || interval === '4h' || interval === '1d') q.interval = interval;
  const target = params.get('target');
  if (target === 'return' || target === 'direction' || target === 'price') q.target = target;
  const sort = params.get('sort');
  if (sort && SORTS.some((s) => s.value === sort)) q.sort = sort as Sort;
  return q;
}

export function MarketplacePage() {
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const formId = useId();
  const { query: models, items } = useCursorList({
    queryKey: ['catalogue', query],
    fetchPage: (cursor) => call(api.GET('/v1/models', { params: { query: { ...query, ...cursor } } })),
  });

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['q', 'tag', 'symbol', 'interval', 'target', 'sort']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  };

  const filtered = [...params.keys()].some((k) => k !== 'sort');

  return (
    <section>
      <h1>Marketplace</h1>
      <p className="lede">
        Forecasting models running in a sandbox on point-in-time data. Every prediction is committed to a
        tamper-evident ledger before its outcome exists.
      </p>
      <form
        className="filters"
        onSubmit={onSubmit}
        aria-label="Search and filter models"
        key={params.toString()}
      >
        <div className="field grow">
          <label htmlFor={`${formId}-q`}>Search</label>
          <input
            id={`${formId}-q`}
            name="q"
            type="search"
            defaultValue={params.get('q') ?? ''}
            placeholder="Name, tag, description"
          />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-symbol`}>Symbol</label>
          <input
            id={`${formId}-symbol`}
            name="symbol"
            defaultValue={params.get('symbol') ?? ''}
            placeholder="USDCHF"
            size={8}
          />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-tag`}>Tag</label>
          <input id={`${formId}-tag`} name="tag" defaultValue={params.get('tag') ?? ''} size={10} />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-interval`}>Interval</label>
          <select id={`${formId}-interval`} name="interval" defaultValue={params.get('interval') ?? ''}>
            <option value="">Any</option>
            <option value="1h">1 hour</option>
            <option value="4h">4 hours</option>
            <option value="1d">1 day</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-target`}>Target</label>
          <select id={`${formId}-target`} name="target" defaultValue={params.get('target') ?? ''}>
            <option value="">Any</option>
            <option value="return">Return</option>
            <option value="direction">Direction</option>
            <option value="price">Price</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-sort`}>Sort by</label>
          <select id={`${formId}-sort`} name="sort" defaultValue={params.get('sort') ?? 'newest'}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field actions">
          <button type="submit" className="primary">
            Apply
          </button>
          {filtered ? (
            <button type="button" onClick={() => setParams(new URLSearchParams())}>
              Clear
            </button>
          ) : null}
        </div>
      </form>

      <ListState
        query={models}
        items={items}
        loadingLabel="Loading models"
        empty={
          <Empty title={filtered ? 'No model matches these filters.' : 'No model is deployed yet.'}>
            {filtered ? (
              <p>Try a broader search.</p>
            ) : (
              <p>Developers publish models from the developer console.</p>
            )}
          </Empty>
        }
      >
        {(shown) => (
          <>
            <p className="muted small" aria-live="polite">
              {shown.length} model{shown.length === 1 ? '' : 's'}
              {models.hasNextPage ? ' (more available)' : ''}
            </p>
            <ul className="card-grid">
              {shown.map((m) => (
                <ModelCard key={m.id} model={m} />
              ))}
            </ul>
            {models.hasNextPage ? (
              <button
                type="button"
                onClick={() => void models.fetchNextPage()}
                disabled={models.isFetchingNextPage}
              >
                {models.isFetchingNextPage ? 'Loading…' : 'Show more'}
              </button>
            ) : null}
          </>
        )}
      </ListState>
    </section>
  );
}
