/** Row -> API view mappers and the visibility rules shared by the registry services. */
import { AppError, forbidden, notFound } from '../errors';
import { isPublic } from './lifecycle';
import type { ModelRow } from './models.repo';
import type { PlanRow } from './plans.repo';
import type { DeployCheck, Model, Plan, ValidationReport, Version, VersionSummary } from './registry.schemas';
import { compareVersionStrings } from './semver';
import type { VersionRow } from './versions.repo';

/** Who is acting: a principal from the API, or a script (demo, CLI). */
export interface Actor {
  userId: string;
  roles: readonly string[];
}

export const isAdmin = (a: Actor | null | undefined): boolean => !!a?.roles.includes('admin');

export function canManage(actor: Actor | null | undefined, model: { owner_id: string }): boolean {
  return !!actor && (actor.userId === model.owner_id || isAdmin(actor));
}

export function requireDeveloper(actor: Actor): void {
  if (!actor.roles.includes('developer') && !isAdmin(actor))
    throw new AppError('forbidden', { detail: 'Publishing models requires the developer role.' });
}

/**
 * The owner (or an admin) may manage; others get 404 for what they cannot see (drafts, models
 * never deployed) so existence does not leak, and 403 for what they can see but not change.
 */
export function requireManage(actor: Actor | null, model: ModelRow, publiclyVisible: boolean): void {
  if (canManage(actor, model)) return;
  if (!publiclyVisible) throw notFound(`Model ${model.slug}`);
  throw forbidden('Only the owner of this model may do this.');
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function planView(row: PlanRow): Plan {
  return {
    id: row.id,
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    billingPeriod: 'month',
    trialDays: row.trial_days,
    free: Number(row.price_minor) === 0,
    effectiveFrom: new Date(row.effective_from).toISOString(),
  };
}

export function versionSummary(row: VersionRow): VersionSummary {
  return {
    version: row.version,
    status: row.status,
    interval: row.interval,
    horizon: row.horizon,
    target: row.target,
    symbols: row.symbols,
    digest: row.digest,
    createdAt: new Date(row.created_at).toISOString(),
    deployedAt: iso(row.deployed_at),
    retiredAt: iso(row.retired_at),
  };
}

function json<T>(v: unknown): T {
  // pg parses jsonb; be tolerant of drivers handing back text.
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function versionView(row: VersionRow, slug: string): Version {
  return {
    id: row.id,
    model: slug,
    ...versionSummary(row),
    manifest: json<Version['manifest']>(row.manifest),
    artifactBytes: Number(row.artifact_bytes),
    unpackedBytes: Number(row.unpacked_bytes),
    fileCount: row.file_count,
    signingKeyId: row.signing_key_id,
    validation: json<ValidationReport>(row.validation),
    deployCheck: row.deploy_check == null ? null : json<DeployCheck>(row.deploy_check),
  };
}

/** Versions the viewer may see: all for the owner/admin, non-drafts for everyone else. */
export function visibleVersions(viewer: Actor | null, model: ModelRow, rows: VersionRow[]): VersionRow[] {
  const all = canManage(viewer, model);
  return rows
    .filter((r) => all || isPublic(r.status))
    .sort((a, b) => compareVersionStrings(a.version, b.version));
}

export function modelView(
  viewer: Actor | null,
  model: ModelRow,
  versions: VersionRow[],
  plan: PlanRow | undefined,
): Model {
  const visible = visibleVersions(viewer, model, versions);
  return {
    id: model.id,
    slug: model.slug,
    name: model.name,
    description: model.description,
    tags: model.tags,
    symbols: model.symbols,
    owner: { id: model.owner_id, displayName: model.owner_display_name },
    createdAt: new Date(model.created_at).toISOString(),
    updatedAt: new Date(model.updated_at).toISOString(),
    plan: plan ? planView(plan) : null,
    deployedVersions: visible.filter((v) => v.status === 'deployed').map(versionSummary),
    latestVersion: visible.at(-1)?.version ?? null,
  };
}
