/** API keys: create with scopes (the secret is shown once, with a copy button), list, revoke. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { CreatedApiKey, Scope } from '../../api/types';
import { hasRole, useSession } from '../../app/auth';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';
import { fieldErrors, TextField } from '../../components/Field';
import { formatDate } from '../../components/format';
import { SecretOnce } from '../../components/SecretOnce';
import { Empty, FormError, ListState } from '../../components/states';
import { WebhooksSection } from '../webhooks/WebhooksSection';

const SCOPES: { scope: Scope; label: string; developerOnly?: boolean }[] = [
  { scope: 'predictions:read', label: 'Read predictions and performance' },
  { scope: 'models:read', label: 'Read model and version metadata' },
  { scope: 'models:write', label: 'Publish and manage your models', developerOnly: true },
  { scope: 'account:read', label: 'Read your account (GET /v1/me)' },
  { scope: 'webhooks:read', label: 'List your webhooks and their delivery log' },
  { scope: 'webhooks:write', label: 'Create and delete your webhooks' },
];

export function ApiKeysPage() {
  const state = useSession();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [scopes, setScopes] = useState<Scope[]>(['predictions:read']);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => call(api.GET('/v1/api-keys')) });
  const create = useMutation({
    mutationFn: (body: { name: string; scopes: Scope[]; expiresAt?: string }) =>
      call(api.POST('/v1/api-keys', { body })),
    onSuccess: async (key) => {
      setCreated(key);
      await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/v1/api-keys/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const errors = fieldErrors(create.error);
  const allowed = SCOPES.filter((s) => !s.developerOnly || hasRole(state, 'developer'));

  return (
    <section>
      <h1>API keys</h1>
      <p className="lede">Keys let bots and scripts call the API as you, limited to the scopes you choose.</p>
      {created ? (
        <SecretOnce
          title="Copy your new key now."
          secret={created.key}
          testId="new-api-key"
          copyLabel="Copy key"
          onDone={() => setCreated(null)}
        />
      ) : null}
      <form
        className="card"
        aria-labelledby="new-key-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const expires = String(form.get('expiresAt') ?? '');
          create.mutate({
            name: String(form.get('name')).trim(),
            scopes,
            ...(expires ? { expiresAt: `${expires}T00:00:00Z` } : {}),
          });
          e.currentTarget.reset();
        }}
      >
        <h2 id="new-key-title">Create a key</h2>
        <TextField label="Name" name="name" required placeholder="my trading bot" error={errors.name} />
        <fieldset className={errors.scopes ? 'field-invalid' : ''}>
          <legend>Scopes</legend>
          {allowed.map((s) => (
            <label key={s.scope} className="check">
              <input
                type="checkbox"
                checked={scopes.includes(s.scope)}
                onChange={() =>
                  setScopes((cur) =>
                    cur.includes(s.scope) ? cur.filter((x) => x !== s.scope) : [...cur, s.scope],
                  )
                }
              />
              <code>{s.scope}</code> — {s.label}
            </label>
          ))}
          {errors.scopes ? <p className="field-error">{errors.scopes}</p> : null}
        </fieldset>
        <TextField label="Expires on (optional)" name="expiresAt" type="date" error={errors.expiresAt} />
        <FormError error={create.error} />
        <button type="submit" className="primary" disabled={create.isPending || scopes.length === 0}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <h2>Your keys</h2>
      <ListState
        query={keys}
        items={keys.data?.items}
        loadingLabel="Loading your keys"
        empty={<Empty title="No API keys." />}
      >
        {(items) => (
          <DataTable
            label="Your API keys"
            columns={['Name', 'Prefix', 'Scopes', 'Created', 'Last used', 'Expires', ACTIONS_COLUMN]}
          >
            {items.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>
                  <code>{key.prefix}</code>
                </td>
                <td>{key.scopes.join(', ')}</td>
                <td>{formatDate(key.createdAt)}</td>
                <td>{formatDate(key.lastUsedAt)}</td>
                <td>{formatDate(key.expiresAt)}</td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    disabled={revoke.isPending}
                    onClick={() =>
                      window.confirm(`Revoke "${key.name}"? It stops working at once.`) &&
                      revoke.mutate(key.id)
                    }
                  >
                    Revoke<span className="visually-hidden"> {key.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListState>
      {revoke.isError ? <FormError error={revoke.error} /> : null}
      <WebhooksSection />
    </section>
  );
}
