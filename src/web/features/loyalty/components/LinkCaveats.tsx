import { Alert, List, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LinkResult } from '../api.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { caveatsOf, leftOut } from '../logic.js';

/** What to keep in mind before reading the link, always on show. */
export function LinkCaveats({ result }: { result: LinkResult }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const caveats = caveatsOf(result);
  const { excluded, unit } = result;
  const count = (n: number) => ({ count: n, n: f.number(n) });
  const reasons = (
    [
      ['belowThreshold', excluded.belowThreshold],
      ['noEngagement', excluded.noEngagement],
      ['noCustomers', excluded.noCustomers],
    ] as const
  ).filter(([, n]) => n > 0);

  return (
    <Alert
      variant="light"
      color="yellow"
      icon={<IconAlertCircle aria-hidden />}
      title={t('loyalty.link.caveats.title')}
      // the default yellow title is too faint on its own background: the body's text colour keeps it readable
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      component="section"
      aria-label={t('loyalty.link.caveats.title')}
    >
      <List size="sm" spacing={6}>
        {caveats.map((c) => (
          <List.Item key={c}>
            {c === 'units_left_out' ? (
              <>
                <Text span size="sm">
                  {t(`loyalty.link.caveats.units_left_out.${unit}`, count(leftOut(excluded)))}
                </Text>
                {reasons.length > 0 && (
                  <List size="sm" withPadding mt={4}>
                    {reasons.map(([reason, n]) => (
                      <List.Item key={reason}>{t(`loyalty.link.caveats.reason.${reason}`, count(n))}</List.Item>
                    ))}
                  </List>
                )}
              </>
            ) : c === 'too_few_units' ? (
              t(`loyalty.link.caveats.too_few_units.${unit}`, count(result.stats.n))
            ) : (
              t(`loyalty.link.caveats.${c}`)
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
