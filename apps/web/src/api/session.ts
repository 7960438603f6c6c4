/**
 * The browser session: the access token lives in memory only; the refresh token is the
 * HttpOnly `seer_refresh` cookie the page never sees. Refreshes are serialized (one in flight,
 * and across tabs with the Web Locks API) because a refresh token works once: two parallel
 * refreshes with the same cookie would end the session as a suspected theft.
 */
import type { LoginResult, Me } from './types';

export type EndReason = 'expired' | 'ended' | 'disabled' | 'signed_out';

export interface SessionState {
  status: 'unknown' | 'anonymous' | 'authenticated';
  user: LoginResult['user'] | Me | null;
  /** Why the last session ended, until the user signs in again or dismisses it. */
  ended: EndReason | null;
}

const WAS_SIGNED_IN = 'seer.signedIn';

let state: SessionState = { status: 'unknown', user: null, ended: null };
let token: string | null = null;
let expiresAt = 0;
let inflight: Promise<string | null> | null = null;
const listeners = new Set<() => void>();

function set(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

function remember(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(WAS_SIGNED_IN, '1');
    else localStorage.removeItem(WAS_SIGNED_IN);
  } catch {
    // storage disabled: the "session ended" message is then only shown within a page's life
  }
}

function wasSignedIn(): boolean {
  try {
    return localStorage.getItem(WAS_SIGNED_IN) === '1';
  } catch {
    return false;
  }
}

/** Why the last refresh failed: the server refused it (401: the session is over) or it could not tell. */
let lastFailure: 'refused' | 'unavailable' | null = null;
let resuming: Promise<void> | null = null;

async function doRefresh(): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch('/v1/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  } catch {
    lastFailure = 'unavailable';
    return null;
  }
  if (!res.ok) {
    // 401 (refresh_token_invalid, refresh_token_reused, account_disabled): the session is over.
    lastFailure = res.status === 401 ? 'refused' : 'unavailable';
    return null;
  }
  lastFailure = null;
  const body = (await res.json()) as LoginResult;
  accept(body);
  return body.accessToken;
}

function accept(body: LoginResult): void {
  token = body.accessToken;
  expiresAt = Date.now() + body.expiresIn * 1000;
  remember(true);
  set({ status: 'authenticated', user: body.user, ended: null });
}

export const session = {
  getState: (): SessionState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  accessToken: (): string | null => token,
  /** Seconds until the access token expires (negative when it has). */
  secondsLeft: (): number => Math.round((expiresAt - Date.now()) / 1000),
  signedIn: accept,

  /** One refresh at a time, in this tab and across tabs; resolves to the new token or null. */
  refresh(): Promise<string | null> {
    if (!inflight) {
      const run = () => doRefresh();
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      inflight = (locks ? locks.request('seer-refresh', run) : run()).finally(() => {
        inflight = null;
      });
    }
    return inflight;
  },

  /** At start-up: resume the session from the refresh cookie, silently. */
  resume(): Promise<void> {
    // Once per page, however often it is asked (React's StrictMode runs start-up effects twice):
    // a second run would find the "was signed in" mark already cleared and hide the message.
    if (!resuming) {
      resuming = (async () => {
        const hadSession = wasSignedIn();
        const renewed = await session.refresh();
        if (renewed) return;
        if (lastFailure === 'refused') {
          // The server refused the cookie after an earlier sign-in: say the session has ended.
          remember(false);
          set({ status: 'anonymous', user: null, ended: hadSession ? 'expired' : null });
        } else {
          // The server could not be asked: keep the mark so a later visit can still tell.
          set({ status: 'anonymous', user: null, ended: null });
        }
      })().finally(() => {
        resuming = null;
      });
    }
    return resuming;
  },

  /** The server ended the session (expired, revoked, disabled): forget it and say so. */
  end(reason: EndReason): void {
    if (state.status !== 'authenticated' && reason !== 'signed_out') return;
    token = null;
    expiresAt = 0;
    // Signing out forgets the session; an ended one is remembered, so a reload says so again.
    if (reason === 'signed_out') remember(false);
    set({ status: 'anonymous', user: null, ended: reason === 'signed_out' ? null : reason });
  },

  dismissEnded(): void {
    remember(false);
    set({ ended: null });
  },

  updateUser(user: Me): void {
    set({ user });
  },
};
