/** The frame of every page: skip link, demo banner, header with navigation, session message. */
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { session } from '../api/session';
import { hasRole, useSession, useSignOut } from './auth';
import { useMeta } from './meta';

const ENDED_TEXT = {
  expired: 'Your session has ended. Please sign in again.',
  ended: 'Your session was ended (signed out elsewhere or for safety). Please sign in again.',
  disabled: 'Your account has been disabled. Contact an administrator.',
  signed_out: '',
} as const;

export function DemoBanner() {
  const meta = useMeta();
  // A server-rendered banner (index.html served by seerd) already says it.
  if (!meta.data?.demo || document.getElementById('seer-demo-banner')) return null;
  return (
    <div className="demo-banner" role="note">
      <strong>Demo instance.</strong> The clock replays historical market data faster than real time; track
      records shown here are a demonstration, not live records.
    </div>
  );
}

function SessionEnded() {
  const state = useSession();
  if (!state.ended) return null;
  return (
    <div className="session-ended" role="alert">
      <span>{ENDED_TEXT[state.ended]}</span>{' '}
      {state.ended !== 'disabled' ? <Link to="/sign-in">Sign in</Link> : null}
      <button type="button" className="link" onClick={() => session.dismissEnded()}>
        Dismiss
      </button>
    </div>
  );
}

export function Layout() {
  const state = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);

  // Close the phone menu on navigation.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every route change
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const links: { to: string; label: string; show: boolean }[] = [
    { to: '/', label: 'Marketplace', show: true },
    { to: '/console', label: 'Developer console', show: hasRole(state, 'developer') },
    { to: '/subscriptions', label: 'Subscriptions', show: state.status === 'authenticated' },
    { to: '/api-keys', label: 'API keys', show: state.status === 'authenticated' },
    { to: '/admin', label: 'Admin', show: state.user?.roles.includes('admin') ?? false },
  ];

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DemoBanner />
      <header className="site-header">
        <Link to="/" className="brand" aria-label="Seer home">
          Seer
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <nav id="site-nav" aria-label="Main" className={menuOpen ? 'open' : ''}>
          <ul>
            {links
              .filter((l) => l.show)
              .map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to} end={l.to === '/'}>
                    {l.label}
                  </NavLink>
                </li>
              ))}
          </ul>
          <div className="account">
            {state.status === 'authenticated' ? (
              <>
                <NavLink to="/account" title={`Account of ${state.user?.email}`}>
                  {state.user?.displayName}
                </NavLink>
                <button
                  type="button"
                  onClick={async () => {
                    await signOut();
                    navigate('/');
                  }}
                >
                  Sign out
                </button>
              </>
            ) : state.status === 'anonymous' ? (
              <>
                <NavLink to="/sign-in">Sign in</NavLink>
                <NavLink to="/sign-up" className="button primary">
                  Sign up
                </NavLink>
              </>
            ) : null}
          </div>
        </nav>
      </header>
      <SessionEnded />
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <span>Seer</span> · <a href="/docs">API reference</a> · <a href="/openapi.json">OpenAPI</a> ·{' '}
        <span className="muted">
          Charts by{' '}
          <a href="https://www.tradingview.com/" rel="noopener noreferrer">
            TradingView Lightweight Charts™
          </a>
        </span>
      </footer>
    </>
  );
}
