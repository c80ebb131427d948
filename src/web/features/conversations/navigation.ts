import { useNavigate } from 'react-router';

export const CONVERSATIONS_PATH = '/listening/conversations';

/**
 * What the conversations page was asked to show, carried in the browser's history rather than the
 * address: a writer's conversation is named by its local id, which never reaches the server, not even
 * in the address the page is reloaded from.
 */
export interface ConversationsState {
  open?: string;
  compose?: boolean;
}

/** Opens one of the writer's conversations (by local id) or the writing dialog. */
export function useOpenConversation() {
  const navigate = useNavigate();
  return {
    open: (localId: string) => void navigate(CONVERSATIONS_PATH, { state: { open: localId } satisfies ConversationsState }),
    compose: () => void navigate(CONVERSATIONS_PATH, { state: { compose: true } satisfies ConversationsState }),
  };
}
