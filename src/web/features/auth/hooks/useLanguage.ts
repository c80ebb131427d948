import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import i18n, { currentLanguage, markLanguageChosen, type Language } from '../../../i18n/index.js';
import { peopleApi } from '../../people/api.js';
import type { Me } from '../api.js';
import { ME_KEY } from './useSession.js';

/** Switch the interface language; when signed in, remember it on the profile too. */
export function useChangeLanguage() {
  const qc = useQueryClient();
  const { t } = useTranslation();
  return async (lng: Language) => {
    markLanguageChosen();
    await i18n.changeLanguage(lng);
    const me = qc.getQueryData<Me | null>(ME_KEY);
    if (me && !me.mustEnrollTotp && me.user.locale !== lng) {
      try {
        const user = await peopleApi.update(me.user.id, { locale: lng });
        qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user: { ...old.user, locale: user.locale } } : old));
        qc.setQueryData(['person', user.id], user);
      } catch {
        notifications.show({ color: 'red', message: t('language.notSaved') });
      }
    }
  };
}

export { currentLanguage };
