import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ApiError, setCsrfToken } from '../../../api.js';
import i18n, { isLanguage } from '../../../i18n/index.js';
import { authApi, type Me, type SessionStart } from '../api.js';

export const ME_KEY = ['me'] as const;

async function loadMe(): Promise<Me | null> {
  try {
    const me = await authApi.me();
    setCsrfToken(me.csrfToken);
    const locale = me.user.locale ?? me.org.defaultLocale;
    if (me.user.locale && isLanguage(locale) && !i18n.resolvedLanguage?.startsWith(locale)) {
      await i18n.changeLanguage(locale);
    }
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

const meQuery = {
  queryKey: ME_KEY,
  queryFn: loadMe,
  staleTime: 60_000,
  retry: (count: number, err: Error) => !(err instanceof ApiError && err.status < 500) && count < 2,
};

/** The signed-in person, or null when signed out. */
export function useMe() {
  return useQuery<Me | null>(meQuery);
}

/** Whether the organisation still needs its first-run setup. */
export function useSetupStatus() {
  return useQuery({ queryKey: ['setup'], queryFn: authApi.setupStatus, staleTime: Infinity, retry: 1 });
}

/** After any call that starts a session: keep the CSRF token, reload /api/me. */
export function useSessionStarted() {
  const qc = useQueryClient();
  return async (s: SessionStart) => {
    setCsrfToken(s.csrfToken);
    qc.setQueryData(['setup'], { needed: false });
    await qc.fetchQuery({ ...meQuery, staleTime: 0 });
  };
}

export function useSignOut() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: authApi.signOut,
    onSettled: async () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      await navigate('/sign-in', { replace: true });
    },
  });
}

export function useAbility(action: string): boolean {
  const { data } = useMe();
  return data?.abilities[action] === true;
}
