import { Anchor, Badge, Button, Group, Menu, Modal, Select, Stack, Switch, Text, TextInput, ActionIcon } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconBellOff, IconBell, IconDots, IconMessageStar, IconPencil, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LIMITS, CUSTOMER_LOCALES } from '../../../../shared/customers.js';
import { Section } from '../../../components/Section.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { AccountDetail, Contact, CustomerLocale } from '../api.js';
import { useCustomersErrorText } from '../errors.js';
import { useDeleteContact, useSaveContact } from '../hooks/useCustomers.js';
import { isLocale } from '../logic.js';
import { toast } from '../toast.js';
import { ErrorText } from './ErrorText.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The people at the customer: who they are, in which language to write to them, and whether they may be asked for feedback. */
export function ContactsSection({ account, onAsk }: { account: AccountDetail; onAsk?: (contactIds: string[]) => void }) {
  const { t } = useTranslation();
  const canManage = useAbility('customers.manage');
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const save = useSaveContact(account.id);
  const remove = useDeleteContact(account.id);
  const errorText = useCustomersErrorText();
  const fail = (err: unknown) => toast(errorText(err), 'red');

  const setOptedOut = (c: Contact, optedOut: boolean) =>
    save.mutate(
      { id: c.id, input: { optedOut } },
      {
        onSuccess: () =>
          toast(optedOut ? t('customers.contacts.optedOutDone', { name: c.name }) : t('customers.contacts.optedInDone', { name: c.name })),
        onError: fail,
      },
    );

  return (
    <Section
      id="account-contacts"
      title={t('customers.contacts.title')}
      description={t('customers.contacts.intro')}
      actions={
        canManage && (
          <Button size="xs" variant="default" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('customers.contacts.add')}
          </Button>
        )
      }
    >
      {account.contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {canManage ? t('customers.contacts.emptyManage') : t('customers.contacts.empty')}
        </Text>
      ) : (
        <Stack gap="md" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {account.contacts.map((c) => (
            <Group key={c.id} component="li" justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
              <Stack gap={2} miw={0}>
                <Group gap={6} wrap="wrap">
                  <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {c.name}
                  </Text>
                  {c.optedOut && (
                    <Badge size="xs" color="gray" variant="outline" leftSection={<IconBellOff size={10} aria-hidden />}>
                      {t('customers.contacts.optedOut')}
                    </Badge>
                  )}
                  {c.locale && (
                    <Badge size="xs" variant="light" color="gray">
                      {c.locale.toUpperCase()}
                      <span className="visually-hidden"> ({t(`customers.locale.${c.locale}`)})</span>
                    </Badge>
                  )}
                </Group>
                {c.title && (
                  <Text size="xs" c="dimmed">
                    {c.title}
                  </Text>
                )}
                <Anchor href={`mailto:${c.email}`} size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {c.email}
                </Anchor>
              </Stack>
              {canManage && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('customers.contacts.menu', { name: c.name })}
                      loading={save.isPending && save.variables.id === c.id}
                    >
                      <IconDots size={18} aria-hidden />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {onAsk && !c.optedOut && (
                      <Menu.Item leftSection={<IconMessageStar size={16} aria-hidden />} onClick={() => onAsk([c.id])}>
                        {t('customers.contacts.ask')}
                      </Menu.Item>
                    )}
                    <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(c)}>
                      {t('customers.contacts.edit')}
                    </Menu.Item>
                    {c.optedOut ? (
                      <Menu.Item leftSection={<IconBell size={16} aria-hidden />} onClick={() => setOptedOut(c, false)}>
                        {t('customers.contacts.optIn')}
                      </Menu.Item>
                    ) : (
                      <Menu.Item leftSection={<IconBellOff size={16} aria-hidden />} onClick={() => setOptedOut(c, true)}>
                        {t('customers.contacts.optOut')}
                      </Menu.Item>
                    )}
                    <Menu.Divider />
                    <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDeleting(c)}>
                      {t('customers.contacts.delete')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          ))}
        </Stack>
      )}

      {canManage && (
        <>
          <ContactFormModal
            accountId={account.id}
            contact={editing === 'new' ? null : editing}
            opened={editing !== null}
            onClose={() => setEditing(null)}
          />
          <Modal
            opened={deleting !== null}
            onClose={() => setDeleting(null)}
            title={<Text fw={700}>{t('customers.contacts.deleteTitle')}</Text>}
            centered
            closeButtonProps={{ 'aria-label': t('common.close') }}
            className="customers-modal"
          >
            <Stack gap="lg">
              <Text>{t('customers.contacts.deleteMessage', { name: deleting?.name ?? '' })}</Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDeleting(null)}>
                  {t('common.cancel')}
                </Button>
                <Button
                  color="red"
                  loading={remove.isPending}
                  onClick={() =>
                    deleting &&
                    remove.mutate(deleting.id, {
                      onSuccess: () => {
                        toast(t('customers.contacts.deleted', { name: deleting.name }));
                        setDeleting(null);
                      },
                      onError: fail,
                    })
                  }
                >
                  {t('customers.contacts.deleteConfirm')}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </>
      )}
    </Section>
  );
}

