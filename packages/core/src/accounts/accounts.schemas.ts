/** Request and response shapes of the accounts API (TypeBox, so they are both JSON Schema and types). */
import { type Static, Type } from 'typebox';
import { ROLES, SCOPES, SELF_SERVICE_ROLES } from './roles';

export const RoleSchema = Type.Enum([...ROLES], { description: 'developer, subscriber or admin' });
export const SelfServiceRoleSchema = Type.Enum([...SELF_SERVICE_ROLES]);
export const ScopeSchema = Type.Enum([...SCOPES], { description: 'An API key scope; see docs/API.md.' });
const Timestamp = Type.String({ format: 'date-time' });
const Id = Type.String({ format: 'uuid' });
// Generous bound only to stop megabyte passwords reaching argon2; the policy (12..256) is
// checked by the service so its answer can name the rule.
const Password = Type.String({ maxLength: 1024 });
const Email = Type.String({ minLength: 3, maxLength: 254 });

export const ClientSchema = Type.Enum(['browser', 'api'], {
  description:
    '"browser": the refresh token is set as an HttpOnly cookie and not returned in the body. "api" (default): it is returned in the body.',
});

export const RegisterBodySchema = Type.Object(
  {
    email: Email,
    password: Password,
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    roles: Type.Array(SelfServiceRoleSchema, { minItems: 1, maxItems: 2, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBodySchema>;

export const LoginBodySchema = Type.Object(
  { email: Email, password: Password, client: Type.Optional(ClientSchema) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const RefreshBodySchema = Type.Object(
  {
    refreshToken: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'API clients: the refresh token. Browsers omit it and send the cookie.',
      }),
    ),
    client: Type.Optional(ClientSchema),
  },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBodySchema>;

export const LogoutBodySchema = Type.Object(
  { refreshToken: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type LogoutBody = Static<typeof LogoutBodySchema>;

export const UserSchema = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  disabledAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
});
export type User = Static<typeof UserSchema>;

export const SessionSchema = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires.' }),
  refreshToken: Type.Optional(Type.String({ description: 'Only for API clients; browsers get the cookie.' })),
  refreshTokenExpiresAt: Timestamp,
  user: UserSchema,
});
export type Session = Static<typeof SessionSchema>;

export const MeSchema = Type.Object({
  ...UserSchema.properties,
  via: Type.Enum(['jwt', 'api_key']),
  scopes: Type.Array(ScopeSchema, { description: 'What this credential may do.' }),
  apiKeyId: Type.Union([Id, Type.Null()]),
});
export type Me = Static<typeof MeSchema>;

export const CreateApiKeyBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: SCOPES.length, uniqueItems: true }),
    expiresAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBodySchema>;

export const ApiKeySchema = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String({ description: 'Public part of the key, shown to tell keys apart.' }),
  scopes: Type.Array(ScopeSchema),
  createdAt: Timestamp,
  expiresAt: Type.Union([Timestamp, Type.Null()]),
  lastUsedAt: Type.Union([Timestamp, Type.Null()], { description: 'Updated at most once a minute.' }),
});
export type ApiKey = Static<typeof ApiKeySchema>;

export const CreatedApiKeySchema = Type.Object({
  ...ApiKeySchema.properties,
  key: Type.String({ description: 'The full key, seer_<prefix>_<secret>. Shown only in this response.' }),
});

export const ApiKeyListSchema = Type.Object({ items: Type.Array(ApiKeySchema) });
export const ApiKeyParamsSchema = Type.Object({ id: Id });

const Limit = Type.Integer({ minimum: 1, maximum: 1000, default: 50 });
const Cursor = Type.String({ minLength: 1, maxLength: 500, description: 'nextCursor of the previous page.' });

export const AdminUsersQuerySchema = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), email: Type.Optional(Email) },
  { additionalProperties: false },
);
export type AdminUsersQuery = Static<typeof AdminUsersQuerySchema>;

export const UserPageSchema = Type.Object({
  items: Type.Array(UserSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const UserParamsSchema = Type.Object({ id: Id });

export const RolesBodySchema = Type.Object(
  {
    grant: Type.Optional(Type.Array(RoleSchema, { maxItems: ROLES.length, uniqueItems: true })),
    revoke: Type.Optional(Type.Array(RoleSchema, { maxItems: ROLES.length, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type RolesBody = Static<typeof RolesBodySchema>;

export const AuditQuerySchema = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    userId: Type.Optional(Id),
    event: Type.Optional(Type.String({ pattern: '^[a-z][a-z_.]{1,63}$' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditEventSchema = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  event: Type.String(),
  actorUserId: Type.Union([Id, Type.Null()]),
  subjectUserId: Type.Union([Id, Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditEventSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ChangePasswordBodySchema = Type.Object(
  {
    currentPassword: Password,
    newPassword: Type.String({ maxLength: 1024, description: 'Same policy as at registration.' }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;
