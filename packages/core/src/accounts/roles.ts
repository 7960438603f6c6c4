/**
 * Roles, API key scopes and which roles grant which scopes. Pure values: the auth plugin,
 * services and docs all read the same table.
 */
export const ROLES = ['developer', 'subscriber', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a user may pick when registering; admins are created by an operator or another admin. */
export const SELF_SERVICE_ROLES = ['developer', 'subscriber'] as const satisfies readonly Role[];

/**
 * `admin` gives an API key its owner's admin power (overriding ownership checks). Only admins can
 * mint it; without it, an admin's key acts as if its owner were not an admin.
 */
export const SCOPES = [
  'predictions:read',
  'models:read',
  'models:write',
  'account:read',
  'admin',
  'webhooks:read',
  'webhooks:write',
] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPES_BY_ROLE: Readonly<Record<Role, readonly Scope[]>> = {
  subscriber: ['predictions:read', 'models:read', 'account:read', 'webhooks:read', 'webhooks:write'],
  developer: [
    'predictions:read',
    'models:read',
    'models:write',
    'account:read',
    'webhooks:read',
    'webhooks:write',
  ],
  admin: SCOPES,
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Every scope any of the roles grants, in the canonical SCOPES order. */
export function scopesForRoles(roles: readonly Role[]): Scope[] {
  // Asked on every authorized request; there are only a handful of role sets.
  const key = roles.join(',');
  let scopes = scopesByRoleSet.get(key);
  if (!scopes) {
    const granted = new Set(roles.flatMap((r) => SCOPES_BY_ROLE[r]));
    scopes = SCOPES.filter((s) => granted.has(s));
    if (scopesByRoleSet.size < 64) scopesByRoleSet.set(key, scopes);
  }
  return scopes.slice();
}
const scopesByRoleSet = new Map<string, Scope[]>();

/** Roles in canonical order, deduplicated; unknown strings (from an old row) are dropped. */
export function normalizeRoles(roles: readonly string[]): Role[] {
  const set = new Set(roles);
  return ROLES.filter((r) => set.has(r));
}

/**
 * The roles a credential acts with: an API key without the `admin` scope never carries the
 * owner's admin role, so ownership checks that let admins through do not let it through.
 */
export function effectiveRoles(
  roles: readonly Role[],
  via: 'jwt' | 'api_key',
  scopes: readonly Scope[] | null,
): Role[] {
  if (via === 'jwt' || scopes?.includes('admin')) return [...roles];
  return roles.filter((r) => r !== 'admin');
}
