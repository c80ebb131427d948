import { ActionIcon, Button, Card, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ADVOCACY_LIMITS, SUGGESTION_NETWORKS, type ShareSuggestion } from '../../../../shared/advocacy.js';
import { suggestionLength, suggestionLimit } from '../logic.js';

/** Suggested texts, one per network and language, with a character count that knows X's rules. */
export function SuggestionsField({
  value,
  onChange,
  lang,
  error,
}: {
  value: ShareSuggestion[];
  onChange: (next: ShareSuggestion[]) => void;
  /** The language a new suggestion starts in. */
  lang: 'en' | 'it';
  error?: string;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ShareSuggestion>) => onChange(value.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const networks = SUGGESTION_NETWORKS.map((n) => ({ value: n, label: t(`advocacyManage.network.${n}`) }));
  const langs = [
    { value: 'en', label: t('advocacyManage.lang.en') },
    { value: 'it', label: t('advocacyManage.lang.it') },
  ];

  return (
    <Stack gap="sm" role="group" aria-labelledby="advocacy-suggestions-label">
      <div>
        <Text fw={600} size="sm" id="advocacy-suggestions-label">
          {t('advocacyManage.item.suggestions')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('advocacyManage.item.suggestionsHint')}
        </Text>
      </div>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('advocacyManage.item.noSuggestions')}
        </Text>
      )}
      {value.map((s, i) => {
        const used = suggestionLength(s.network, s.text);
        const limit = suggestionLimit(s.network);
        const over = used > limit;
        const counterId = `advocacy-suggestion-${i}-count`;
        return (
          <Card key={i} withBorder padding="sm">
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap" align="flex-end">
                <Select
                  label={t('advocacyManage.item.network')}
                  data={networks}
                  value={s.network}
                  onChange={(v) => v && set(i, { network: v })}
                  allowDeselect={false}
                  w={160}
                />
                <Select
                  label={t('advocacyManage.item.language')}
                  data={langs}
                  value={s.lang}
                  onChange={(v) => v && set(i, { lang: v as 'en' | 'it' })}
                  allowDeselect={false}
                  w={130}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  ml="auto"
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                  aria-label={t('advocacyManage.item.removeSuggestion', { n: i + 1 })}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
              <Textarea
                label={t('advocacyManage.item.suggestionText', { n: i + 1 })}
                value={s.text}
                onChange={(e) => set(i, { text: e.currentTarget.value })}
                autosize
                minRows={2}
                maxLength={ADVOCACY_LIMITS.shareText}
                aria-describedby={counterId}
                error={over || (s.text.length > 0 && !s.text.trim()) ? true : undefined}
              />
              <Text id={counterId} size="xs" c={over ? 'red.8' : 'dimmed'} ta="right" aria-live="polite">
                {s.network === 'x' ? t('advocacyManage.item.counterX', { used, limit }) : t('advocacyManage.item.counter', { used, limit })}
              </Text>
            </Stack>
          </Card>
        );
      })}
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onChange([...value, { network: 'any', lang, text: '' }])}
          disabled={value.length >= ADVOCACY_LIMITS.suggestions}
        >
          {t('advocacyManage.item.addSuggestion')}
        </Button>
      </Group>
    </Stack>
  );
}
