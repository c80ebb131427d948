import en from './en.json' with { type: 'json' };
import it from './it.json' with { type: 'json' };
import communitiesEn from '../features/communities/i18n/en.json' with { type: 'json' };
import communitiesIt from '../features/communities/i18n/it.json' with { type: 'json' };
import feedEn from '../features/feed/i18n/en.json' with { type: 'json' };
import feedIt from '../features/feed/i18n/it.json' with { type: 'json' };
import moderationEn from '../features/moderation/i18n/en.json' with { type: 'json' };
import moderationIt from '../features/moderation/i18n/it.json' with { type: 'json' };
import notificationsEn from '../features/notifications/i18n/en.json' with { type: 'json' };
import notificationsIt from '../features/notifications/i18n/it.json' with { type: 'json' };
import searchEn from '../features/search/i18n/en.json' with { type: 'json' };
import searchIt from '../features/search/i18n/it.json' with { type: 'json' };
import kudosEn from '../features/kudos/i18n/en.json' with { type: 'json' };
import kudosIt from '../features/kudos/i18n/it.json' with { type: 'json' };
import rewardsEn from '../features/rewards/i18n/en.json' with { type: 'json' };
import rewardsIt from '../features/rewards/i18n/it.json' with { type: 'json' };
import insightsEn from '../features/insights/i18n/en.json' with { type: 'json' };
import insightsIt from '../features/insights/i18n/it.json' with { type: 'json' };
import surveysEn from '../features/surveys/i18n/en.json' with { type: 'json' };
import surveysIt from '../features/surveys/i18n/it.json' with { type: 'json' };
import listeningEn from '../features/listening/i18n/en.json' with { type: 'json' };
import listeningIt from '../features/listening/i18n/it.json' with { type: 'json' };
import resultsEn from '../features/results/i18n/en.json' with { type: 'json' };
import resultsIt from '../features/results/i18n/it.json' with { type: 'json' };
import conversationsEn from '../features/conversations/i18n/en.json' with { type: 'json' };
import conversationsIt from '../features/conversations/i18n/it.json' with { type: 'json' };
import actionsEn from '../features/actions/i18n/en.json' with { type: 'json' };
import actionsIt from '../features/actions/i18n/it.json' with { type: 'json' };
import customersEn from '../features/customers/i18n/en.json' with { type: 'json' };
import customersIt from '../features/customers/i18n/it.json' with { type: 'json' };
import voiceEn from '../features/voice/i18n/en.json' with { type: 'json' };
import voiceIt from '../features/voice/i18n/it.json' with { type: 'json' };
import loyaltyEn from '../features/loyalty/i18n/en.json' with { type: 'json' };
import loyaltyIt from '../features/loyalty/i18n/it.json' with { type: 'json' };
import announcementsEn from '../features/announcements/i18n/en.json' with { type: 'json' };
import announcementsIt from '../features/announcements/i18n/it.json' with { type: 'json' };
import urgentEn from '../features/urgent/i18n/en.json' with { type: 'json' };
import urgentIt from '../features/urgent/i18n/it.json' with { type: 'json' };
import safetyEn from '../features/safety/i18n/en.json' with { type: 'json' };
import safetyIt from '../features/safety/i18n/it.json' with { type: 'json' };
import articlesEn from '../features/articles/i18n/en.json' with { type: 'json' };
import articlesIt from '../features/articles/i18n/it.json' with { type: 'json' };
import questionsEn from '../features/questions/i18n/en.json' with { type: 'json' };
import questionsIt from '../features/questions/i18n/it.json' with { type: 'json' };
import eventsEn from '../features/events/i18n/en.json' with { type: 'json' };
import eventsIt from '../features/events/i18n/it.json' with { type: 'json' };
import amasEn from '../features/amas/i18n/en.json' with { type: 'json' };
import amasIt from '../features/amas/i18n/it.json' with { type: 'json' };
import filesEn from '../features/files/i18n/en.json' with { type: 'json' };
import filesIt from '../features/files/i18n/it.json' with { type: 'json' };
import advocacyEn from '../features/advocacy/i18n/en.json' with { type: 'json' };
import advocacyIt from '../features/advocacy/i18n/it.json' with { type: 'json' };
import advocacyManageEn from '../features/advocacy-manage/i18n/en.json' with { type: 'json' };
import advocacyManageIt from '../features/advocacy-manage/i18n/it.json' with { type: 'json' };

type Tree = Record<string, unknown>;

/**
 * The translations: the shell's own files plus one pair per feature, each feature keeping its keys
 * under its own top-level name so that files never collide.
 */
export const SOURCES: ReadonlyArray<{ name: string; en: Tree; it: Tree }> = [
  { name: 'shell', en, it },
  { name: 'communities', en: communitiesEn, it: communitiesIt },
  { name: 'feed', en: feedEn, it: feedIt },
  { name: 'moderation', en: moderationEn, it: moderationIt },
  { name: 'notifications', en: notificationsEn, it: notificationsIt },
  { name: 'search', en: searchEn, it: searchIt },
  { name: 'kudos', en: kudosEn, it: kudosIt },
  { name: 'rewards', en: rewardsEn, it: rewardsIt },
  { name: 'insights', en: insightsEn, it: insightsIt },
  { name: 'surveys', en: surveysEn, it: surveysIt },
  { name: 'listening', en: listeningEn, it: listeningIt },
  { name: 'results', en: resultsEn, it: resultsIt },
  { name: 'conversations', en: conversationsEn, it: conversationsIt },
  { name: 'actions', en: actionsEn, it: actionsIt },
  { name: 'customers', en: customersEn, it: customersIt },
  { name: 'voice', en: voiceEn, it: voiceIt },
  { name: 'loyalty', en: loyaltyEn, it: loyaltyIt },
  { name: 'announcements', en: announcementsEn, it: announcementsIt },
  { name: 'urgent', en: urgentEn, it: urgentIt },
  { name: 'safety', en: safetyEn, it: safetyIt },
  { name: 'articles', en: articlesEn, it: articlesIt },
  { name: 'questions', en: questionsEn, it: questionsIt },
  { name: 'events', en: eventsEn, it: eventsIt },
  { name: 'amas', en: amasEn, it: amasIt },
  { name: 'files', en: filesEn, it: filesIt },
  { name: 'advocacy', en: advocacyEn, it: advocacyIt },
  { name: 'advocacyManage', en: advocacyManageEn, it: advocacyManageIt },
];

export const resources = {
  en: { translation: Object.assign({}, ...SOURCES.map((s) => s.en)) as Tree },
  it: { translation: Object.assign({}, ...SOURCES.map((s) => s.it)) as Tree },
};
