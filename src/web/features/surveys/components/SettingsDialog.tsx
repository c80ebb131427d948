import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LISTENING_LIMITS as L } from '../../../../shared/listening.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { PeopleMultiPicker } from '../../people/components/PeopleMultiPicker.js';
import type { ListeningSettings } from '../api.js';
import { useListeningSettings, useSaveListeningSettings } from '../hooks/useSurveys.js';
import { toast } from '../toast.js';
import { ErrorAlert } from './ErrorAlert.js';

const LEADERS_MAX = 50;

/** The organisation's anonymity thresholds and its leadership team, in a dialog. */
export function SettingsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const settings = useListeningSettings(opened);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('surveys.settings.title')}</Text>} size="lg">
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm key={settings.dataUpdatedAt} settings={settings.data} onDone={onClose} />
      )}
    </Modal>
  );
}

function SettingsForm({ settings, onDone }: { settings: ListeningSettings; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveListeningSettings();
  const [threshold, setThreshold] = useState<number | string>(settings.threshold);
  const [commentThreshold, setCommentThreshold] = useState<number | string>(settings.commentThreshold);
  const [leaders, setLeaders] = useState(settings.leadershipIds);
  const th = Number(threshold);
  const ct = Number(commentThreshold);
  const thresholdError =
    !Number.isInteger(th) || th < L.minThreshold || th > L.maxThreshold
      ? t('surveys.settings.thresholdRange', { min: L.minThreshold, max: L.maxThreshold })
      : null;
  const commentError = !Number.isInteger(ct) || ct < th || ct > L.maxThreshold ? t('surveys.settings.commentRange', { min: th }) : null;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (thresholdError || commentError) {
          return;
        }
        save.mutate(
          { threshold: th, commentThreshold: ct, leadershipIds: leaders },
          {
            onSuccess: () => {
              toast(t('surveys.settings.saved'));
              onDone();
            },
          },
        );
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('surveys.settings.intro')}
        </Text>
        <NumberInput
          size="md"
          label={t('surveys.settings.threshold')}
          description={t('surveys.settings.thresholdHelp')}
          min={L.minThreshold}
          max={L.maxThreshold}
          allowDecimal={false}
          allowNegative={false}
          value={threshold}
          onChange={setThreshold}
          error={thresholdError}
          w={{ base: '100%', xs: 240 }}
        />
        <NumberInput
          size="md"
          label={t('surveys.settings.commentThreshold')}
          description={t('surveys.settings.commentThresholdHelp')}
          min={L.minThreshold}
          max={L.maxThreshold}
          allowDecimal={false}
          allowNegative={false}
          value={commentThreshold}
          onChange={setCommentThreshold}
          error={commentError}
          w={{ base: '100%', xs: 240 }}
        />
        <PeopleMultiPicker
          label={t('surveys.settings.leadership')}
          description={t('surveys.settings.leadershipHelp')}
          value={leaders}
          onChange={setLeaders}
          max={LEADERS_MAX}
          initial={settings.leadership}
        />
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('surveys.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
