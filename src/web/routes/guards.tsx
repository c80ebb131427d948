import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { onApiError } from '../api.js';
import { ErrorState, Loading } from '../components/States.js';
import { ME_KEY, useMe, useSetupStatus } from '../features/auth/hooks/useSession.js';

const PUBLIC = ['/setup', '/sign-in', '/forgot-password', '/reset-password', '/invite/'];

/** Sends a fresh installation to setup, and reacts to session-wide API errors. */
export function RootGate() {
  const setup = useSetupStatus();
  const location = useLocation();
  const qc = useQueryClient();

  useEffect(
    () =>
      onApiError((err) => {
        if (err.status === 401) {
          qc.setQueryData(ME_KEY, null);
        } else if (err.code === 'TOTP_ENROLMENT_REQUIRED') {
          void qc.invalidateQueries({ queryKey: ME_KEY });
        }
      }),
    [qc],
  );

  if (setup.isPending) {
    return <Loading />;
  }
  if (setup.data?.needed && location.pathname !== '/setup') {
    return <Navigate to="/setup" replace />;
  }
  if (setup.data && !setup.data.needed && location.pathname === '/setup') {
    return <Navigate to="/" replace />;
  }
  return <Outlet />;
}

export function isPublicPath(path: string): boolean {
  return PUBLIC.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)));
}

/** Only signed-in people pass; those who must set up two-step sign-in go there first. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return <Loading />;
  }
  if (me.isError) {
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.mustEnrollTotp && location.pathname !== '/two-step') {
    return <Navigate to="/two-step" replace />;
  }
  if (!me.data.mustEnrollTotp && location.pathname === '/two-step') {
    return <Navigate to="/" replace />;
  }
  return <Outlet />;
}
