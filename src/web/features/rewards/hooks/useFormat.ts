import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { dateLocale } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';

/** Numbers and points in the reader's language: "1,200 points", "1.200 punti". */
export function useFormat() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const locale = dateLocale(lng);
  const number = useCallback((n: number) => n.toLocaleString(locale), [locale]);
  const points = useCallback((n: number) => t('rewards.points', { count: n, n: n.toLocaleString(locale) }), [t, locale]);
  const dateTime = useCallback(
    (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    [locale],
  );
  return { lng, locale, number, points, dateTime };
}
