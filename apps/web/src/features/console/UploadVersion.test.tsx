// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UploadVersion } from './UploadVersion';

describe('UploadVersion', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('sends the file as the raw gzip body and lists every invalid seer.toml field from a 422', async () => {
    const fetchMock = vi.fn(
      async (_req: Request) =>
        new Response(
          JSON.stringify({
            status: 422,
            code: 'manifest_invalid',
            detail: 'seer.toml has invalid fields; see errors for each one.',
            errors: [
              { field: '/interval', message: 'must be one of 1h, 4h, 1d' },
              { field: '/symbols', message: 'must list 1 to 20 symbols' },
            ],
          }),
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
    );
    vi.stubGlobal('fetch', fetchMock);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <UploadVersion slug="my-model" />
      </QueryClientProvider>,
    );
    const file = new File([new Uint8Array([0x1f, 0x8b, 8, 0])], 'bad.tar.gz', { type: 'application/gzip' });
    fireEvent.change(screen.getByLabelText('Choose a file'), { target: { files: [file] } });
    const list = await waitFor(() => screen.getByRole('list', { name: 'Invalid fields' }));
    expect(list.textContent).toContain('interval: must be one of 1h, 4h, 1d');
    expect(list.textContent).toContain('symbols: must list 1 to 20 symbols');
    expect(screen.getByText('seer.toml has invalid fields')).toBeTruthy();
    const req = fetchMock.mock.calls[0]?.[0] as Request;
    expect(req.method).toBe('POST');
    expect(new URL(req.url).pathname).toBe('/v1/models/my-model/versions');
    expect(req.headers.get('content-type')).toBe('application/gzip');
  });
});
