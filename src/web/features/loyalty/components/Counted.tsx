import { Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { SMALL_N, isSmall } from '../logic.js';

/** The hint beside a score from too few answers: on hover, on focus and for screen readers. */
export function SmallHint() {
  const { t } = useTranslation();
  const hint = t('loyalty.small', { min: SMALL_N });
  return (
    <Tooltip label={hint} multiline w={240} events={{ hover: true, focus: true, touch: true }} withArrow>
      <Text span c="dimmed" tabIndex={0} ml={4} style={{ verticalAlign: 'middle', display: 'inline-flex', borderRadius: 4 }}>
        <IconInfoCircle size={14} aria-hidden />
        <VisuallyHidden>{hint}</VisuallyHidden>
      </Text>
    </Tooltip>
  );
}

/** A score always with how many answers it stands on; from fewer than five it is greyed, with a hint saying why. */
export function Counted({ value, n }: { value: string | null; n: number }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  if (value === null) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const small = isSmall(n);
  return (
    <Text span size="sm" c={small ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      <Text span inherit fw={small ? 400 : 600}>
        {value}
      </Text>{' '}
      <Text span size="xs" c="dimmed">
        {t('loyalty.n', { n: f.number(n) })}
      </Text>
      {small && <SmallHint />}
    </Text>
  );
}
