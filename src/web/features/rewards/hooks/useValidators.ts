import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { check } from '../logic.js';

/** Mantine form validators that mirror the server's limits, with messages in the reader's language. */
export function useValidators() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      name: (max: number) => (v: string) => {
        const k = check.name(v, max);
        return k ? t(k, { max }) : null;
      },
      text: (max: number) => (v: string) => {
        const k = check.text(v, max);
        return k ? t(k, { max }) : null;
      },
      whole: (min: number, max: number) => (v: number | string | null | undefined) => {
        const k = check.whole(v, min, max);
        return k ? t(k, { min, max }) : null;
      },
    }),
    [t],
  );
}
