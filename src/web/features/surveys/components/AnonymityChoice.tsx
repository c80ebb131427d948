import { Group, Radio, Stack, Text } from '@mantine/core';
import { IconEyeOff, IconLock, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ANONYMITY, type Anonymity } from '../../../../shared/listening.js';

const ICON = { anonymous: IconEyeOff, confidential: IconLock, attributed: IconUser } as const;

/** The three anonymity modes, each with what it means for the people answering, in plain words. */
export function AnonymityChoice({
  value,
  onChange,
  threshold,
  disabled = false,
  modes = ANONYMITY,
}: {
  value: Anonymity;
  onChange: (v: Anonymity) => void;
  threshold: number;
  disabled?: boolean;
  modes?: readonly Anonymity[];
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      value={value}
      onChange={(v) => onChange(v)}
      label={t('surveys.anonymity.title')}
      description={t('surveys.anonymity.intro')}
    >
      <Stack gap="xs" mt="xs">
        {modes.map((mode) => {
          const Icon = ICON[mode];
          return (
            <Radio.Card key={mode} value={mode} radius="md" p="md" disabled={disabled} aria-describedby={`anonymity-${mode}-help`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator mt={2} />
                <Icon size={20} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
                <div>
                  <Text fw={600}>{t(`surveys.anonymity.${mode}.label`)}</Text>
                  <Text size="sm" c="dimmed" id={`anonymity-${mode}-help`}>
                    {t(`surveys.anonymity.${mode}.explain`, { threshold })}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          );
        })}
      </Stack>
    </Radio.Group>
  );
}
