/** What other parts of the app use from anonymous conversations: the card for the listening home. */
export { ConversationsSummary } from './components/ConversationsSummary.js';
export { CONVERSATIONS_PATH, useOpenConversation } from './navigation.js';
