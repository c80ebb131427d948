import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADVOCACY_LIMITS, type AdvocacySettingsDto } from '../../../../shared/advocacy.js';
import { ErrorState, FormError, Loading } from '../../../components/States.js';
import { useAdvocacySettings, useSaveSettings } from '../hooks/useManage.js';
import { toast } from './ManageBits.js';

/** The company's social media guidelines (Markdown) and the points sharing earns. */
export function SettingsTab() {
  const settings = useAdvocacySettings();
  if (settings.isPending) {
    return <Loading />;
  }
  if (settings.isError) {
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  return <SettingsForm settings={settings.data} />;
}

const MAX_POINTS = 1000;

function SettingsForm({ settings }: { settings: AdvocacySettingsDto }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const [guidelines, setGuidelines] = useState(settings.guidelines);
  const [points, setPoints] = useState<number | string>(settings.pointsPerShare);
  const [cap, setCap] = useState<number | string>(settings.pointsCapPerWeek);

  // Saved settings (here or elsewhere) become the form's starting point again.
  useEffect(() => {
    setGuidelines(settings.guidelines);
    setPoints(settings.pointsPerShare);
    setCap(settings.pointsCapPerWeek);
  }, [settings]);

  const textChanged = guidelines !== settings.guidelines;
  const pointsOk = typeof points === 'number' && Number.isInteger(points) && points >= 0;
  const capOk = typeof cap === 'number' && Number.isInteger(cap) && cap >= 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pointsOk || !capOk) {
      return;
    }
    const body: Parameters<typeof save.mutate>[0] = { pointsPerShare: points, pointsCapPerWeek: cap };
    if (textChanged) {
      body.guidelines = guidelines;
    }
    save.mutate(body, {
      onSuccess: (saved) =>
        toast(
          saved.guidelinesVersion > settings.guidelinesVersion
            ? t('advocacyManage.settings.savedNewVersion', { version: saved.guidelinesVersion })
            : t('advocacyManage.settings.saved'),
        ),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Card padding="lg" withBorder>
          <Stack gap="sm">
            <Textarea
              label={t('advocacyManage.settings.guidelines')}
              description={t('advocacyManage.settings.guidelinesHint')}
              value={guidelines}
              onChange={(e) => setGuidelines(e.currentTarget.value)}
              autosize
              minRows={8}
              maxRows={24}
              maxLength={ADVOCACY_LIMITS.guidelines}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Text size="xs" c="dimmed">
              {t('advocacyManage.settings.version', { version: settings.guidelinesVersion })}
            </Text>
            {textChanged && (
              <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
                {t('advocacyManage.settings.reaccept')}
              </Alert>
            )}
          </Stack>
        </Card>
        <Card padding="lg" withBorder>
          <Stack gap="sm">
            <Text fw={700}>{t('advocacyManage.settings.pointsTitle')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t('advocacyManage.settings.pointsPerShare')}
                description={t('advocacyManage.settings.pointsPerShareHint')}
                value={points}
                onChange={setPoints}
                min={0}
                max={MAX_POINTS}
                allowDecimal={false}
                allowNegative={false}
                error={pointsOk ? undefined : t('advocacyManage.errors.badNumber')}
              />
              <NumberInput
                label={t('advocacyManage.settings.cap')}
                description={t('advocacyManage.settings.capHint')}
                value={cap}
                onChange={setCap}
                min={0}
                max={MAX_POINTS * 10}
                allowDecimal={false}
                allowNegative={false}
                error={capOk ? undefined : t('advocacyManage.errors.badNumber')}
              />
            </SimpleGrid>
          </Stack>
        </Card>
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!pointsOk || !capOk}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
