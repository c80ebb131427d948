import { useEffect, useState } from 'react';
import { useMatch } from 'react-router';
import { useAbility, useMe } from '../../auth/hooks/useSession.js';
import type { MyCheck } from '../api.js';
import { useMyChecks, useSafetyEvents } from '../hooks.js';
import { AnswerCard, SafeConfirmation } from './AnswerCard.js';

/** How long the thanks stays after "I'm safe" before it steps aside by itself. */
const THANKS_MS = 8000;
/** Spreads the whole organisation's refetches after a check starts or closes. */
const PROMPT_SPREAD_MS = 2000;

/** The open safety checks asking the person whether they are safe, answered in one tap. */
export function SafetyPrompt() {
  const { data: me } = useMe();
  const mine = useMyChecks(Boolean(me));
  useSafetyEvents(PROMPT_SPREAD_MS);
  const [thanked, setThanked] = useState<MyCheck[]>([]);
  // The check's own page shows its answer form already (operators see the tally there instead).
  const operator = useAbility('safety.operate');
  const here = useMatch('/safety/:id')?.params.id;

  useEffect(() => {
    if (thanked.length === 0) {
      return;
    }
    const timer = setTimeout(() => setThanked([]), THANKS_MS);
    return () => clearTimeout(timer);
  }, [thanked]);

  const open = (mine.data?.items ?? []).filter((c) => operator || c.id !== here);
  const shownIds = new Set(open.map((c) => c.id));
  const onAnswered = (a: MyCheck) => {
    if (a.status === 'safe') {
      setThanked((prev) => [...prev.filter((c) => c.id !== a.id), a]);
    }
  };

  return (
    <>
      {open.map((check) => (
        <AnswerCard key={check.id} check={check} onAnswered={onAnswered} />
      ))}
      {thanked
        .filter((c) => !shownIds.has(c.id))
        .map((check) => (
          <SafeConfirmation key={check.id} check={check} onDismiss={() => setThanked((prev) => prev.filter((c) => c.id !== check.id))} />
        ))}
    </>
  );
}
