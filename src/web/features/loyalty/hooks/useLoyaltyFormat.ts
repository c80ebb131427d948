import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { dateLocale } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import type { LinkMeasure } from '../api.js';
import { formatCoefficient, formatInterval, formatMeasure } from '../logic.js';

/** Numbers of the loyalty pages in the reader's language. */
export function useLoyaltyFormat() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const locale = dateLocale(lng);
  const number = useCallback(
    (n: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(Number.isFinite(n) ? n : 0),
    [locale],
  );
  const signed = useCallback(
    (n: number, digits = 0) =>
      new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: digits }).format(n).replace('-', '−'),
    [locale],
  );
  const pct = useCallback(
    (n: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n / 100),
    [locale],
  );
  const mean = useCallback(
    (n: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(n),
    [locale],
  );
  const measure = useCallback((m: LinkMeasure, v: number) => formatMeasure(m, v, locale), [locale]);
  const coefficient = useCallback((v: number) => formatCoefficient(v, locale), [locale]);
  const interval = useCallback((ci: { low: number; high: number }) => formatInterval(ci, locale), [locale]);
  /** A period's name: "Q4 2026" / "T4 2026", "Nov 2026" / "nov 2026". */
  const period = useCallback(
    (key: string) => {
      const q = /^(\d{4})-Q([1-4])$/.exec(key);
      if (q) {
        return t('loyalty.period.quarterLabel', { q: q[2], year: q[1] });
      }
      const m = /^(\d{4})-(\d{2})$/.exec(key);
      if (m) {
        return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)).toLocaleDateString(locale, {
          month: 'short',
          year: 'numeric',
          timeZone: 'UTC',
        });
      }
      return key;
    },
    [t, locale],
  );
  return { lng, locale, number, signed, pct, mean, measure, coefficient, interval, period };
}
