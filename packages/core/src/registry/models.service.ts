/** Use cases for models: create, read (catalogue and detail), edit metadata. */
import { AppError, type FieldError, notFound } from '../errors';
import type { CatalogueSort, ModelsRepo } from './models.repo';
import type { PlansRepo } from './plans.repo';
import {
  type CatalogueQueryInput,
  type CreateModel,
  type Model,
  type ModelPage,
  SLUG_PATTERN,
  type UpdateModel,
} from './registry.schemas';
import type { VersionsRepo } from './versions.repo';
import { type Actor, canManage, modelView, requireDeveloper, requireManage } from './views';
import './registry-errors';
import type { Quotas } from '../quotas/quotas';

export interface ModelsServiceDeps {
  modelsRepo: ModelsRepo;
  versionsRepo: Pick<VersionsRepo, 'listByModel' | 'listByModels'>;
  plansRepo: Pick<PlansRepo, 'current' | 'currentForModels'>;
  clock: () => Date;
  /** Per-user limits (429); none in scripts and unit tests. */
  quotas?: Pick<Quotas, 'checkModels'>;
}

interface Cursor {
  s: CatalogueSort;
  k: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string, sort: CatalogueSort): Cursor {
  const bad = () =>
    new AppError('validation_failed', {
      detail: 'The cursor is invalid; use nextCursor from the previous page with the same sort.',
      errors: [{ field: 'querystring:/cursor', message: 'is not a cursor from this listing' }],
    });
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (c?.s !== sort || typeof c.k !== 'string' || typeof c.id !== 'string' || !/^[0-9a-f-]{36}$/.test(c.id))
      throw bad();
    return c;
  } catch {
    throw bad();
  }
}

const SLUG = new RegExp(SLUG_PATTERN);

/**
 * Slugs nobody may take: names of routes and words people would mistake for the platform's own.
 * They also give "not available" more than one meaning, so the answer to a taken slug does not
 * single out someone's unpublished model (the same 409, word for word, as for these).
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'mine',
  'new',
  'me',
  'seer',
  'official',
  'search',
  'settings',
  'login',
  'logout',
  'register',
  'docs',
  'metrics',
  'support',
  'security',
  'system',
  'root',
]);

const slugUnavailable = () =>
  new AppError('model_slug_taken', { detail: 'This slug is not available; choose another.' });

/** The HTTP schema checks these already; scripts (publishPackageDir) come through here too. */
function checkModelInput(input: CreateModel): void {
  const errors: FieldError[] = [];
  if (!SLUG.test(input.slug))
    errors.push({ field: '/slug', message: 'must be 3-64 lowercase letters, digits and single dashes' });
  if (input.name.length < 1 || input.name.length > 100)
    errors.push({ field: '/name', message: 'must be 1-100 characters' });
  if ((input.description ?? '').length > 5000)
    errors.push({ field: '/description', message: 'must be at most 5000 characters' });
  if ((input.tags ?? []).length > 20) errors.push({ field: '/tags', message: 'must list at most 20 tags' });
  if ((input.symbols ?? []).length > 100)
    errors.push({ field: '/symbols', message: 'must list at most 100 symbols' });
  if (errors.length > 0) throw new AppError('validation_failed', { detail: 'The model is invalid.', errors });
}

export function createModelsService(deps: ModelsServiceDeps) {
  const { modelsRepo, versionsRepo, plansRepo, clock } = deps;

  /** The model if the viewer may see it: it has public history, or the viewer manages it. */
  async function loadVisible(viewer: Actor | null, slug: string) {
    const model = await modelsRepo.findBySlug(slug);
    if (!model) throw notFound(`Model ${slug}`);
    const publiclyVisible = await modelsRepo.hasPublicHistory(model.id);
    if (!publiclyVisible && !canManage(viewer, model)) throw notFound(`Model ${slug}`);
    return { model, publiclyVisible };
  }

  async function view(viewer: Actor | null, modelId: string): Promise<Model> {
    const model = await modelsRepo.findById(modelId);
    if (!model) throw notFound('Model');
    const [versions, plan] = await Promise.all([
      versionsRepo.listByModel(model.id),
      plansRepo.current(model.id, clock()),
    ]);
    return modelView(viewer, model, versions, plan);
  }

  return {
    async create(actor: Actor, input: CreateModel): Promise<Model> {
      requireDeveloper(actor);
      checkModelInput(input);
      if (RESERVED_SLUGS.has(input.slug)) throw slugUnavailable();
      await deps.quotas?.checkModels(actor);
      const now = clock();
      const inserted = await modelsRepo.insert({
        owner_id: actor.userId,
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        tags: input.tags ?? [],
        symbols: input.symbols ?? [],
        created_at: now,
        updated_at: now,
      });
      // The same answer whether the slug is reserved, public or someone's unpublished draft.
      if (!inserted) throw slugUnavailable();
      return view(actor, inserted.id);
    },

    async get(viewer: Actor | null, slug: string): Promise<Model> {
      const { model } = await loadVisible(viewer, slug);
      return view(viewer, model.id);
    },

    async update(actor: Actor, slug: string, patch: UpdateModel): Promise<Model> {
      const { model, publiclyVisible } = await loadVisible(actor, slug);
      requireManage(actor, model, publiclyVisible);
      await modelsRepo.update(model.id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
        ...(patch.symbols !== undefined ? { symbols: patch.symbols } : {}),
        updated_at: clock(),
      });
      return view(actor, model.id);
    },

    /** The public catalogue (models with a deployed version), or `mine` for the caller's own models. */
    async catalogue(viewer: Actor | null, query: CatalogueQueryInput): Promise<ModelPage> {
      const sort = query.sort ?? 'newest';
      const limit = query.limit ?? 50;
      if (query.mine && !viewer)
        throw new AppError('unauthenticated', { detail: 'mine=true requires authentication.' });
      const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
      const rows = await modelsRepo.catalogue({
        q: query.q?.trim() || undefined,
        tag: query.tag,
        symbol: query.symbol,
        interval: query.interval,
        target: query.target,
        ownerId: query.mine ? viewer!.userId : undefined,
        sort,
        after: after ? { key: after.k, id: after.id } : undefined,
        limit,
      });
      const page = rows.slice(0, limit);
      const ids = page.map((r) => r.id);
      const [versions, plans] = await Promise.all([
        versionsRepo.listByModels(ids),
        plansRepo.currentForModels(ids, clock()),
      ]);
      const last = page.at(-1);
      return {
        items: page.map((m) =>
          modelView(
            viewer,
            m,
            versions.filter((v) => v.model_id === m.id),
            plans.get(m.id),
          ),
        ),
        nextCursor:
          rows.length > limit && last ? encodeCursor({ s: sort, k: last.sort_key, id: last.id }) : null,
      };
    },
  };
}

export type ModelsService = ReturnType<typeof createModelsService>;
