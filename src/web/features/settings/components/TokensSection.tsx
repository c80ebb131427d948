import { Alert, Badge, Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import { TOKEN_SCOPES, type TokenScope } from '../../../../shared/roles.js';
import { CopyField } from '../../../components/CopyField.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { formatDate } from '../../../components/format.js';
import { ErrorState, FormError, Loading } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { settingsApi, type ApiToken } from '../api.js';
import { Section } from '../../../components/Section.js';

export function TokensSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lng = currentLanguage();
  const canAdminScope = useAbility('org.settings');
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: settingsApi.tokens });
  const form = useForm<{ name: string; scopes: TokenScope[]; expiresInDays: number | string }>({
    initialValues: { name: '', scopes: ['read'], expiresInDays: 90 },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      scopes: (v) => (v.length ? null : t('tokens.pickScope')),
    },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      settingsApi.createToken({
        name: v.name.trim(),
        scopes: v.scopes,
        ...(typeof v.expiresInDays === 'number' && v.expiresInDays > 0 ? { expiresInDays: v.expiresInDays } : {}),
      }),
    onSuccess: async () => {
      form.reset();
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: settingsApi.revokeToken,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });

  const status = (tk: ApiToken) => {
    if (tk.revokedAt) {
      return (
        <Badge color="gray" variant="outline">
          {t('tokens.revoked')}
        </Badge>
      );
    }
    if (tk.expiresAt && new Date(tk.expiresAt) < new Date()) {
      return (
        <Badge color="orange" variant="outline">
          {t('tokens.expired')}
        </Badge>
      );
    }
    return (
      <Badge color="teal" variant="light">
        {t('tokens.active')}
      </Badge>
    );
  };

  return (
    <Section id="settings-tokens" title={t('tokens.title')} description={t('tokens.intro')}>
      <Stack gap="lg">
        {create.data && (
          <Alert color="brand" variant="light" icon={<IconKey aria-hidden />} title={t('tokens.createdTitle', { name: create.data.name })}>
            <Stack gap="xs">
              <Text size="sm">{t('tokens.createdBody')}</Text>
              <CopyField label={t('tokens.token')} value={create.data.token} />
              <Group>
                <Button size="xs" variant="subtle" onClick={() => create.reset()}>
                  {t('tokens.done')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}

        <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
          <Stack gap="sm">
            <Group align="flex-start" gap="md" wrap="wrap">
              <TextInput
                label={t('tokens.name')}
                placeholder={t('tokens.namePlaceholder')}
                maxLength={LIMITS.tokenName}
                required
                miw={220}
                flex={1}
                {...form.getInputProps('name')}
              />
              <NumberInput
                label={t('tokens.expires')}
                description={t('tokens.expiresHint')}
                min={1}
                max={3650}
                w={180}
                size="md"
                {...form.getInputProps('expiresInDays')}
              />
            </Group>
            <Checkbox.Group label={t('tokens.scopes')} {...form.getInputProps('scopes')}>
              <Group mt="xs" gap="lg">
                {TOKEN_SCOPES.filter((s) => s !== 'admin' || canAdminScope).map((s) => (
                  <Checkbox key={s} value={s} label={t(`tokens.scope.${s}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <FormError error={create.error} />
            <Group>
              <Button type="submit" variant="light" loading={create.isPending}>
                {t('tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>

        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('tokens.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('tokens.scopes')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('tokens.expiresAt')}</Table.Th>
                  <Table.Th>{t('tokens.status')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((tk) => (
                  <Table.Tr key={tk.id}>
                    <Table.Td fw={600}>{tk.name}</Table.Td>
                    <Table.Td>{tk.scopes.map((s) => t(`tokens.scope.${s}`, { defaultValue: s })).join(', ')}</Table.Td>
                    <Table.Td>{tk.lastUsedAt ? formatDate(tk.lastUsedAt, lng) : t('tokens.never')}</Table.Td>
                    <Table.Td>{tk.expiresAt ? formatDate(tk.expiresAt, lng) : t('tokens.noExpiry')}</Table.Td>
                    <Table.Td>{status(tk)}</Table.Td>
                    <Table.Td>
                      {!tk.revokedAt && (
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          leftSection={<IconTrash size={14} aria-hidden />}
                          title={t('tokens.revokeTitle', { name: tk.name })}
                          message={t('tokens.revokeBody')}
                          confirmLabel={t('tokens.revoke')}
                          onConfirm={() => revoke.mutate(tk.id)}
                          aria-label={t('tokens.revokeNamed', { name: tk.name })}
                        >
                          {t('tokens.revoke')}
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <FormError error={revoke.error} />
      </Stack>
    </Section>
  );
}
