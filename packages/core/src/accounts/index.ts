/**
 * The public interface of the accounts domain: other packages import `@seer/core/accounts`, never its
 * files. Other packages' imports are added by tools/codemods/core-public-imports.mjs; edit freely.
 */

export {
  AdminUsersQuerySchema,
  ApiKeyListSchema,
  ApiKeyParamsSchema,
  AuditPageSchema,
  AuditQuerySchema,
  ChangePasswordBodySchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  LoginBodySchema,
  LogoutBodySchema,
  MeSchema,
  RefreshBodySchema,
  RegisterBodySchema,
  RolesBodySchema,
  SessionSchema,
  UserPageSchema,
  UserParamsSchema,
  UserSchema,
} from './accounts.schemas';
export { createAuditRepo } from './audit.repo';
export type { AuthCache } from './auth-cache';
export { AUTH_CHANNEL, authChange, createAuthCache } from './auth-cache';
export type { AccountServices } from './create-accounts';
export { createAccountServices, createAccountsOnly } from './create-accounts';
export type { Principal } from './principal';
export type { Role, Scope } from './roles';
export { isRole, scopesForRoles } from './roles';
export type { SessionTokens } from './sessions.service';
export { createSessionsService } from './sessions.service';
export { createMemoryThrottleStore, createRedisThrottleStore } from './throttle';
export { createUsersRepo } from './users.repo';
