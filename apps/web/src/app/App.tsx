/** Routes: one per screen; each feature folder owns its pages (subscriptions, metrics, playback slot in here). */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, Link, RouterProvider } from 'react-router';
import { ApiError } from '../api/client';
import { AccountPage } from '../features/account/AccountPage';
import { SignInPage } from '../features/accounts/SignInPage';
import { SignUpPage } from '../features/accounts/SignUpPage';
import { AdminPage } from '../features/admin/AdminPage';
import { ApiKeysPage } from '../features/api-keys/ApiKeysPage';
import { ConsolePage } from '../features/console/ConsolePage';
import { ModelConsolePage } from '../features/console/ModelConsolePage';
import { MarketplacePage } from '../features/marketplace/MarketplacePage';
import { ModelPage } from '../features/model/ModelPage';
import { SubscriptionsPage } from '../features/subscriptions/SubscriptionsPage';
import { RequireAuth, SessionKeeper } from './auth';
import { Layout } from './Layout';

function NotFound() {
  return (
    <section className="state state-empty">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the marketplace</Link>
      </p>
    </section>
  );
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 4xx answers are final; retry only network failures and 5xx.
        retry: (count, err) =>
          count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
    },
  });
}

export const routes = [
  {
    element: <Layout />,
    children: [
      { path: '/', element: <MarketplacePage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      { path: '/models/:slug', element: <ModelPage /> },
      {
        path: '/console',
        element: (
          <RequireAuth need="developer">
            <ConsolePage />
          </RequireAuth>
        ),
      },
      {
        path: '/console/models/:slug',
        element: (
          <RequireAuth need="developer">
            <ModelConsolePage />
          </RequireAuth>
        ),
      },
      {
        path: '/api-keys',
        element: (
          <RequireAuth>
            <ApiKeysPage />
          </RequireAuth>
        ),
      },
      {
        path: '/subscriptions',
        element: (
          <RequireAuth>
            <SubscriptionsPage />
          </RequireAuth>
        ),
      },
      {
        path: '/account',
        element: (
          <RequireAuth>
            <AccountPage />
          </RequireAuth>
        ),
      },
      {
        path: '/admin',
        element: (
          <RequireAuth need="admin">
            <AdminPage />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <QueryClientProvider client={queryClient}>
      <SessionKeeper />
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
