import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources.js';

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'it', label: 'Italiano' },
] as const;
export type Language = (typeof LANGUAGES)[number]['value'];

export function isLanguage(v: unknown): v is Language {
  return v === 'en' || v === 'it';
}

let chosenExplicitly = false;

/** Remember that the person picked a language themselves (not just the browser's default). */
export function markLanguageChosen(): void {
  chosenExplicitly = true;
}

/** Whether the current language was picked by the person in this visit; only then is it worth saving to a new profile. */
export function languageChosenExplicitly(): boolean {
  return chosenExplicitly;
}

/** The language the interface is showing now, narrowed to the ones we ship. */
export function currentLanguage(): Language {
  const l = (i18n.resolvedLanguage ?? i18n.language ?? 'en').slice(0, 2);
  return isLanguage(l) ? l : 'en';
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    fallbackLng: 'en',
    supportedLngs: ['en', 'it'],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: 'tessuto.lang', caches: ['localStorage'] },
    returnNull: false,
  });

const syncHtmlLang = (lng: string) => {
  document.documentElement.lang = lng.slice(0, 2);
};
syncHtmlLang(i18n.resolvedLanguage ?? 'en');
i18n.on('languageChanged', syncHtmlLang);

export default i18n;
