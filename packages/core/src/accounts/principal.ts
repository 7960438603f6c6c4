/** Who is calling, as established by an access token or an API key. */
import type { Role, Scope } from './roles';

export interface Principal {
  userId: string;
  email: string;
  roles: Role[];
  via: 'jwt' | 'api_key';
  /** The API key's scopes (already narrowed to what its owner's roles allow); null for a JWT, which has every scope of its roles. */
  scopes: Scope[] | null;
  apiKeyId: string | null;
  /** The login session (refresh-token family, claim `sid`) of an access token; absent for API keys. */
  sessionId?: string | null;
}

/** Where a request came from, for the audit log and throttling. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export const NO_META: RequestMeta = { ip: null, userAgent: null };
