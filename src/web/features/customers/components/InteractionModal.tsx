import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LIMITS, INTERACTION_KINDS } from '../../../../shared/customers.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { AccountDetail, InteractionKind } from '../api.js';
import { useLogInteraction } from '../hooks/useCustomers.js';
import { instantOf, isInteractionKind, localDateTime } from '../logic.js';
import { toast } from '../toast.js';
import { ErrorText } from './ErrorText.js';

interface Values {
  kind: InteractionKind;
  summary: string;
  /** A `datetime-local` value in the reader's time zone. */
  when: string;
  contactId: string | null;
  teamId: string | null;
}

/** Logs a meeting, call, ticket or note with the account. */
export function InteractionModal({ account, opened, onClose }: { account: AccountDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {t('customers.interaction.title', { name: account.name })}
        </Text>
      }
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      className="customers-modal"
    >
      {opened && <InteractionForm account={account} onDone={onClose} />}
    </Modal>
  );
}

function InteractionForm({ account, onDone }: { account: AccountDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const structure = useStructure();
  const log = useLogInteraction(account.id);
  const now = localDateTime();
  const form = useForm<Values>({
    initialValues: {
      kind: 'meeting',
      summary: '',
      when: now,
      contactId: null,
      // one serving team is almost always the one that met the customer
      teamId: account.teams.length === 1 ? account.teams[0]!.id : null,
    },
    validate: {
      summary: (v) => (v.trim() ? null : t('customers.interaction.summaryRequired')),
      when: (v) => {
        const at = instantOf(v);
        if (!at) {
          return t('customers.interaction.whenInvalid');
        }
        return Date.parse(at) > Date.now() + 60_000 ? t('customers.interaction.whenFuture') : null;
      },
    },
  });
  const serving = new Set(account.teams.map((x) => x.id));
  const teamData = [
    ...(account.teams.length
      ? [{ group: t('customers.interaction.servingTeams'), items: account.teams.map((x) => ({ value: x.id, label: x.name })) }]
      : []),
    {
      group: t('customers.interaction.otherTeams'),
      items: (structure.data?.teams ?? []).filter((x) => !serving.has(x.id)).map((x) => ({ value: x.id, label: x.name })),
    },
  ].filter((g) => g.items.length > 0);

  const submit = form.onSubmit((v) => {
    const occurredAt = instantOf(v.when) ?? undefined;
    log.mutate(
      {
        kind: v.kind,
        summary: v.summary.trim(),
        ...(occurredAt ? { occurredAt } : {}),
        ...(v.contactId ? { contactId: v.contactId } : {}),
        ...(v.teamId ? { teamId: v.teamId } : {}),
      },
      {
        onSuccess: () => {
          toast(t('customers.interaction.logged'));
          onDone();
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('customers.interaction.kind')}
            data={INTERACTION_KINDS.map((k) => ({ value: k, label: t(`customers.interaction.kinds.${k}`) }))}
            value={form.values.kind}
            onChange={(k) => isInteractionKind(k) && form.setFieldValue('kind', k)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput type="datetime-local" label={t('customers.interaction.when')} max={now} required {...form.getInputProps('when')} />
        </SimpleGrid>
        <Textarea
          label={t('customers.interaction.summary')}
          description={t('customers.interaction.summaryHelp')}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={CUSTOMER_LIMITS.summary}
          required
          data-autofocus
          {...form.getInputProps('summary')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('customers.interaction.contact')}
            placeholder={account.contacts.length ? t('customers.interaction.noContact') : t('customers.interaction.noContacts')}
            data={account.contacts.map((c) => ({ value: c.id, label: c.name }))}
            value={form.values.contactId}
            onChange={(id) => form.setFieldValue('contactId', id)}
            clearable
            searchable
            disabled={account.contacts.length === 0}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('customers.interaction.team')}
            placeholder={t('customers.interaction.noTeam')}
            data={teamData}
            value={form.values.teamId}
            onChange={(id) => form.setFieldValue('teamId', id)}
            clearable
            searchable
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <ErrorText error={log.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={log.isPending}>
            {t('customers.interaction.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
