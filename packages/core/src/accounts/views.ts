/** Row -> API shape conversions shared by the account services. */
import type { ApiKeyRow } from './api-keys.repo';
import type { AuditRow } from './audit.repo';
import { normalizeRoles, type Role, SCOPES, type Scope } from './roles';
import type { UserRow } from './users.repo';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  disabledAt: string | null;
  createdAt: string;
}

export function userView(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    roles: normalizeRoles(u.roles),
    disabledAt: u.disabled_at ? u.disabled_at.toISOString() : null,
    createdAt: u.created_at.toISOString(),
  };
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export function apiKeyView(k: ApiKeyRow): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: SCOPES.filter((s) => k.scopes.includes(s)),
    createdAt: k.created_at.toISOString(),
    expiresAt: k.expires_at ? k.expires_at.toISOString() : null,
    lastUsedAt: k.last_used_at ? k.last_used_at.toISOString() : null,
  };
}

export interface AuditEventView {
  id: number;
  at: string;
  event: string;
  actorUserId: string | null;
  subjectUserId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

export function auditView(a: AuditRow): AuditEventView {
  return {
    id: Number(a.id),
    at: a.at.toISOString(),
    event: a.event,
    actorUserId: a.actor_user_id,
    subjectUserId: a.subject_user_id,
    ip: a.ip,
    userAgent: a.user_agent,
    details: a.details ?? {},
  };
}
