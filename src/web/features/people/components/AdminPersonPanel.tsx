import { Alert, Badge, Button, Card, Checkbox, Grid, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconShieldLock, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { FormError } from '../../../components/States.js';
import { useAbility, useMe } from '../../auth/hooks/useSession.js';
import type { AdminPersonPatch, Person } from '../api.js';
import { useAdminUpdate, useSetActive, useStructure } from '../hooks/usePeople.js';
import { PersonPicker } from './PersonPicker.js';

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** What administrators and HR can change about a person: e-mail, placement, roles, and whether they can sign in. */
export function AdminPersonPanel({ person: p }: { person: Person }) {
  const { t } = useTranslation();
  const canRoles = useAbility('people.roles');
  const { data: me } = useMe();
  const isMe = me?.user.id === p.id;
  const structure = useStructure();
  const update = useAdminUpdate(p.id);
  const setActive = useSetActive(p.id);
  const manager = p.managers[0] ?? null;
  const form = useForm({
    initialValues: {
      email: p.email,
      employeeNumber: p.employeeNumber ?? '',
      roles: p.roles.filter(isRole),
      managerId: p.managerId,
      departmentId: p.department?.id ?? null,
      teamId: p.team?.id ?? null,
      locationId: p.location?.id ?? null,
    },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')) },
  });

  const save = (v: typeof form.values) => {
    const patch: AdminPersonPatch = {
      email: v.email.trim(),
      employeeNumber: v.employeeNumber.trim() || null,
      managerId: v.managerId,
      departmentId: v.departmentId,
      teamId: v.teamId,
      locationId: v.locationId,
      ...(canRoles ? { roles: v.roles } : {}),
    };
    update.mutate(patch, { onSuccess: () => notifications.show({ color: 'teal', message: t('admin.person.saved') }) });
  };
  const opts = (list: { id: string; name: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.id, label: x.name }));
  const deactivated = Boolean(p.deactivatedAt);

  return (
    <Card padding="lg" component="section" aria-labelledby="admin-panel-title">
      <Group gap="xs" mb="xs">
        <IconShieldLock size={20} aria-hidden />
        <Title order={2} fz={18} id="admin-panel-title">
          {t('admin.person.title')}
        </Title>
      </Group>
      <Text c="dimmed" size="sm" mb="lg">
        {t('admin.person.intro')}
      </Text>
      <form onSubmit={form.onSubmit(save)} noValidate>
        <Stack gap="md">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('auth.email')} type="email" maxLength={LIMITS.email} {...form.getInputProps('email')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('admin.person.employeeNumber')} maxLength={40} {...form.getInputProps('employeeNumber')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <PersonPicker
                label={t('profile.manager')}
                value={form.values.managerId}
                current={manager}
                excludeId={p.id}
                onChange={(v) => form.setFieldValue('managerId', v)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('people.department')}
                data={opts(structure.data?.departments)}
                placeholder={t('admin.person.none')}
                clearable
                searchable
                {...form.getInputProps('departmentId')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('people.team')}
                data={opts(structure.data?.teams)}
                placeholder={t('admin.person.none')}
                clearable
                searchable
                {...form.getInputProps('teamId')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('people.location')}
                data={opts(structure.data?.locations)}
                placeholder={t('admin.person.none')}
                clearable
                searchable
                {...form.getInputProps('locationId')}
              />
            </Grid.Col>
          </Grid>
          {canRoles ? (
            <Checkbox.Group label={t('admin.person.roles')} description={t('admin.person.rolesHint')} {...form.getInputProps('roles')}>
              <Group mt="xs" gap="lg">
                {ROLES.map((r) => (
                  <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          ) : (
            <div>
              <Text size="sm" fw={500}>
                {t('admin.person.roles')}
              </Text>
              <Group gap={6} mt={4}>
                {p.roles.map((r) => (
                  <Badge key={r} variant="light">
                    {t(`roles.${r}`, { defaultValue: r })}
                  </Badge>
                ))}
              </Group>
            </div>
          )}
          <FormError error={update.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('admin.person.save')}
            </Button>
          </Group>
        </Stack>
      </form>

      {!isMe && (
        <Alert
          mt="xl"
          variant="light"
          color={deactivated ? 'gray' : 'orange'}
          title={deactivated ? t('admin.person.isDeactivated') : t('admin.person.access')}
        >
          <Stack gap="sm">
            <Text size="sm">{deactivated ? t('admin.person.reactivateBody') : t('admin.person.deactivateBody')}</Text>
            <FormError error={setActive.error} />
            <Group>
              {deactivated ? (
                <ConfirmButton
                  variant="default"
                  leftSection={<IconUserCheck size={18} aria-hidden />}
                  title={t('admin.person.reactivateTitle', { name: p.name })}
                  message={t('admin.person.reactivateConfirm')}
                  confirmLabel={t('admin.person.reactivate')}
                  danger={false}
                  loading={setActive.isPending}
                  onConfirm={() => setActive.mutate(true)}
                >
                  {t('admin.person.reactivate')}
                </ConfirmButton>
              ) : (
                <ConfirmButton
                  color="red"
                  variant="outline"
                  leftSection={<IconUserOff size={18} aria-hidden />}
                  title={t('admin.person.deactivateTitle', { name: p.name })}
                  message={t('admin.person.deactivateConfirm')}
                  confirmLabel={t('admin.person.deactivate')}
                  loading={setActive.isPending}
                  onConfirm={() => setActive.mutate(false)}
                >
                  {t('admin.person.deactivate')}
                </ConfirmButton>
              )}
            </Group>
          </Stack>
        </Alert>
      )}
    </Card>
  );
}
