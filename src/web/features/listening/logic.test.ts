import { describe, expect, it } from 'vitest';
import { distinctiveNameParts, findTerms, type IdentifyingTerm } from '../../../shared/identifying-terms.js';
import { LISTENING_LIMITS } from '../../../shared/listening.js';
import type { RoundQuestion } from './api.js';
import {
  closesIn,
  identifyingMentions,
  isAnswered,
  listOf,
  missingRequired,
  orderedLabels,
  toAnswers,
  toggleChoice,
  tooLong,
} from './logic.js';

const terms: IdentifyingTerm[] = [
  { term: 'Marco Ferrari', kind: 'person' },
  { term: 'Marco', kind: 'person' },
  { term: 'Ferrari', kind: 'person' },
  { term: 'Niccolò Bellandi', kind: 'person' },
  { term: 'Bellandi', kind: 'person' },
  { term: 'Northern Accounts', kind: 'team' },
  { term: 'Milano', kind: 'location' },
  { term: 'Key Account Manager', kind: 'title' },
];

describe('looking for identifying words in a comment', () => {
  it('finds whole words whatever their case and accents, the longest name once', () => {
    const found = findTerms('I told MARCO FERRARI and niccolo bellandi about it, in milano.', terms);
    expect(found.map((f) => f.term)).toEqual(['Marco Ferrari', 'Niccolò Bellandi', 'Milano']);
  });

  it('ignores a name inside a longer word', () => {
    expect(findTerms('The Ferraris and Marcopolo bar in Milanos', terms)).toEqual([]);
  });

  it('finds a part of a name on its own, and a title', () => {
    expect(findTerms('Ask Bellandi, our key account manager.', terms).map((f) => [f.term, f.kind])).toEqual([
      ['Bellandi', 'person'],
      ['Key Account Manager', 'title'],
    ]);
  });

  it('lists names first, then the writer’s own details', () => {
    const found = identifyingMentions('The northern accounts team and Ferrari', terms);
    expect(found.map((f) => f.kind)).toEqual(['person', 'team']);
    expect(identifyingMentions('   ', terms)).toEqual([]);
    expect(identifyingMentions('Ferrari', [])).toEqual([]);
  });

  it('keeps distinctive parts of names only', () => {
    expect(distinctiveNameParts('Will Bianchi')).toEqual(['Bianchi']);
    expect(distinctiveNameParts('Rosa De Luca')).toEqual(['Luca']);
    expect(distinctiveNameParts("Giulia D'Amico")).toEqual(['Giulia', "D'Amico"]);
  });
});

const q = (kind: RoundQuestion['kind'], required = true, id = kind): RoundQuestion => ({
  id,
  kind,
  driver: null,
  text: kind,
  options: ['A', 'B', 'C'],
  required,
});

describe('the answers a draft makes', () => {
  const questions = [q('scale5'), q('scale10'), q('single'), q('multi'), q('text', false)];

  it('sends answered questions only, in their own shape', () => {
    const drafts = {
      scale5: { value: 4 },
      scale10: { value: 0 },
      single: { choices: [2] },
      multi: { choices: [2, 0] },
      text: { text: '  ok ' },
    };
    expect(toAnswers(questions, drafts)).toEqual([
      { questionId: 'scale5', value: 4 },
      { questionId: 'scale10', value: 0 },
      { questionId: 'single', choices: [2] },
      { questionId: 'multi', choices: [0, 2] },
      { questionId: 'text', text: 'ok' },
    ]);
    expect(toAnswers(questions, { text: { text: '   ' }, multi: { choices: [] } })).toEqual([]);
  });

  it('knows which required questions are still open', () => {
    expect(missingRequired(questions, { scale5: { value: 1 } }).map((x) => x.id)).toEqual(['scale10', 'single', 'multi']);
    expect(isAnswered(q('scale10'), { value: 0 })).toBe(true);
    expect(isAnswered(q('text'), { text: ' ' })).toBe(false);
  });

  it('toggles options of a multiple choice', () => {
    expect(toggleChoice(undefined, 2)).toEqual([2]);
    expect(toggleChoice([2, 0], 1)).toEqual([0, 1, 2]);
    expect(toggleChoice([0, 1], 0)).toEqual([1]);
  });

  it('counts a comment’s length as the server does', () => {
    expect(tooLong(`  ${'é'.repeat(LISTENING_LIMITS.comment)}  `)).toBe(false);
    expect(tooLong('😀'.repeat(LISTENING_LIMITS.comment + 1))).toBe(true);
  });
});

describe('words around the answers', () => {
  it('says when a round closes, in the reader’s language', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(closesIn('2026-03-05T10:00:00Z', 'en', now)).toBe('in 3 days');
    expect(closesIn('2026-03-02T15:00:00Z', 'en', now)).toBe('in 5 hours');
    expect(closesIn('2026-03-05T10:00:00Z', 'it', now)).toBe('tra 3 giorni');
  });

  it('joins lists the way each language does', () => {
    expect(listOf(['Marco Ferrari', 'your team name'], 'en')).toBe('Marco Ferrari and your team name');
    expect(listOf(['Marco Ferrari', 'il nome del tuo team'], 'it')).toBe('Marco Ferrari e il nome del tuo team');
  });

  it('orders a group from department to location', () => {
    expect(
      orderedLabels([
        { dimension: 'location', name: 'Milano' },
        { dimension: 'department', name: 'Sales' },
      ]).map((l) => l.name),
    ).toEqual(['Sales', 'Milano']);
  });
});
