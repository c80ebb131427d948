/** What other parts of the app use from recognition: the kudos dialog, the cards in the feed, the badge case. */
export { GiveKudosButton, KudosComposer, type KudosComposerProps } from './components/KudosComposer.js';
export { KudosItem, KudosPostBody } from './components/KudosCard.js';
export { CelebrationCard } from './components/CelebrationCard.js';
export { BadgeCase, BadgeIcon, BADGE_ICON_MAP, badgeIconOf, badgeText } from './components/BadgeCase.js';
export { ProfileRecognition } from './components/ProfileRecognition.js';
export { RecognitionPrefsSection } from './components/RecognitionPrefsSection.js';
export { RECOGNITION_ME_KEY, refreshAfterKudos, useRecognitionMe, useRecognitionPrefs } from './hooks/useKudos.js';
export type { BadgeView, KudosView, RecognitionMe, Value } from './api.js';
