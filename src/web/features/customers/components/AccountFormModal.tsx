import { Button, Group, Modal, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_SIZES, CUSTOMER_LIMITS, CUSTOMER_LOCALES } from '../../../../shared/customers.js';
import { PeopleMultiPicker, type PickedPerson } from '../../people/components/PeopleMultiPicker.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { AccountDetail } from '../api.js';
import { ErrorText } from './ErrorText.js';
import { useSaveAccount } from '../hooks/useCustomers.js';
import {
  accountFormErrors,
  accountFormValues,
  isLocale,
  isSize,
  isStatus,
  today,
  toAccountInput,
  type AccountFormValues,
} from '../logic.js';
import { toast } from '../toast.js';

/** Most people named as serving one account from this form. */
const PEOPLE_MAX = 50;

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The account to edit; a new one when null. */
  account: AccountDetail | null;
  /** Called with the saved account (e.g. to open a new one's page). */
  onSaved?: (account: AccountDetail) => void;
}

/** Creates or edits an account: its profile, whether it is still a customer, and the teams and people who serve it. */
export function AccountFormModal({ opened, onClose, account, onSaved }: Props) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {account ? t('customers.form.editTitle') : t('customers.form.createTitle')}
        </Text>
      }
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      className="customers-modal"
    >
      {opened && (
        <AccountForm
          account={account}
          onDone={(saved) => {
            onSaved?.(saved);
            onClose();
          }}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}

function AccountForm({
  account,
  onDone,
  onCancel,
}: {
  account: AccountDetail | null;
  onDone: (a: AccountDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const statusLabelId = useId();
  const structure = useStructure();
  const save = useSaveAccount();
  const form = useForm<AccountFormValues>({
    initialValues: accountFormValues(account),
    validate: (values) => {
      const found = accountFormErrors(values);
      return Object.fromEntries(Object.entries(found).map(([field, key]) => [field, t(`customers.form.errors.${key}`)]));
    },
  });
  const v = form.values;
  const knownPeople: PickedPerson[] = (account?.people ?? []).map((p) => ({ id: p.id, name: p.name, title: null, photoUrl: null }));
  const teamOptions = (() => {
    const list = new Map((structure.data?.teams ?? []).map((x) => [x.id, x.name]));
    // a serving team the structure no longer lists still shows by name
    for (const x of account?.teams ?? []) {
      if (!list.has(x.id)) {
        list.set(x.id, x.name);
      }
    }
    return [...list].map(([value, label]) => ({ value, label }));
  })();

  const submit = form.onSubmit((values) => {
    save.mutate(
      { id: account?.id, input: toAccountInput(values, account !== null) },
      {
        onSuccess: (saved) => {
          toast(account ? t('customers.form.saved') : t('customers.form.created', { name: saved.name }));
          onDone(saved);
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('customers.fields.name')}
          maxLength={CUSTOMER_LIMITS.name}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('customers.fields.segment')}
            placeholder={t('customers.form.segmentPlaceholder')}
            maxLength={CUSTOMER_LIMITS.shortText}
            {...form.getInputProps('segment')}
          />
          <TextInput
            label={t('customers.fields.region')}
            placeholder={t('customers.form.regionPlaceholder')}
            maxLength={CUSTOMER_LIMITS.shortText}
            {...form.getInputProps('region')}
          />
          <Select
            label={t('customers.fields.size')}
            placeholder={t('customers.form.sizeNone')}
            data={ACCOUNT_SIZES.map((s) => ({ value: s, label: t(`customers.size.${s}`) }))}
            value={v.size}
            onChange={(s) => form.setFieldValue('size', isSize(s) ? s : null)}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('customers.fields.locale')}
            description={t('customers.form.localeHelp')}
            data={CUSTOMER_LOCALES.map((l) => ({ value: l, label: t(`customers.locale.${l}`) }))}
            value={v.locale}
            onChange={(l) => isLocale(l) && form.setFieldValue('locale', l)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('customers.fields.externalId')}
            description={t('customers.form.externalIdHelp')}
            maxLength={CUSTOMER_LIMITS.shortText}
            {...form.getInputProps('externalId')}
          />
          <TextInput type="date" label={t('customers.fields.customerSince')} required {...form.getInputProps('customerSince')} />
        </SimpleGrid>

        <Stack gap={6}>
          <Text size="sm" fw={500} id={statusLabelId}>
            {t('customers.fields.status')}
          </Text>
          <SegmentedControl
            aria-labelledby={statusLabelId}
            data={[
              { value: 'active', label: t('customers.status.active') },
              { value: 'lost', label: t('customers.status.lost') },
            ]}
            value={v.status}
            onChange={(s) => {
              if (isStatus(s)) {
                form.setFieldValue('status', s);
                if (s === 'lost' && !v.lostOn) {
                  form.setFieldValue('lostOn', today());
                }
              }
            }}
            w={{ base: '100%', xs: 'auto' }}
            style={{ alignSelf: 'flex-start' }}
          />
          {v.status === 'lost' && (
            <TextInput
              type="date"
              label={t('customers.fields.lostOn')}
              description={t('customers.form.lostOnHelp')}
              required
              maw={260}
              {...form.getInputProps('lostOn')}
            />
          )}
        </Stack>

        <MultiSelect
          label={t('customers.fields.teams')}
          description={t('customers.form.teamsHelp')}
          placeholder={v.teamIds.length === 0 ? t('customers.form.teamsPlaceholder') : undefined}
          data={teamOptions}
          value={v.teamIds}
          onChange={(ids) => form.setFieldValue('teamIds', ids)}
          searchable
          clearable
          nothingFoundMessage={t('customers.form.noTeams')}
          comboboxProps={{ withinPortal: true }}
        />
        <PeopleMultiPicker
          label={t('customers.fields.people')}
          description={t('customers.form.peopleHelp')}
          value={v.userIds}
          onChange={(ids) => form.setFieldValue('userIds', ids)}
          max={PEOPLE_MAX}
          initial={knownPeople}
        />

        <ErrorText error={save.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {account ? t('common.save') : t('customers.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
