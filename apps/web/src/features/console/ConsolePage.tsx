/** The developer console's front page: the caller's models (deployed or not) and "create a model". */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { fieldErrors, TextField } from '../../components/Field';
import { formatDate } from '../../components/format';
import { Empty, FormError, ListState } from '../../components/states';
import { StatusBadge } from '../model/ModelPage';
import { EarningsPanel } from './EarningsPanel';

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

function CreateModelForm() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const create = useMutation({
    mutationFn: (body: { slug: string; name: string; description?: string; tags?: string[] }) =>
      call(api.POST('/v1/models', { body })),
    onSuccess: async (model) => {
      await queryClient.invalidateQueries({ queryKey: ['my-models'] });
      navigate(`/console/models/${model.slug}`);
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <form
      className="card"
      aria-labelledby="create-model"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const description = String(form.get('description') ?? '').trim();
        const tags = String(form.get('tags') ?? '')
          .split(',')
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean);
        create.mutate({
          slug,
          name: name.trim(),
          ...(description ? { description } : {}),
          ...(tags.length ? { tags } : {}),
        });
      }}
    >
      <h2 id="create-model">Create a model</h2>
      <TextField
        label="Name"
        name="name"
        required
        value={name}
        error={errors.name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugEdited) setSlug(slugify(e.target.value));
        }}
      />
      <TextField
        label="Slug (URL name)"
        name="slug"
        required
        value={slug}
        error={errors.slug}
        hint="3-64 lowercase letters, digits and single dashes; permanent once a version is deployed."
        onChange={(e) => {
          setSlugEdited(true);
          setSlug(e.target.value);
        }}
      />
      <div className="field">
        <label htmlFor="model-description">Description</label>
        <textarea id="model-description" name="description" rows={3} maxLength={5000} />
      </div>
      <TextField label="Tags (comma separated)" name="tags" error={errors.tags} />
      <FormError error={create.error} />
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create model'}
      </button>
    </form>
  );
}

export function ConsolePage() {
  const mine = useQuery({
    queryKey: ['my-models'],
    queryFn: () =>
      call(api.GET('/v1/models', { params: { query: { mine: true, limit: 200, sort: 'name' } } })),
  });
  return (
    <section>
      <h1>Developer console</h1>
      <div className="two-columns">
        <div>
          <h2>Your models</h2>
          <ListState
            query={mine}
            items={mine.data?.items}
            loadingLabel="Loading your models"
            empty={
              <Empty title="You have no model yet.">
                <p>Create one, then upload a version packaged as .tar.gz (see the authoring guide).</p>
              </Empty>
            }
          >
            {(items) => (
              <ul className="list">
                {items.map((m) => (
                  <li key={m.id}>
                    <Link to={`/console/models/${m.slug}`}>{m.name}</Link>{' '}
                    <span className="muted small">
                      {m.slug} · latest {m.latestVersion ?? 'none'} · updated {formatDate(m.updatedAt)}
                    </span>{' '}
                    {m.deployedVersions.length ? (
                      <StatusBadge status="deployed" />
                    ) : (
                      <StatusBadge status={m.latestVersion ? 'draft' : 'empty'} />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </ListState>
        </div>
        <CreateModelForm />
      </div>
      <EarningsPanel />
    </section>
  );
}
