/** Session hooks for the screens: who is signed in, sign in/out, and route guards. */
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, api, call } from '../api/client';
import { type SessionState, session } from '../api/session';
import type { Role } from '../api/types';
import { Loading } from '../components/states';

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

export function hasRole(state: SessionState, role: Role): boolean {
  const roles = state.user?.roles ?? [];
  return roles.includes(role) || roles.includes('admin');
}

export async function signIn(email: string, password: string): Promise<void> {
  const body = await call(api.POST('/v1/auth/login', { body: { email, password, client: 'browser' } }));
  session.signedIn(body);
}

export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await fetch('/v1/auth/logout', { method: 'POST', credentials: 'same-origin' });
    } finally {
      session.end('signed_out');
      queryClient.clear();
    }
  };
}

/** Resumes the session from the refresh cookie at start-up and keeps the access token fresh. */
export function SessionKeeper() {
  const state = useSession();
  useEffect(() => {
    if (session.getState().status === 'unknown') void session.resume();
  }, []);
  useEffect(() => {
    if (state.status !== 'authenticated') return;
    // Refresh a minute before the access token expires (or soon, for very short lifetimes).
    const delay = Math.max(5, session.secondsLeft() - 60) * 1000;
    const timer = setTimeout(() => {
      void session.refresh().then((t) => {
        if (!t) session.end('expired');
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [state]);
  return null;
}

/** Renders children for a signed-in user with the role; otherwise sends them to sign in. */
export function RequireAuth({ need: role, children }: { need?: Role; children: ReactNode }) {
  const state = useSession();
  const location = useLocation();
  if (state.status === 'unknown') return <Loading label="Checking your session" />;
  if (state.status === 'anonymous') {
    return (
      <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  }
  if (role && !hasRole(state, role)) {
    return (
      <div className="state state-error" role="alert">
        <p className="state-title">Not allowed</p>
        <p>This page needs the {role} role.</p>
      </div>
    );
  }
  return <>{children}</>;
}

export function isProblem(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}
