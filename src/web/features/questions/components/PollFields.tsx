import { ActionIcon, Button, Group, Stack, Switch, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { COMMS_LIMITS } from '../../../../shared/comms.js';

export interface PollDraft {
  options: string[];
  multiple: boolean;
  anonymous: boolean;
  /** A `datetime-local` value (the viewer's own time zone), or empty for no closing time. */
  closesAt: string;
}

export const EMPTY_POLL: PollDraft = { options: ['', ''], multiple: false, anonymous: false, closesAt: '' };

/** The options of a poll as they will be sent, or null while the poll cannot be asked yet. */
export function pollOptions(d: PollDraft): string[] | null {
  const options = d.options.map((o) => o.trim()).filter((o) => o !== '');
  const unique = new Set(options.map((o) => o.toLocaleLowerCase()));
  return options.length >= 2 && unique.size === options.length ? options : null;
}

/** The closing time as an instant, or null; undefined when it is not in the future. */
export function pollClosesAt(d: PollDraft): string | null | undefined {
  if (!d.closesAt) {
    return null;
  }
  const at = new Date(d.closesAt);
  return Number.isNaN(at.getTime()) || at.getTime() <= Date.now() ? undefined : at.toISOString();
}

/** The options, switches and closing time of a poll being written. */
export function PollFields({ value, onChange }: { value: PollDraft; onChange: (d: PollDraft) => void }) {
  const { t } = useTranslation();
  const set = (i: number, text: string) => onChange({ ...value, options: value.options.map((o, j) => (j === i ? text : o)) });
  const remove = (i: number) => onChange({ ...value, options: value.options.filter((_, j) => j !== i) });
  const lower = value.options.map((o) => o.trim().toLocaleLowerCase());
  const closes = pollClosesAt(value);
  return (
    <Stack gap="xs" mt="sm">
      {value.options.map((o, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            flex={1}
            label={t('questions.composer.option', { n: i + 1 })}
            value={o}
            maxLength={COMMS_LIMITS.pollOption}
            onChange={(e) => set(i, e.currentTarget.value)}
            error={o.trim() !== '' && lower.indexOf(lower[i]!) !== i ? t('questions.composer.duplicate') : undefined}
          />
          {value.options.length > 2 && (
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={26}
              aria-label={t('questions.composer.removeOption', { n: i + 1 })}
              onClick={() => remove(i)}
            >
              <IconX size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {value.options.length < COMMS_LIMITS.pollOptions && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => onChange({ ...value, options: [...value.options, ''] })}
          >
            {t('questions.composer.addOption')}
          </Button>
        </Group>
      )}
      <Switch
        label={t('questions.composer.multiple')}
        checked={value.multiple}
        onChange={(e) => onChange({ ...value, multiple: e.currentTarget.checked })}
      />
      <Switch
        label={t('questions.composer.anonymous')}
        description={t('questions.composer.anonymousHint')}
        checked={value.anonymous}
        onChange={(e) => onChange({ ...value, anonymous: e.currentTarget.checked })}
      />
      <TextInput
        type="datetime-local"
        label={t('questions.composer.closesAt')}
        description={t('questions.composer.closesAtHint')}
        value={value.closesAt}
        onChange={(e) => onChange({ ...value, closesAt: e.currentTarget.value })}
        error={closes === undefined ? t('questions.composer.closesInPast') : undefined}
        maw={280}
      />
    </Stack>
  );
}
