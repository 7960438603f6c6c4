/**
 * The model page's subscription box: the caller's subscription state with cancel / resume, or
 * the subscribe button and its payment step (a card number; test cards with the mock provider).
 */
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../api/client';
import type { Model, Subscription } from '../../api/types';
import { useSession } from '../../app/auth';
import { fieldErrors, TextField } from '../../components/Field';
import { formatPrice } from '../../components/format';
import { ErrorState, FormError, Loading } from '../../components/states';
import {
  actionsFor,
  describeSubscription,
  isLive,
  normalizeCard,
  statusLabel,
  useSubscribe,
  useSubscriptionAction,
  useSubscriptions,
} from './subscriptions';

/** Cancel / resume (and accept a pending price rise) for one subscription. */
export function SubscriptionActions({
  subscription: s,
  modelName,
}: {
  subscription: Subscription;
  modelName: string;
}) {
  const action = useSubscriptionAction();
  const { cancel, resume } = actionsFor(s);
  const busy = action.isPending;
  return (
    <div className="subscription-actions">
      {cancel ? (
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            const msg =
              s.status === 'past_due' || s.status === 'incomplete'
                ? `Cancel your subscription to ${modelName} now?`
                : `Cancel your subscription to ${modelName}? Access lasts until the end of the current period.`;
            if (window.confirm(msg)) action.mutate({ id: s.id, action: 'cancel' });
          }}
        >
          Cancel subscription<span className="visually-hidden"> to {modelName}</span>
        </button>
      ) : null}
      {resume ? (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => action.mutate({ id: s.id, action: 'resume' })}
        >
          Resume subscription<span className="visually-hidden"> to {modelName}</span>
        </button>
      ) : null}
      {s.pendingPrice && isLive(s) ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => action.mutate({ id: s.id, action: 'accept-price' })}
        >
          Accept the new price ({formatPrice(s.pendingPrice.priceMinor, s.pendingPrice.currency)})
        </button>
      ) : null}
      {busy ? <span role="status">Saving…</span> : null}
      <FormError error={action.error} />
    </div>
  );
}

function PaymentStep({ model, onDone }: { model: Model; onDone: () => void }) {
  const subscribe = useSubscribe();
  const plan = model.plan;
  if (!plan) return null;
  const errors = fieldErrors(subscribe.error);
  const declined = subscribe.error instanceof ApiError && subscribe.error.code === 'payment_declined';
  const cardError =
    errors.paymentMethod ??
    (subscribe.error instanceof ApiError &&
    ['payment_method_invalid', 'payment_method_required'].includes(subscribe.error.code)
      ? subscribe.error.problem.detail
      : undefined);
  return (
    <form
      className="payment-step"
      aria-label="Payment"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const card = normalizeCard(String(new FormData(e.currentTarget).get('card') ?? ''));
        subscribe.mutate(
          { model: model.slug, ...(card ? { paymentMethod: card } : {}) },
          { onSuccess: () => onDone() },
        );
      }}
    >
      <p>
        {plan.trialDays > 0
          ? `${plan.trialDays} days free, then ${formatPrice(plan.priceMinor, plan.currency)}. Cancel any time during the trial and you are never charged.`
          : `${formatPrice(plan.priceMinor, plan.currency)}, charged now and every month until you cancel.`}
      </p>
      <TextField
        label="Card number"
        name="card"
        inputMode="numeric"
        autoComplete="cc-number"
        placeholder="4242 4242 4242 4242"
        error={cardError}
        hint="Leave empty to use the card already on file."
      />
      <details className="test-cards">
        <summary>Test cards (mock payment provider)</summary>
        <p className="small">
          <code>4242 4242 4242 4242</code> always succeeds; <code>4000 0000 0000 0002</code> is declined;{' '}
          <code>4000 0000 0000 0341</code> fails later, at the charge.
        </p>
      </details>
      {declined ? (
        <p className="form-error" role="alert">
          Your card was declined. {subscribe.error instanceof ApiError ? subscribe.error.problem.detail : ''}
        </p>
      ) : cardError ? null : (
        <FormError error={subscribe.error} />
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={subscribe.isPending}>
          {subscribe.isPending
            ? 'Subscribing…'
            : plan.trialDays > 0
              ? 'Start the free trial'
              : 'Pay and subscribe'}
        </button>
        <button type="button" onClick={onDone} disabled={subscribe.isPending}>
          Back
        </button>
      </div>
    </form>
  );
}

export function SubscribeBox({ model }: { model: Model }) {
  const state = useSession();
  const location = useLocation();
  const signedIn = state.status === 'authenticated';
  const subs = useSubscriptions(signedIn);
  const [paying, setPaying] = useState(false);
  const plan = model.plan;

  if (!plan) return null;
  if (state.status === 'unknown') return null;
  if (!signedIn) {
    return (
      <p>
        <Link className="button primary" to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>
          Sign in to subscribe
        </Link>
      </p>
    );
  }
  if (state.user?.id === model.owner.id) return <p className="muted small">This is your model.</p>;
  if (model.deployedVersions.length === 0) return <p className="muted small">Not deployed yet.</p>;
  if (subs.isPending) return <Loading label="Loading your subscription" />;
  if (subs.isError) return <ErrorState error={subs.error} retry={() => void subs.refetch()} />;

  const live = subs.data.items.find((s) => s.modelId === model.id && isLive(s));
  if (live) {
    return (
      <div className="subscription-state" data-testid="subscription-state">
        <p>
          <strong>{statusLabel(live)}</strong>
        </p>
        <p className="small" aria-live="polite">
          {describeSubscription(live)}
        </p>
        <SubscriptionActions subscription={live} modelName={model.name} />
      </div>
    );
  }
  if (plan.priceMinor === 0) {
    return <FreeSubscribe model={model} />;
  }
  return paying ? (
    <PaymentStep model={model} onDone={() => setPaying(false)} />
  ) : (
    <button type="button" className="primary" onClick={() => setPaying(true)}>
      {plan.trialDays > 0 ? `Start ${plan.trialDays}-day free trial` : 'Subscribe'}
    </button>
  );
}

function FreeSubscribe({ model }: { model: Model }) {
  const subscribe = useSubscribe();
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={subscribe.isPending}
        onClick={() => subscribe.mutate({ model: model.slug })}
      >
        {subscribe.isPending ? 'Subscribing…' : 'Subscribe (free)'}
      </button>
      <FormError error={subscribe.error} />
    </>
  );
}
