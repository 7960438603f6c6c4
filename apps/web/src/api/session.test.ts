// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authFetch } from './client';
import { session } from './session';

// The server is the outside boundary here: fetch is scripted per test.
function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const login = (token: string) => ({
  accessToken: token,
  tokenType: 'Bearer',
  expiresIn: 900,
  refreshTokenExpiresAt: '2030-01-01T00:00:00Z',
  user: {
    id: 'u1',
    email: 'a@example.com',
    displayName: 'A',
    roles: ['subscriber'],
    disabledAt: null,
    createdAt: '',
  },
});

describe('session and authFetch', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    localStorage.clear();
    session.signedIn(login('old') as Parameters<typeof session.signedIn>[0]);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    session.end('signed_out');
  });

  it('attaches the token; on token_expired refreshes once through the cookie and retries', async () => {
    fetchMock.mockImplementation(async (input: Request | string) => {
      const url = typeof input === 'string' ? input : input.url;
      if (url.endsWith('/v1/auth/refresh')) return json(200, login('new'));
      const auth = (input as Request).headers.get('authorization');
      return auth === 'Bearer new'
        ? json(200, { ok: true })
        : json(401, { code: 'token_expired', status: 401 });
    });
    // Two requests at once share one refresh (a refresh token works once).
    const [a, b] = await Promise.all([
      authFetch(new Request('http://x/v1/me')),
      authFetch(new Request('http://x/v1/api-keys')),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const refreshes = fetchMock.mock.calls.filter(([i]) =>
      String(typeof i === 'string' ? i : i.url).endsWith('/refresh'),
    );
    expect(refreshes).toHaveLength(1);
    expect(session.accessToken()).toBe('new');
    expect(session.getState().status).toBe('authenticated');
  });

  it('ends the session with a reason when the refresh fails', async () => {
    fetchMock.mockImplementation(async (input: Request | string) => {
      const url = typeof input === 'string' ? input : input.url;
      if (url.endsWith('/v1/auth/refresh')) return json(401, { code: 'refresh_token_invalid', status: 401 });
      return json(401, { code: 'token_revoked', status: 401 });
    });
    const res = await authFetch(new Request('http://x/v1/me'));
    expect(res.status).toBe(401);
    expect(session.getState()).toMatchObject({ status: 'anonymous', user: null, ended: 'ended' });
    expect(session.accessToken()).toBeNull();
  });

  it('at start-up, a dead cookie after a previous sign-in says the session expired; a first visit says nothing', async () => {
    fetchMock.mockResolvedValue(json(401, { code: 'refresh_token_invalid', status: 401 }));
    session.end('signed_out');
    localStorage.setItem('seer.signedIn', '1');
    await session.resume();
    expect(session.getState()).toMatchObject({ status: 'anonymous', ended: 'expired' });
    session.dismissEnded();
    await session.resume();
    expect(session.getState()).toMatchObject({ status: 'anonymous', ended: null });
  });

  it('a reload after a revoked session says it has ended even when start-up asks twice (StrictMode)', async () => {
    fetchMock.mockImplementation(async () =>
      json(401, { code: 'refresh_token_invalid', status: 401, detail: 'No refresh token' }),
    );
    session.end('signed_out');
    localStorage.setItem('seer.signedIn', '1');
    await Promise.all([session.resume(), session.resume()]);
    expect(session.getState()).toMatchObject({ status: 'anonymous', ended: 'expired' });
    // One refresh for both (a refresh token works once).
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('a server that cannot be reached at start-up is not called an ended session', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    session.end('signed_out');
    localStorage.setItem('seer.signedIn', '1');
    await session.resume();
    expect(session.getState()).toMatchObject({ status: 'anonymous', ended: null });
    expect(localStorage.getItem('seer.signedIn')).toBe('1');
    fetchMock.mockResolvedValue(json(503, { code: 'unavailable', status: 503 }));
    await session.resume();
    expect(session.getState()).toMatchObject({ status: 'anonymous', ended: null });
    // Once the server answers that the cookie is dead, the message shows.
    fetchMock.mockResolvedValue(json(401, { code: 'refresh_token_invalid', status: 401 }));
    await session.resume();
    expect(session.getState()).toMatchObject({ status: 'anonymous', ended: 'expired' });
  });
});