interface ContactValues {
  name: string;
  email: string;
  title: string;
  locale: CustomerLocale | null;
  optedOut: boolean;
}

/** Adds a contact, or edits one. */
function ContactFormModal({
  accountId,
  contact,
  opened,
  onClose,
}: {
  accountId: string;
  contact: Contact | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {contact ? t('customers.contacts.editTitle') : t('customers.contacts.addTitle')}
        </Text>
      }
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      className="customers-modal"
    >
      {opened && <ContactForm accountId={accountId} contact={contact} onDone={onClose} />}
    </Modal>
  );
}

function ContactForm({ accountId, contact, onDone }: { accountId: string; contact: Contact | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveContact(accountId);
  const form = useForm<ContactValues>({
    initialValues: {
      name: contact?.name ?? '',
      email: contact?.email ?? '',
      title: contact?.title ?? '',
      locale: contact?.locale ?? null,
      optedOut: contact?.optedOut ?? false,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('customers.contacts.nameRequired')),
      email: (v) => (EMAIL.test(v.trim()) ? null : t('validation.email')),
    },
  });
  const submit = form.onSubmit((v) => {
    const base = { name: v.name.trim(), email: v.email.trim() };
    const title = v.title.trim() || null;
    // a change sends empty fields as null to clear them; a new contact leaves them out
    save.mutate(
      contact
        ? { id: contact.id, input: { ...base, title, locale: v.locale, optedOut: v.optedOut } }
        : { input: { ...base, ...(title ? { title } : {}), ...(v.locale ? { locale: v.locale } : {}) } },
      {
        onSuccess: () => {
          toast(contact ? t('customers.contacts.saved') : t('customers.contacts.added', { name: base.name }));
          onDone();
        },
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('customers.contacts.name')}
          required
          maxLength={CUSTOMER_LIMITS.name}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput label={t('auth.email')} type="email" required maxLength={CUSTOMER_LIMITS.email} {...form.getInputProps('email')} />
        <TextInput label={t('customers.contacts.jobTitle')} maxLength={CUSTOMER_LIMITS.shortText} {...form.getInputProps('title')} />
        <Select
          label={t('customers.fields.locale')}
          description={t('customers.contacts.localeHelp')}
          placeholder={t('customers.contacts.localeAccount')}
          data={CUSTOMER_LOCALES.map((l) => ({ value: l, label: t(`customers.locale.${l}`) }))}
          value={form.values.locale}
          onChange={(l) => form.setFieldValue('locale', isLocale(l) ? l : null)}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        {contact && (
          <Switch
            label={t('customers.contacts.optedOutLabel')}
            description={t('customers.contacts.optedOutHelp')}
            checked={form.values.optedOut}
            onChange={(e) => form.setFieldValue('optedOut', e.currentTarget.checked)}
          />
        )}
        <ErrorText error={save.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {contact ? t('common.save') : t('customers.contacts.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
