/** Plan and price: a new plan row applies to new subscriptions; the history is kept. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Plan } from '../../api/types';
import { fieldErrors, TextField } from '../../components/Field';
import { formatDate, formatPrice } from '../../components/format';
import { FormError, QueryState } from '../../components/states';

export function PlanForm({ slug, current }: { slug: string; current: Plan | null }) {
  const queryClient = useQueryClient();
  const plans = useQuery({
    queryKey: ['plans', slug],
    queryFn: () => call(api.GET('/v1/models/{slug}/plans', { params: { path: { slug } } })),
  });
  const save = useMutation({
    mutationFn: (body: { priceMinor: number; currency: string; trialDays: number }) =>
      call(api.PUT('/v1/models/{slug}/plan', { params: { path: { slug } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plans', slug] });
      await queryClient.invalidateQueries({ queryKey: ['model', slug] });
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">Plan and price</h2>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const price = Number(String(form.get('price')).replace(',', '.'));
          save.mutate({
            priceMinor: Number.isFinite(price) ? Math.round(price * 100) : -1,
            currency: String(form.get('currency')).trim().toUpperCase(),
            trialDays: Number(form.get('trialDays')),
          });
        }}
      >
        <TextField
          label="Monthly price"
          name="price"
          inputMode="decimal"
          defaultValue={current ? (current.priceMinor / 100).toFixed(2) : '0.00'}
          error={errors.priceMinor}
          hint="0 makes the model free."
        />
        <TextField
          label="Currency"
          name="currency"
          defaultValue={current?.currency ?? 'USD'}
          maxLength={3}
          size={4}
          error={errors.currency}
        />
        <TextField
          label="Trial days"
          name="trialDays"
          type="number"
          min={0}
          max={30}
          defaultValue={current?.trialDays ?? 0}
          error={errors.trialDays}
        />
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save plan'}
        </button>
        <FormError error={save.error} />
        {save.isSuccess ? (
          <p className="ok" role="status">
            Saved: {formatPrice(save.data.priceMinor, save.data.currency)},{' '}
            {save.data.trialDays > 0 ? `${save.data.trialDays}-day trial` : 'no trial'}.
          </p>
        ) : null}
      </form>
      <QueryState query={plans} loadingLabel="Loading plan history">
        {(p) =>
          p.items.length ? (
            <details>
              <summary>Plan history ({p.items.length})</summary>
              <ul className="list">
                {p.items.map((plan) => (
                  <li key={plan.id}>
                    {formatPrice(plan.priceMinor, plan.currency)} · {plan.trialDays}-day trial · from{' '}
                    {formatDate(plan.effectiveFrom)}
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <p className="muted">No plan yet: the model shows "No plan published yet".</p>
          )
        }
      </QueryState>
    </section>
  );
}
