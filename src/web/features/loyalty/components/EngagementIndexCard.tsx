import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { engagementWeights } from '../logic.js';

/** What the engagement index is made of and how much each part weighs. */
export function EngagementIndexCard() {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  return (
    <Section id="link-index" title={t('loyalty.link.index.title')} description={t('loyalty.link.index.description')}>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {engagementWeights().map(({ part, pct }) => (
          <li key={part}>
            <Group gap="xs" wrap="nowrap" align="baseline">
              <Badge variant="light" radius="sm" w={56} style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}>
                {f.pct(pct)}
              </Badge>
              <div>
                <Text size="sm" fw={600}>
                  {t(`loyalty.link.part.${part}`)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t(`loyalty.link.index.${part}`)}
                </Text>
              </div>
            </Group>
          </li>
        ))}
      </Stack>
      <Text size="sm" c="dimmed" mt="md">
        {t('loyalty.link.index.renormalised')}
      </Text>
      <Text size="sm" c="dimmed" mt={6}>
        {t('loyalty.link.index.anonymity')}
      </Text>
    </Section>
  );
}
