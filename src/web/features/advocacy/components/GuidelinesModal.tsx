import { Alert, Button, Group, List, Modal, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/States.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import { useGuidelines } from '../hooks/useAdvocacy.js';

/** The product's own guidelines, for a company that has not written its own. */
const DEFAULT_RULES = ['honest', 'transparent', 'confidential', 'respectful', 'choice'] as const;

/**
 * The company's social media guidelines, shown before a person's first share (and again after they
 * change). Accepting is recorded by the server; closing simply does not share.
 */
export function GuidelinesModal({
  opened,
  onClose,
  onAccept,
  accepting,
  error,
  changed,
}: {
  opened: boolean;
  onClose: () => void;
  /** Called from the click itself, so that a share that follows can still open its window. */
  onAccept: (version: number) => void;
  accepting: boolean;
  error: unknown;
  /** The version the person was reading was replaced meanwhile. */
  changed: boolean;
}) {
  const { t } = useTranslation();
  const g = useGuidelines(opened);

  return (
    <Modal opened={opened} onClose={onClose} title={t('advocacy.guidelines.title')} size="lg" scrollAreaComponent={ScrollArea.Autosize}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('advocacy.guidelines.intro')}
        </Text>
        {changed && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
            {t('advocacy.guidelines.changed')}
          </Alert>
        )}
        {g.isPending ? (
          <Stack gap="xs" role="status" aria-busy="true" aria-label={t('common.loading')}>
            <Skeleton height={14} />
            <Skeleton height={14} />
            <Skeleton height={14} width="70%" />
          </Stack>
        ) : g.isError ? (
          <ErrorState error={g.error} onRetry={() => void g.refetch()} />
        ) : g.data.html.trim() ? (
          <PostHtml html={g.data.html} />
        ) : (
          <List spacing="sm">
            {DEFAULT_RULES.map((r) => (
              <List.Item key={r}>
                <Text fw={600} span>
                  {t(`advocacy.guidelines.default.${r}.title`)}
                </Text>{' '}
                <Text span>{t(`advocacy.guidelines.default.${r}.body`)}</Text>
              </List.Item>
            ))}
          </List>
        )}
        {error !== null && error !== undefined && !changed && (
          <Alert color="red" variant="light" role="alert">
            {t('advocacy.guidelines.acceptFailed')}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('advocacy.guidelines.notNow')}
          </Button>
          <Button onClick={() => g.data && onAccept(g.data.version)} disabled={!g.data} loading={accepting}>
            {t('advocacy.guidelines.accept')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
