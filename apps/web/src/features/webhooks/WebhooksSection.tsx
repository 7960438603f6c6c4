/**
 * Webhook endpoints of the signed-in user (docs/API.md, Webhooks): register a URL for a model
 * (the signing secret is shown once), delete one, and read its delivery log.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';
import { fieldErrors, TextField } from '../../components/Field';
import { formatDate } from '../../components/format';
import { SecretOnce } from '../../components/SecretOnce';
import { Empty, FormError, ListState } from '../../components/states';

function DeliveryLog({ id }: { id: string }) {
  const log = useQuery({
    queryKey: ['webhook-deliveries', id],
    queryFn: () =>
      call(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: 50 } } })),
  });
  return (
    <ListState
      query={log}
      items={log.data?.items}
      loadingLabel="Loading the delivery log"
      empty={<Empty title="No deliveries yet." />}
    >
      {(items) => (
        <DataTable
          label="Delivery log"
          columns={['When', 'Run', 'Attempt', 'Status', 'HTTP', 'Latency', 'Error']}
        >
          {items.map((a) => (
            <tr key={`${a.deliveryId}-${a.attempt}`}>
              <td>{formatDate(a.attemptedAt)}</td>
              <td>
                <code>{a.runId.slice(0, 8)}</code>
              </td>
              <td>{a.attempt}</td>
              <td>{a.deliveryStatus}</td>
              <td>{a.statusCode ?? '—'}</td>
              <td>{a.latencyMs === null ? '—' : `${a.latencyMs} ms`}</td>
              <td>{a.error ?? ''}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </ListState>
  );
}

export function WebhooksSection() {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => call(api.GET('/v1/webhooks')) });
  const create = useMutation({
    mutationFn: (body: { model: string; url: string }) => call(api.POST('/v1/webhooks', { body })),
    onSuccess: async (h) => {
      setSecret(h.secret);
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const errors = fieldErrors(create.error);

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="muted">
        Seer POSTs each new live prediction of a model you subscribe to, signed with HMAC-SHA256 (header{' '}
        <code>Seer-Signature</code>). Only public https URLs are accepted.
      </p>
      {secret ? (
        <SecretOnce
          title="Copy the signing secret now."
          secret={secret}
          testId="new-webhook-secret"
          onDone={() => setSecret(null)}
        />
      ) : null}
      <form
        className="card"
        aria-labelledby="new-webhook-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          create.mutate({ model: String(form.get('model')).trim(), url: String(form.get('url')).trim() });
        }}
      >
        <h3 id="new-webhook-title">Add an endpoint</h3>
        <TextField
          label="Model (slug)"
          name="model"
          required
          placeholder="momentum-btc"
          error={errors.model}
        />
        <TextField
          label="URL"
          name="url"
          type="url"
          required
          placeholder="https://bot.example.com/seer"
          error={errors.url}
        />
        <FormError error={create.error} />
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add endpoint'}
        </button>
      </form>
      <ListState
        query={hooks}
        items={hooks.data?.items}
        loadingLabel="Loading your webhooks"
        empty={<Empty title="No webhook endpoints." />}
      >
        {(items) => (
          <DataTable label="Your webhook endpoints" columns={['Model', 'URL', 'Created', ACTIONS_COLUMN]}>
            {items.map((w) => (
              <tr key={w.id}>
                <th scope="row">{w.model}</th>
                <td>
                  <code>{w.url}</code>
                </td>
                <td>{formatDate(w.createdAt)}</td>
                <td>
                  <button type="button" onClick={() => setOpen(open === w.id ? null : w.id)}>
                    {open === w.id ? 'Hide log' : 'Delivery log'}
                  </button>{' '}
                  <button
                    type="button"
                    className="danger"
                    disabled={remove.isPending}
                    onClick={() => window.confirm(`Delete the endpoint ${w.url}?`) && remove.mutate(w.id)}
                  >
                    Delete<span className="visually-hidden"> {w.url}</span>
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListState>
      {open ? <DeliveryLog id={open} /> : null}
      {remove.isError ? <FormError error={remove.error} /> : null}
    </section>
  );
}
