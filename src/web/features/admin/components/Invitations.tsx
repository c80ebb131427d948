import { Alert, Badge, Button, Checkbox, Grid, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLink, IconMail, IconMailPlus, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { LIMITS } from '../../../../shared/limits.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { CopyField } from '../../../components/CopyField.js';
import { formatDate } from '../../../components/format.js';
import { Section } from '../../../components/Section.js';
import { Empty, ErrorState, FormError, Loading } from '../../../components/States.js';
import { LANGUAGES, currentLanguage, isLanguage } from '../../../i18n/index.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { adminApi, type Invitation, type InvitationStatus } from '../api.js';

const STATUS_COLOR: Record<InvitationStatus, string> = { pending: 'blue', accepted: 'teal', revoked: 'gray', expired: 'orange' };

export function Invitations() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lng = currentLanguage();
  const canRoles = useAbility('people.roles');
  const list = useInfiniteQuery({
    queryKey: ['invitations'],
    queryFn: ({ pageParam }) => adminApi.invitations(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const form = useForm<{ email: string; name: string; roles: Role[]; locale: string }>({
    initialValues: { email: '', name: '', roles: [], locale: lng },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')) },
  });
  const invite = useMutation({
    mutationFn: (v: typeof form.values) =>
      adminApi.invite({
        email: v.email.trim(),
        ...(v.name.trim() ? { name: v.name.trim() } : {}),
        ...(v.roles.length ? { roles: v.roles } : {}),
        ...(isLanguage(v.locale) ? { locale: v.locale } : {}),
      }),
    onSuccess: async (inv) => {
      if (inv.emailed) {
        notifications.show({ color: 'teal', message: t('admin.invitations.sent', { email: inv.email }) });
      }
      form.setValues({ email: '', name: '', roles: [] });
      await qc.invalidateQueries({ queryKey: ['invitations'] });
    },
  });
  const revoke = useMutation({
    mutationFn: adminApi.revokeInvitation,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['invitations'] }),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const created = invite.data;

  return (
    <Stack gap="lg">
      <Section id="invite-form" title={t('admin.invitations.formTitle')} description={t('admin.invitations.formIntro')}>
        <form onSubmit={form.onSubmit((v) => invite.mutate(v))} noValidate>
          <Stack gap="md">
            <Grid gap="md">
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput label={t('auth.email')} type="email" required maxLength={LIMITS.email} {...form.getInputProps('email')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('admin.invitations.name')} maxLength={LIMITS.name} {...form.getInputProps('name')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 3 }}>
                <Select
                  label={t('admin.invitations.language')}
                  data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
                  allowDeselect={false}
                  {...form.getInputProps('locale')}
                />
              </Grid.Col>
            </Grid>
            {canRoles && (
              <Checkbox.Group
                label={t('admin.invitations.roles')}
                description={t('admin.invitations.rolesHint')}
                {...form.getInputProps('roles')}
              >
                <Group mt="xs" gap="lg">
                  {ROLES.filter((r) => r !== 'employee').map((r) => (
                    <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            <FormError error={invite.error} />
            <Group>
              <Button type="submit" leftSection={<IconMailPlus size={18} aria-hidden />} loading={invite.isPending}>
                {t('admin.invitations.send')}
              </Button>
            </Group>
          </Stack>
        </form>
        {created?.link && (
          <Alert
            mt="lg"
            color="brand"
            variant="light"
            icon={<IconLink aria-hidden />}
            title={t('admin.invitations.linkTitle', { email: created.email })}
          >
            <Stack gap="xs">
              <Text size="sm">{t('admin.invitations.linkBody')}</Text>
              <CopyField label={t('admin.invitations.link')} value={new URL(created.link, window.location.origin).toString()} />
            </Stack>
          </Alert>
        )}
        {created && !created.link && created.emailed && (
          <Alert mt="lg" color="teal" variant="light" icon={<IconMail aria-hidden />} role="status">
            {t('admin.invitations.sent', { email: created.email })}
          </Alert>
        )}
      </Section>

      <Section id="invite-list" title={t('admin.invitations.listTitle')}>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <Empty
            icon={<IconMailPlus size={28} aria-hidden />}
            title={t('admin.invitations.emptyTitle')}
            description={t('admin.invitations.emptyBody')}
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('auth.email')}</Table.Th>
                    <Table.Th>{t('admin.invitations.roles')}</Table.Th>
                    <Table.Th>{t('admin.invitations.sentOn')}</Table.Th>
                    <Table.Th>{t('admin.invitations.status')}</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((inv: Invitation) => (
                    <Table.Tr key={inv.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {inv.name ?? inv.email}
                        </Text>
                        {inv.name && (
                          <Text size="xs" c="dimmed">
                            {inv.email}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {inv.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ') || t('roles.employee')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDate(inv.createdAt, lng)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[inv.status]} variant="light">
                          {t(`admin.invitations.statuses.${inv.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {inv.status === 'pending' && (
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            color="red"
                            leftSection={<IconX size={14} aria-hidden />}
                            title={t('admin.invitations.revokeTitle')}
                            message={t('admin.invitations.revokeBody', { email: inv.email })}
                            confirmLabel={t('admin.invitations.revoke')}
                            onConfirm={() => revoke.mutate(inv.id)}
                            aria-label={t('admin.invitations.revokeNamed', { email: inv.email })}
                          >
                            {t('admin.invitations.revoke')}
                          </ConfirmButton>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <FormError error={revoke.error} />
            <LoadMore query={list} />
          </>
        )}
      </Section>
    </Stack>
  );
}
