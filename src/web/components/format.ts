/** The formatting locale for an interface language: British English matches the product's words. */
export function dateLocale(lng: string): string {
  return lng.startsWith('it') ? 'it-IT' : 'en-GB';
}

/** A date in the reader's language, e.g. "18 Mar 2026"; a dash when there is none. */
export function formatDate(iso: string | null, lng: string): string {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(dateLocale(lng), { year: 'numeric', month: 'short', day: 'numeric' });
}
