import { IconAward, IconConfetti, IconFlag, IconGift, IconHeartHandshake, IconReceipt, IconSparkles, type Icon } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { AwardsAdmin } from './AwardsAdmin.js';
import { BadgesAdmin } from './BadgesAdmin.js';
import { FlagsAdmin } from './FlagsAdmin.js';
import { RecognitionSettingsAdmin } from './RecognitionSettingsAdmin.js';
import { RedemptionsAdmin } from './RedemptionsAdmin.js';
import { RewardsAdmin } from './RewardsAdmin.js';
import { ValuesAdmin } from './ValuesAdmin.js';

/** The administration's recognition tabs (`/admin/<value>`), for people who may administer recognition. */
export function recognitionAdminTabs(
  t: TFunction,
): { value: string; label: string; icon: Icon; ability: string; render: () => ReactNode }[] {
  const ability = 'recognition.admin';
  return [
    { value: 'values', label: t('rewards.admin.tabs.values'), icon: IconHeartHandshake, ability, render: () => <ValuesAdmin /> },
    {
      value: 'recognition',
      label: t('rewards.admin.tabs.settings'),
      icon: IconSparkles,
      ability,
      render: () => <RecognitionSettingsAdmin />,
    },
    { value: 'rewards', label: t('rewards.admin.tabs.rewards'), icon: IconGift, ability, render: () => <RewardsAdmin /> },
    { value: 'redemptions', label: t('rewards.admin.tabs.redemptions'), icon: IconReceipt, ability, render: () => <RedemptionsAdmin /> },
    { value: 'awards', label: t('rewards.admin.tabs.awards'), icon: IconConfetti, ability, render: () => <AwardsAdmin /> },
    { value: 'badges', label: t('rewards.admin.tabs.badges'), icon: IconAward, ability, render: () => <BadgesAdmin /> },
    { value: 'flags', label: t('rewards.admin.tabs.flags'), icon: IconFlag, ability, render: () => <FlagsAdmin /> },
  ];
}
