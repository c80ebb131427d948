import { Alert, Box, Radio, Skeleton, Stack, Switch, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { DIGESTS, NOTIFICATION_TYPES, type NotificationType } from '../../../../shared/social.js';
import { Section } from '../../../components/Section.js';
import { ErrorState } from '../../../components/States.js';
import { useErrorText } from '../../../components/errors.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { Channels } from '../api.js';
import { useNotificationSettings, useSaveNotificationSettings } from '../hooks/useNotifications.js';
import { toast } from '../../communities/toast.js';

/** The settings page's notification section: how often e-mail summaries come, and which kinds show where. */
export function NotificationSettings() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const settings = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const location = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  const ready = settings.isSuccess;
  // only administrators are told about recognition that looks like a ring
  const flagsToo = useAbility('recognition.admin');

  // arriving from the bell's "settings" link: bring this section into view once it has loaded
  useEffect(() => {
    if (ready && location.hash === '#notifications') {
      ref.current?.scrollIntoView({ block: 'start' });
    }
  }, [ready, location.hash]);

  const change = (body: Parameters<typeof save.mutate>[0]) =>
    save.mutate(body, {
      onSuccess: () => toast(t('notifications.settings.saved'), { color: 'teal', id: 'notification-settings' }),
      onError: (err) => toast(errorText(err), { color: 'red' }),
    });

  const s = settings.data;
  const emailOff = s?.digest === 'off';

  return (
    <div ref={ref} style={{ scrollMarginTop: 80 }}>
      <Section id="notifications" title={t('notifications.settings.title')} description={t('notifications.settings.intro')}>
        {settings.isPending ? (
          <Stack gap="sm" aria-hidden>
            <Skeleton height={18} width="40%" />
            <Skeleton height={60} />
            <Skeleton height={200} />
          </Stack>
        ) : settings.isError || !s ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <Stack gap="lg">
            <Radio.Group
              label={t('notifications.settings.digest')}
              description={t('notifications.settings.digestHelp')}
              value={s.digest}
              onChange={(v) => change({ digest: v })}
            >
              <Stack gap="xs" mt="xs">
                {DIGESTS.map((d) => (
                  <Radio
                    key={d}
                    value={d}
                    label={t(`notifications.settings.digestOption.${d}`)}
                    description={t(`notifications.settings.digestOptionHelp.${d}`)}
                  />
                ))}
              </Stack>
            </Radio.Group>

            <Box>
              <Text fw={600} size="sm" id="notification-kinds">
                {t('notifications.settings.kinds')}
              </Text>
              <Text size="sm" c="dimmed" mb="xs">
                {t('notifications.settings.kindsHelp')}
              </Text>
              {emailOff && (
                <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} mb="sm" p="xs">
                  <Text size="sm">{t('notifications.settings.emailOff')}</Text>
                </Alert>
              )}
              <Table.ScrollContainer minWidth={320}>
                <Table verticalSpacing="sm" aria-labelledby="notification-kinds" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('notifications.settings.kind')}</Table.Th>
                      <Table.Th ta="center" w={112} style={{ whiteSpace: 'nowrap' }}>
                        {t('notifications.settings.inApp')}
                      </Table.Th>
                      <Table.Th ta="center" w={112} style={{ whiteSpace: 'nowrap' }}>
                        {t('notifications.settings.email')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {NOTIFICATION_TYPES.filter((type) => flagsToo || type !== 'recognition_flag').map((type) => (
                      <TypeRow
                        key={type}
                        type={type}
                        value={s.types[type]}
                        emailOff={emailOff}
                        onChange={(v) => change({ types: { [type]: v } })}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Box>
          </Stack>
        )}
      </Section>
    </div>
  );
}

function TypeRow({
  type,
  value,
  emailOff,
  onChange,
}: {
  type: NotificationType;
  value: Channels;
  emailOff: boolean;
  onChange: (v: Channels) => void;
}) {
  const { t } = useTranslation();
  const label = t(`notifications.settings.type.${type}`);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{label}</Text>
      </Table.Td>
      <Table.Td>
        <Switch
          mx="auto"
          w="fit-content"
          checked={value.inApp}
          onChange={(e) => onChange({ ...value, inApp: e.currentTarget.checked })}
          aria-label={t('notifications.settings.inAppFor', { kind: label })}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          mx="auto"
          w="fit-content"
          checked={value.email && !emailOff}
          disabled={emailOff}
          onChange={(e) => onChange({ ...value, email: e.currentTarget.checked })}
          aria-label={t('notifications.settings.emailFor', { kind: label })}
        />
      </Table.Td>
    </Table.Tr>
  );
}
