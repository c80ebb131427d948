import { ActionIcon, Button, Grid, NumberInput, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../../shared/roles.js';
import { Section } from '../../../../components/Section.js';
import { ErrorState, Loading } from '../../../../components/States.js';
import { PersonPicker } from '../../../people/components/PersonPicker.js';
import type { AllowanceRule } from '../../api.js';
import { useAllowanceRule, useAllowances } from '../../hooks/useRecognitionAdmin.js';
import { useFormat } from '../../hooks/useFormat.js';
import { useValidators } from '../../hooks/useValidators.js';
import { toast } from '../../toast.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { PersonChip } from './PersonChip.js';

/** The largest monthly allowance the server accepts, for the default and for each rule. */
export const ALLOWANCE_MAX = 100_000;

/** Monthly allowances that differ from the company default, by role and by person. */
export function AllowanceRules({ defaultAllowance }: { defaultAllowance: number }) {
  const { t } = useTranslation();
  const { points } = useFormat();
  const allowances = useAllowances();
  const rule = useAllowanceRule();
  const rules = allowances.data?.rules ?? [];
  const byRole = rules.filter((r): r is AllowanceRule & { role: string } => r.role !== null);
  const byPerson = rules.filter((r): r is AllowanceRule & { person: NonNullable<AllowanceRule['person']> } => r.person !== null);
  const [rolePrefill, setRolePrefill] = useState<{ role: string; amount: number } | null>(null);
  const [personPrefill, setPersonPrefill] = useState<{ id: string; name: string; amount: number } | null>(null);

  const remove = (kind: 'role' | 'person', target: string, label: string) =>
    rule.mutate({ kind, target, amount: null }, { onSuccess: () => toast(t('rewards.allowances.removed', { name: label })) });

  return (
    <Section
      id="recognition-allowances"
      title={t('rewards.allowances.title')}
      description={t('rewards.allowances.intro', { n: points(allowances.data?.defaultAllowance ?? defaultAllowance) })}
    >
      {allowances.isPending ? (
        <Loading />
      ) : allowances.isError ? (
        <ErrorState error={allowances.error} onRetry={() => void allowances.refetch()} />
      ) : (
        <Stack gap="xl">
          <ErrorAlert error={rule.error} />
          <Stack gap="sm">
            <Title order={3} fz="md">
              {t('rewards.allowances.byRole')}
            </Title>
            {byRole.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('rewards.allowances.noRoleRules')}
              </Text>
            ) : (
              <RuleTable
                header={t('rewards.allowances.role')}
                rows={byRole.map((r) => {
                  const label = t(`roles.${r.role}`, { defaultValue: r.role });
                  return {
                    id: r.id,
                    who: <Text size="sm">{label}</Text>,
                    label,
                    amount: r.amount,
                    onEdit: () => setRolePrefill({ role: r.role, amount: r.amount }),
                    onRemove: () => remove('role', r.role, label),
                  };
                })}
              />
            )}
            <RoleRuleForm key={rolePrefill ? `${rolePrefill.role}:${rolePrefill.amount}` : 'new'} prefill={rolePrefill} />
          </Stack>

          <Stack gap="sm">
            <Title order={3} fz="md">
              {t('rewards.allowances.byPerson')}
            </Title>
            {byPerson.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('rewards.allowances.noPersonRules')}
              </Text>
            ) : (
              <RuleTable
                header={t('rewards.allowances.person')}
                rows={byPerson.map((r) => ({
                  id: r.id,
                  who: <PersonChip person={r.person} />,
                  label: r.person.name,
                  amount: r.amount,
                  onEdit: () => setPersonPrefill({ id: r.person.id, name: r.person.name, amount: r.amount }),
                  onRemove: () => remove('person', r.person.id, r.person.name),
                }))}
              />
            )}
            <PersonRuleForm key={personPrefill ? `${personPrefill.id}:${personPrefill.amount}` : 'new'} prefill={personPrefill} />
          </Stack>
        </Stack>
      )}
    </Section>
  );
}

interface Row {
  id: string;
  who: ReactNode;
  label: string;
  amount: number;
  onEdit: () => void;
  onRemove: () => void;
}

