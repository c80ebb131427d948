import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { dateLocale, formatDate } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import { decimal, signedNumber } from '../logic.js';

/** Numbers, percentages and dates of the results pages in the reader's language. */
export function useResultsFormat() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const locale = dateLocale(lng);
  const number = useCallback((n: number) => new Intl.NumberFormat(locale).format(Number.isFinite(n) ? n : 0), [locale]);
  const pct = useCallback(
    (n: number) => t('results.percent', { n: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n) }),
    [t, locale],
  );
  const signed = useCallback((n: number) => signedNumber(n, locale), [locale]);
  const mean = useCallback((n: number) => decimal(n, locale), [locale]);
  const date = useCallback((iso: string | null) => formatDate(iso, lng), [lng]);
  const list = useCallback(
    (items: string[]) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items),
    [locale],
  );
  return { lng, locale, number, pct, signed, mean, date, list };
}
