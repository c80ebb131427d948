import { Alert, Button, Checkbox, Group, List, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_KINDS } from '../../../../shared/customers.js';
import type { AccountDetail, FeedbackKind, FeedbackRequestResult } from '../api.js';
import { useRequestFeedback } from '../hooks/useCustomers.js';
import { askableContacts, skippedContacts } from '../logic.js';
import { ErrorText } from './ErrorText.js';

interface Props {
  opened: boolean;
  onClose: () => void;
  account: AccountDetail;
  /** Contacts ticked when the dialog opens; all who may be asked when empty. */
  preselected: readonly string[];
}

/** Asks some of the account's contacts for an NPS or CSAT answer, by e-mail with a single-use link each. */
export function FeedbackRequestModal({ opened, onClose, account, preselected }: Props) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {t('customers.ask.title', { name: account.name })}
        </Text>
      }
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      className="customers-modal"
    >
      {opened && <RequestForm account={account} preselected={preselected} onDone={onClose} />}
    </Modal>
  );
}

function RequestForm({ account, preselected, onDone }: { account: AccountDetail; preselected: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { askable, optedOut } = askableContacts(account.contacts);
  const [kind, setKind] = useState<FeedbackKind>('nps');
  const [contactIds, setContactIds] = useState<string[]>(() => {
    const wanted = preselected.filter((id) => askable.some((c) => c.id === id));
    return wanted.length ? wanted : askable.map((c) => c.id);
  });
  const [teamId, setTeamId] = useState<string | null>(account.teams.length === 1 ? account.teams[0]!.id : null);
  const [missing, setMissing] = useState(false);
  const request = useRequestFeedback(account.id);

  if (request.data) {
    return <RequestDone account={account} result={request.data} onDone={onDone} />;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (contactIds.length === 0) {
      setMissing(true);
      return;
    }
    request.mutate({ kind, contactIds, ...(teamId ? { teamId } : {}) });
  };
  const all = contactIds.length === askable.length;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('customers.ask.intro')}
        </Text>
        <Radio.Group label={t('customers.ask.kind')} value={kind} onChange={(v) => setKind(v === 'csat' ? 'csat' : 'nps')}>
          <Stack gap="xs" mt={6}>
            {FEEDBACK_KINDS.map((k) => (
              <Radio key={k} value={k} label={t(`customers.ask.kinds.${k}`)} description={t(`customers.ask.kindsHelp.${k}`)} />
            ))}
          </Stack>
        </Radio.Group>

        <Checkbox.Group
          label={t('customers.ask.contacts')}
          description={t('customers.ask.contactsHelp')}
          value={contactIds}
          onChange={(ids) => {
            setContactIds(ids);
            setMissing(false);
          }}
          error={missing ? t('customers.ask.contactsRequired') : undefined}
        >
          <Stack gap="xs" mt={6}>
            {askable.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.name} description={c.email} />
            ))}
          </Stack>
        </Checkbox.Group>
        {askable.length > 1 && (
          <Checkbox
            label={t('customers.ask.all', { count: askable.length })}
            checked={all}
            indeterminate={!all && contactIds.length > 0}
            onChange={() => {
              setContactIds(all ? [] : askable.map((c) => c.id));
              setMissing(false);
            }}
          />
        )}
        {optedOut.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('customers.ask.optedOutNote', { names: optedOut.map((c) => c.name).join(', '), count: optedOut.length })}
          </Text>
        )}

        <Select
          label={t('customers.ask.team')}
          description={t('customers.ask.teamHelp')}
          placeholder={t('customers.ask.noTeam')}
          data={account.teams.map((x) => ({ value: x.id, label: x.name }))}
          value={teamId}
          onChange={setTeamId}
          clearable
          disabled={account.teams.length === 0}
          comboboxProps={{ withinPortal: true }}
        />

        <ErrorText error={request.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={request.isPending} disabled={askable.length === 0}>
            {t('customers.ask.submit', { count: contactIds.length })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RequestDone({ account, result, onDone }: { account: AccountDetail; result: FeedbackRequestResult; onDone: () => void }) {
  const { t } = useTranslation();
  const skipped = skippedContacts(result, account.contacts);
  return (
    <Stack gap="md">
      {result.created > 0 ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" title={t('customers.ask.sentTitle')}>
          {t('customers.ask.sent', { count: result.created })}
        </Alert>
      ) : (
        <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} role="status" title={t('customers.ask.noneTitle')}>
          {t('customers.ask.none')}
        </Alert>
      )}
      {skipped.length > 0 && (
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('customers.ask.skipped', { count: skipped.length })}
          </Text>
          <List size="sm" spacing={4}>
            {skipped.map((s) => (
              <List.Item key={s.contactId}>
                {s.name} — {t(`customers.ask.reasons.${s.reason}`)}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          {t('common.close')}
        </Button>
      </Group>
    </Stack>
  );
}