function RuleTable({ header, rows }: { header: string; rows: Row[] }) {
  const { t } = useTranslation();
  const { points } = useFormat();
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{header}</Table.Th>
            <Table.Th>{t('rewards.allowances.amount')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.who}</Table.Td>
              <Table.Td>
                <Text size="sm">{points(r.amount)}</Text>
              </Table.Td>
              <Table.Td>
                <div style={{ display: 'flex', gap: 2, justifyContent: 'flex-end' }}>
                  <Tooltip label={t('rewards.allowances.edit')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={r.onEdit}
                      aria-label={t('rewards.allowances.editNamed', { name: r.label })}
                    >
                      <IconPencil size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('rewards.allowances.remove')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={r.onRemove}
                      aria-label={t('rewards.allowances.removeNamed', { name: r.label })}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </div>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RoleRuleForm({ prefill }: { prefill: { role: string; amount: number } | null }) {
  const { t } = useTranslation();
  const valid = useValidators();
  const rule = useAllowanceRule();
  const form = useForm<{ role: string | null; amount: number | string }>({
    initialValues: { role: prefill?.role ?? null, amount: prefill?.amount ?? '' },
    validate: {
      role: (v) => (v ? null : t('rewards.validation.required')),
      amount: valid.whole(0, ALLOWANCE_MAX),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((v) =>
        rule.mutate(
          { kind: 'role', target: v.role!, amount: Number(v.amount) },
          {
            onSuccess: () => {
              toast(t('rewards.allowances.saved'));
              form.reset();
            },
          },
        ),
      )}
      noValidate
      aria-label={t('rewards.allowances.roleFormLabel')}
    >
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Select
            label={t('rewards.allowances.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('role')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xs: 7, sm: 4 }}>
          <NumberInput
            size="md"
            label={t('rewards.allowances.amountPerMonth')}
            min={0}
            max={ALLOWANCE_MAX}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('amount')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xs: 5, sm: 3 }}>
          <Button type="submit" variant="light" size="md" fullWidth loading={rule.isPending}>
            {t('rewards.allowances.set')}
          </Button>
        </Grid.Col>
      </Grid>
      {rule.error ? (
        <Stack mt="sm">
          <ErrorAlert error={rule.error} />
        </Stack>
      ) : null}
    </form>
  );
}

function PersonRuleForm({ prefill }: { prefill: { id: string; name: string; amount: number } | null }) {
  const { t } = useTranslation();
  const valid = useValidators();
  const rule = useAllowanceRule();
  const [current, setCurrent] = useState(prefill ? { id: prefill.id, name: prefill.name } : null);
  const form = useForm<{ userId: string | null; amount: number | string }>({
    initialValues: { userId: prefill?.id ?? null, amount: prefill?.amount ?? '' },
    validate: {
      userId: (v) => (v ? null : t('rewards.validation.required')),
      amount: valid.whole(0, ALLOWANCE_MAX),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((v) =>
        rule.mutate(
          { kind: 'person', target: v.userId!, amount: Number(v.amount) },
          {
            onSuccess: () => {
              toast(t('rewards.allowances.saved'));
              setCurrent(null);
              form.reset();
              form.setValues({ userId: null, amount: '' });
            },
          },
        ),
      )}
      noValidate
      aria-label={t('rewards.allowances.personFormLabel')}
    >
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <PersonPicker
            label={t('rewards.allowances.person')}
            value={form.values.userId}
            current={current}
            onChange={(id) => form.setFieldValue('userId', id)}
            error={typeof form.errors.userId === 'string' ? form.errors.userId : undefined}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xs: 7, sm: 4 }}>
          <NumberInput
            size="md"
            label={t('rewards.allowances.amountPerMonth')}
            min={0}
            max={ALLOWANCE_MAX}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('amount')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xs: 5, sm: 3 }}>
          <Button type="submit" variant="light" size="md" fullWidth loading={rule.isPending}>
            {t('rewards.allowances.set')}
          </Button>
        </Grid.Col>
      </Grid>
      {rule.error ? (
        <Stack mt="sm">
          <ErrorAlert error={rule.error} />
        </Stack>
      ) : null}
    </form>
  );
}
