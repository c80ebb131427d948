import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLang } from './lang.js';

describe('detectLang', () => {
  it.each([
    'We shipped the new onboarding flow this week, and the feedback from our customers has been great.',
    'Thanks to everyone who joined the town hall. The slides are in the shared folder if you missed it.',
    "I'm looking for someone who has worked with the payments API before — any pointers?",
    'Reminder: the office will be closed on Monday for the bank holiday.',
  ])('recognises English: %s', (text) => {
    expect(detectLang(text)).toBe('english');
  });

  it.each([
    'Abbiamo rilasciato il nuovo flusso di onboarding questa settimana e i clienti sono molto contenti.',
    "Grazie a tutti per la riunione di oggi: le slide sono nella cartella condivisa dell'azienda.",
    'Qualcuno ha già lavorato con le API dei pagamenti? Mi servirebbe una mano per il progetto.',
    "Ricordo che l'ufficio resterà chiuso lunedì per la festa della Repubblica.",
  ])('recognises Italian: %s', (text) => {
    expect(detectLang(text)).toBe('italian');
  });

  it.each(['', 'Grazie!', 'Great job', 'Kubernetes Docker Helm Terraform', '👏👏👏', 'Ciao team, great job', 'OK per me, the end'])(
    'keeps short or ambiguous text simple: %j',
    (text) => {
      expect(detectLang(text)).toBe('simple');
    },
  );

  it('ignores links, mentions, hashtags and code when guessing', () => {
    const text = '@[Anna Rossi](person:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b) https://example.com/the/of/and/is #the `the of and is`';
    expect(detectLang(text)).toBe('simple');
    expect(detectLang(`${text} Abbiamo finito il lavoro per la release di oggi`)).toBe('italian');
  });

  it('always answers one of the three languages, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (s) => {
        expect(['english', 'italian', 'simple']).toContain(detectLang(s));
      }),
    );
  });
});
