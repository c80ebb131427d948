import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import type { MyCheck } from '../api.js';
import { useAnswer, useSafetyErrorText } from '../hooks.js';

/**
 * "Are you safe?" with two large buttons, answered in one tap. "I need help" is recorded at once;
 * a note can follow. A real event is announced as an alert; a drill says so and stays calmer.
 */
export function AnswerCard({ check, onAnswered }: { check: MyCheck; onAnswered?: (answer: MyCheck) => void }) {
  const { t } = useTranslation();
  const answer = useAnswer(check.id);
  const errorText = useSafetyErrorText();
  const [note, setNote] = useState(check.note ?? '');
  const [noteSent, setNoteSent] = useState(false);
  const headingId = `safety-check-${check.id}`;
  const color = check.drill ? 'blue' : 'red';

  const send = (status: 'safe' | 'help', withNote?: string) =>
    answer.mutate(
      { status, ...(withNote !== undefined ? { note: withNote } : {}) },
      {
        onSuccess: (a) => {
          setNoteSent(withNote !== undefined);
          onAnswered?.(a);
        },
      },
    );

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      mb="md"
      role={check.drill ? 'region' : 'alert'}
      aria-labelledby={headingId}
      style={{ borderColor: `var(--mantine-color-${color}-6)`, borderWidth: 2, background: `var(--mantine-color-${color}-light)` }}
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          {check.drill ? (
            <IconLifebuoy size={28} aria-hidden color={`var(--mantine-color-${color}-7)`} />
          ) : (
            <IconAlertTriangle size={28} aria-hidden color={`var(--mantine-color-${color}-7)`} />
          )}
          <Stack gap={2} style={{ flex: 1 }}>
            <Group gap="xs">
              <Title order={2} fz={{ base: 22, sm: 24 }} id={headingId}>
                {check.status === 'help' ? t('safety.answer.helpHeading') : t('safety.answer.question')}
              </Title>
              {check.drill && (
                <Badge color="blue" variant="filled">
                  {t('safety.drill')}
                </Badge>
              )}
            </Group>
            <Text fw={600}>{check.title}</Text>
            {check.message && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {check.message}
              </Text>
            )}
          </Stack>
        </Group>

        {!check.open ? (
          <Text>{t('safety.answer.closed')}</Text>
        ) : (
          <>
            {check.status === 'help' && <Text>{t('safety.answer.helpKnown')}</Text>}
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Button
                size="xl"
                color="green"
                leftSection={<IconCheck size={24} aria-hidden />}
                loading={answer.isPending && answer.variables.status === 'safe'}
                disabled={answer.isPending}
                onClick={() => send('safe')}
              >
                {check.status === 'help' ? t('safety.answer.safeNow') : t('safety.answer.safe')}
              </Button>
              {check.status !== 'help' && (
                <Button
                  size="xl"
                  color="red"
                  variant={check.drill ? 'outline' : 'filled'}
                  leftSection={<IconLifebuoy size={24} aria-hidden />}
                  loading={answer.isPending && answer.variables.status === 'help'}
                  disabled={answer.isPending}
                  onClick={() => send('help')}
                >
                  {t('safety.answer.help')}
                </Button>
              )}
            </SimpleGrid>
            {check.status === 'help' && (
              <Stack gap="xs">
                <Textarea
                  label={t('safety.answer.noteLabel')}
                  description={t('safety.answer.noteHint')}
                  value={note}
                  onChange={(e) => {
                    setNote(e.currentTarget.value);
                    setNoteSent(false);
                  }}
                  maxLength={COMMS_LIMITS.safetyNote}
                  autosize
                  minRows={2}
                />
                <Group>
                  <Button
                    variant="default"
                    onClick={() => send('help', note)}
                    loading={answer.isPending && answer.variables.status === 'help'}
                    disabled={note.trim() === (check.note ?? '')}
                  >
                    {t('safety.answer.sendNote')}
                  </Button>
                  {noteSent && (
                    <Text size="sm" role="status">
                      {t('safety.answer.noteSent')}
                    </Text>
                  )}
                </Group>
              </Stack>
            )}
          </>
        )}
        {answer.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorText(answer.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** A short word of thanks once someone said they are safe. */
export function SafeConfirmation({ check, onDismiss }: { check: MyCheck; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="green"
      variant="light"
      mb="md"
      icon={<IconCheck aria-hidden />}
      title={t('safety.answer.thanks')}
      withCloseButton
      closeButtonLabel={t('safety.answer.dismiss')}
      onClose={onDismiss}
      role="status"
    >
      {t('safety.answer.markedSafe', { title: check.title })}
    </Alert>
  );
}
