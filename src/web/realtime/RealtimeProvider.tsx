import { useQueryClient } from '@tanstack/react-query';
import { createContext, useEffect, useState, type ReactNode } from 'react';
import { ME_KEY, useMe } from '../features/auth/hooks/useSession.js';
import { RealtimeClient } from './client.js';

export const RealtimeContext = createContext<RealtimeClient | null>(null);

const socketUrl = () => `${location.protocol === 'https:' ? 'wss://' : 'ws://'}${location.host}/api/realtime`;

/**
 * Keeps one live connection per tab while someone is signed in. When the server says the client
 * missed too much, every cached query is marked stale so that what is on screen refetches; when the
 * session ends, the session is checked again and the app signs out.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [client] = useState(
    () =>
      new RealtimeClient({
        url: socketUrl(),
        onResync: () => void qc.invalidateQueries(),
        onSessionEnded: () => void qc.invalidateQueries({ queryKey: ME_KEY }),
        onRefused: () => void qc.invalidateQueries({ queryKey: ME_KEY }),
      }),
  );
  const userId = me && !me.mustEnrollTotp ? me.user.id : null;

  useEffect(() => {
    if (!userId) {
      return;
    }
    client.start();
    const online = () => client.reconnectSoon();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      client.stop();
    };
  }, [client, userId]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}
