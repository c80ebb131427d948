import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { dateLocale } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import { relativeTime } from './time.js';

// one clock for every timestamp on the page, ticking once a minute
let now = Date.now();
const listeners = new Set<() => void>();
let interval: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!interval) {
    interval = setInterval(() => {
      now = Date.now();
      for (const l of listeners) {
        l();
      }
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && interval) {
      clearInterval(interval);
      interval = null;
    }
  };
}

export function RelativeTime({ iso }: { iso: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  // re-render once a minute; the time itself is read fresh
  useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
  const then = new Date(iso).getTime();
  // a post written a moment ago must not read "in 1 min" because this device's clock is behind
  const nowMs = Math.max(Date.now(), then);
  const full = new Date(iso).toLocaleString(dateLocale(lng), { dateStyle: 'full', timeStyle: 'short' });
  return (
    <time dateTime={iso} title={full}>
      {relativeTime(iso, lng, nowMs, t('feed.time.justNow'))}
    </time>
  );
}
