import { Card, Group, Progress, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { IconCoins, IconHeartHandshake } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../components/format.js';
import type { RecognitionMe } from '../api.js';
import { useFormat } from '../hooks/useFormat.js';

/** My two balances: points received (to spend here) and what is left to give this month. */
export function MyPoints({ me }: { me: RecognitionMe }) {
  const { t } = useTranslation();
  const { lng, number, points } = useFormat();
  const { total, remaining, resetsAt } = me.allowance;
  const used = total > 0 ? Math.round(((total - remaining) / total) * 100) : 100;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <Card padding="lg" component="section" aria-labelledby="my-points-received">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
            <IconCoins size={22} />
          </ThemeIcon>
          <div>
            <Text size="sm" c="dimmed" id="my-points-received">
              {t('rewards.me.received')}
            </Text>
            <Text fz={28} fw={800} lh={1.2}>
              {number(me.received)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('rewards.me.receivedHint')}
            </Text>
          </div>
        </Group>
      </Card>
      <Card padding="lg" component="section" aria-labelledby="my-points-allowance">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={40} radius="md" variant="light" color="grape" aria-hidden>
            <IconHeartHandshake size={22} />
          </ThemeIcon>
          <div style={{ flex: 1 }}>
            <Text size="sm" c="dimmed" id="my-points-allowance">
              {t('rewards.me.allowance')}
            </Text>
            <Text fz={28} fw={800} lh={1.2}>
              {number(remaining)}
              <Text span size="sm" fw={400} c="dimmed">
                {' '}
                {t('rewards.me.ofTotal', { n: points(total) })}
              </Text>
            </Text>
            <Progress value={used} size="sm" mt={6} mb={6} color="grape" aria-hidden />
            <Text size="sm" c="dimmed">
              {t('rewards.me.resets', { date: formatDate(resetsAt, lng) })}
            </Text>
          </div>
        </Group>
      </Card>
    </SimpleGrid>
  );
}
