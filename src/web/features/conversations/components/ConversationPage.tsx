import { useNavigate, useParams } from 'react-router';
import { useMyKeys } from '../hooks/useConversations.js';
import { CONVERSATIONS_PATH } from '../navigation.js';
import { RecipientConversation } from './RecipientConversation.js';
import { WriterConversation } from './WriterConversation.js';

/**
 * One conversation by its id: the recipients' view. A writer's own conversations open from the list
 * by their local id instead (so their address never names the thread), but an address with the id of
 * a conversation whose key this browser holds still opens as the writer's.
 */
export function ConversationPage() {
  const { threadId = '' } = useParams();
  const navigate = useNavigate();
  const { keys } = useMyKeys();
  const own = keys.find((k) => k.threadId === threadId);
  if (own) {
    return <WriterConversation entry={own} onBack={() => void navigate(CONVERSATIONS_PATH)} />;
  }
  return <RecipientConversation key={threadId} threadId={threadId} />;
}
