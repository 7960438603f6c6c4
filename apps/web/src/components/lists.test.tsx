// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { useCursorList } from '../api/useCursorList';
import { ACTIONS_COLUMN, DataTable } from './DataTable';
import { Empty, ListState } from './states';

afterEach(cleanup);

const idle: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown } = {
  isPending: false,
  isError: false,
  error: null,
  refetch: () => undefined,
};

function Rows({ items }: { items: readonly string[] }) {
  return (
    <DataTable label="Fruit" caption="Fruit in the basket" columns={['Name', ACTIONS_COLUMN]}>
      {items.map((name) => (
        <tr key={name}>
          <th scope="row">{name}</th>
          <td>
            <button type="button">Eat</button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function list(query: typeof idle, items: readonly string[] | undefined) {
  return (
    <ListState query={query} items={items} loadingLabel="Loading fruit" empty={<Empty title="No fruit." />}>
      {(rows) => <Rows items={rows} />}
    </ListState>
  );
}

describe('ListState with a DataTable', () => {
  it('shows the rows in a captioned table inside a focusable region, the actions header for screen readers only', () => {
    render(list(idle, ['apple', 'pear']));
    const region = screen.getByRole('region', { name: 'Fruit' });
    expect(region.tabIndex).toBe(0);
    const table = screen.getByRole('table', { name: 'Fruit in the basket' });
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Name', 'Actions']);
    expect(headers.every((h) => h.getAttribute('scope') === 'col')).toBe(true);
    expect(headers[1]?.querySelector('.visually-hidden')?.textContent).toBe('Actions');
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['apple', 'pear']);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
  });

  it('names the table by its label when no caption is given', () => {
    render(
      <DataTable label="Runs" columns={['When']}>
        {null}
      </DataTable>,
    );
    expect(screen.getByRole('table', { name: 'Runs' })).toBeTruthy();
  });

  it('says so when the list is empty, and shows no table', () => {
    render(list(idle, []));
    expect(screen.getByText('No fruit.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the loading state while pending', () => {
    render(list({ ...idle, isPending: true }, undefined));
    expect(screen.getByRole('status').textContent).toBe('Loading fruit…');
    expect(screen.queryByText('No fruit.')).toBeNull();
  });

  it("shows the problem's detail and request id, and retries", () => {
    const refetch = vi.fn();
    const error = new ApiError({
      status: 503,
      code: 'unavailable',
      detail: 'Try later.',
      requestId: 'req-1',
    });
    render(list({ ...idle, isError: true, error, refetch }, undefined));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Try later.');
    expect(alert.textContent).toContain('req-1');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledOnce();
  });
});

type FetchPage = (cursor: { cursor?: string }) => Promise<{ items: string[]; nextCursor: string | null }>;

function Paged({ fetchPage }: { fetchPage: FetchPage }) {
  const { query, items } = useCursorList({ queryKey: ['fruit'], fetchPage });
  return (
    <>
      <p data-testid="items">{items?.join(',') ?? 'none'}</p>
      {query.hasNextPage ? (
        <button type="button" onClick={() => void query.fetchNextPage()}>
          More
        </button>
      ) : null}
    </>
  );
}

describe('useCursorList', () => {
  it('passes no cursor for the first page, then the previous nextCursor, and joins the pages', async () => {
    const fetchPage = vi.fn(async (cursor: { cursor?: string }) =>
      cursor.cursor === 'c2'
        ? { items: ['c', 'd'], nextCursor: null }
        : { items: ['a', 'b'], nextCursor: 'c2' },
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrap = (node: ReactNode) => <QueryClientProvider client={client}>{node}</QueryClientProvider>;
    render(wrap(<Paged fetchPage={fetchPage} />));
    await waitFor(() => expect(screen.getByTestId('items').textContent).toBe('a,b'));
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    await waitFor(() => expect(screen.getByTestId('items').textContent).toBe('a,b,c,d'));
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
    expect(fetchPage.mock.calls.map(([c]) => c)).toEqual([{}, { cursor: 'c2' }]);
  });
});
