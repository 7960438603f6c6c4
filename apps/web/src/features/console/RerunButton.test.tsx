// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RerunButton } from './RerunButton';

// Node's Request (used under jsdom) does not resolve relative URLs against the page as a browser
// does, and the API client (baseUrl '', same origin) takes Request when it is created: resolve
// them before the client module loads.
vi.hoisted(() => {
  const Base = globalThis.Request;
  globalThis.Request = class extends Base {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, globalThis.location.href) : input, init);
    }
  };
});

const RUN = '11111111-1111-4111-8111-111111111111';
const RERUN = '22222222-2222-4222-8222-222222222222';
const base = {
  id: RERUN,
  runId: RUN,
  storedInputDigest: 'a'.repeat(64),
  rerunInputDigest: null,
  compared: null,
  differences: [],
  errorCode: null,
  errorMessage: null,
  createdAt: '2026-11-27T21:00:00.000Z',
  startedAt: null,
  finishedAt: null,
};
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('RerunButton', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
  const mount = () => {
    return render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <RerunButton runId={RUN} />
      </QueryClientProvider>,
    );
  };

  it('posts the rerun, polls it and lists the rows that differ', async () => {
    const fetchMock = vi.fn(async (req: Request) =>
      req.method === 'POST'
        ? json(202, { ...base, status: 'queued' })
        : json(200, {
            ...base,
            status: 'mismatch',
            rerunInputDigest: 'a'.repeat(64),
            compared: 1,
            differences: [
              {
                symbol: 'BTC-USD',
                stored: { value: 0.01, confidence: 0.5 },
                rerun: { value: 0.02, confidence: 0.5 },
              },
            ],
          }),
    );
    vi.stubGlobal('fetch', fetchMock);
    mount();
    fireEvent.click(screen.getByRole('button', { name: 'Re-run' }));
    const table = await waitFor(() => screen.getByRole('table', { name: 'Differing predictions' }), {
      timeout: 5000,
    });
    expect(table.textContent).toContain('BTC-USD');
    expect(table.textContent).toContain('0.01 (conf. 0.5)');
    expect(table.textContent).toContain('0.02 (conf. 0.5)');
    expect(screen.getByRole('status').textContent).toContain('Mismatch');
    const calls = fetchMock.mock.calls.map(([r]) => `${r.method} ${new URL(r.url).pathname}`);
    expect(calls[0]).toBe(`POST /v1/runs/${RUN}/rerun`);
    expect(calls).toContain(`GET /v1/reruns/${RERUN}`);
  });

  it('shows the problem when the run cannot be re-run', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(
          409,
          { status: 409, code: 'run_not_rerunnable', detail: 'only a succeeded run can be re-run' },
          'application/problem+json',
        ),
      ),
    );
    mount();
    fireEvent.click(screen.getByRole('button', { name: 'Re-run' }));
    await waitFor(() => expect(document.body.textContent).toContain('only a succeeded run can be re-run'));
  });
});
