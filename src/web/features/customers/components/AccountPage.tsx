import { Anchor, Box, Button, Card, Grid, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconBuildingStore, IconMessageStar, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import './customers.css';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { PageHeader, useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { AccountDetail } from '../api.js';
import { useCustomersErrorText } from '../errors.js';
import { useAccount, useDeleteAccount } from '../hooks/useCustomers.js';
import { toast } from '../toast.js';
import { AccountStatus, CsatValue, NpsValue, useProfileLine } from './AccountBits.js';
import { AccountFormModal } from './AccountFormModal.js';
import { ContactsSection } from './ContactsSection.js';
import { CustomersNav } from './CustomersNav.js';
import { LoadError } from './ErrorText.js';
import { FeedbackRequestModal } from './FeedbackRequestModal.js';
import { HistorySection } from './HistorySection.js';

/** One account: status, serving teams and people, contacts, history of interactions and feedback. */
export function AccountPage() {
  const { accountId = '' } = useParams();
  const { t } = useTranslation();
  const account = useAccount(accountId);

  if (account.isPending) {
    return (
      <Shell>
        <Stack gap="md" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={36} width="50%" radius="md" />
          <Skeleton height={120} radius="lg" />
          <Skeleton height={240} radius="lg" />
        </Stack>
      </Shell>
    );
  }
  if (account.isError) {
    return account.error instanceof ApiError && account.error.status === 404 ? (
      <NotFound />
    ) : (
      <Shell>
        <LoadError error={account.error} onRetry={() => void account.refetch()} />
      </Shell>
    );
  }
  return <AccountView account={account.data} />;
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <Box maw={1200} mx="auto" className="customers-page">
      <CustomersNav />
      {children}
    </Box>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/customers" size="sm" mb="xs" style={{ display: 'inline-block' }}>
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {t('customers.account.back')}
      </Group>
    </Anchor>
  );
}

function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('customers.account.notFoundTitle'));
  return (
    <Shell>
      <Empty
        icon={<IconBuildingStore size={28} aria-hidden />}
        title={t('customers.account.notFoundTitle')}
        description={t('customers.account.notFoundBody')}
      >
        <Button component={Link} to="/customers" variant="default" leftSection={<IconArrowLeft size={18} aria-hidden />}>
          {t('customers.account.back')}
        </Button>
      </Empty>
    </Shell>
  );
}

function AccountView({ account }: { account: AccountDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useAbility('customers.manage');
  const profile = useProfileLine();
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState<string[] | null>(null);
  const remove = useDeleteAccount();
  const errorText = useCustomersErrorText();
  const line = profile(account);

  return (
    <Shell>
      <BackLink />
      <PageHeader
        title={account.name}
        description={line || undefined}
        actions={
          canManage && (
            <Group gap="sm" wrap="wrap">
              <Button
                variant="default"
                leftSection={<IconMessageStar size={18} aria-hidden />}
                onClick={() => setAsking([])}
                disabled={account.contacts.length === 0}
                title={account.contacts.length === 0 ? t('customers.ask.noContacts') : undefined}
              >
                {t('customers.ask.open')}
              </Button>
              <Button variant="default" leftSection={<IconPencil size={18} aria-hidden />} onClick={() => setEditing(true)}>
                {t('customers.account.edit')}
              </Button>
              <ConfirmButton
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={18} aria-hidden />}
                title={t('customers.account.deleteTitle')}
                message={t('customers.account.deleteMessage', { name: account.name })}
                confirmLabel={t('customers.account.deleteConfirm')}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(account.id, {
                    onSuccess: () => {
                      toast(t('customers.account.deleted', { name: account.name }));
                      void navigate('/customers', { replace: true });
                    },
                    onError: (err) => toast(errorText(err), 'red'),
                  })
                }
              >
                {t('customers.account.delete')}
              </ConfirmButton>
            </Group>
          )
        }
      />

      <Card padding="lg" mb="lg" component="section" aria-label={t('customers.account.summary')}>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg">
          <Fact label={t('customers.fields.status')}>
            <AccountStatus account={account} />
          </Fact>
          <Fact label={t('customers.score.nps')} hint={t('customers.score.npsHint')}>
            <NpsValue nps={account.nps} size="lg" />
          </Fact>
          <Fact label={t('customers.score.csat')} hint={t('customers.score.csatHint')}>
            <CsatValue csat={account.csat} />
          </Fact>
          <Fact label={t('customers.accounts.followups')}>
            {account.openFollowups > 0 ? (
              <Anchor component={Link} to="/customers/followups" size="sm" fw={600} c="var(--mantine-color-orange-light-color)">
                {t('customers.accounts.openFollowups', { count: account.openFollowups })}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                {t('customers.accounts.noFollowups')}
              </Text>
            )}
          </Fact>
          <Fact label={t('customers.fields.teams')}>
            <Text size="sm" c={account.teams.length ? undefined : 'dimmed'}>
              {account.teams.length ? account.teams.map((x) => x.name).join(', ') : t('customers.accounts.noTeams')}
            </Text>
          </Fact>
          <Fact label={t('customers.fields.people')}>
            {account.people.length ? (
              <Text size="sm">
                {account.people.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 && ', '}
                    <Anchor component={Link} to={`/people/${p.id}`} size="sm">
                      {p.name}
                    </Anchor>
                  </span>
                ))}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('customers.account.noPeople')}
              </Text>
            )}
          </Fact>
          <Fact label={t('customers.fields.locale')}>
            <Text size="sm">{t(`customers.locale.${account.locale}`)}</Text>
          </Fact>
          {account.externalId && (
            <Fact label={t('customers.fields.externalId')}>
              <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {account.externalId}
              </Text>
            </Fact>
          )}
        </SimpleGrid>
      </Card>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <HistorySection account={account} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ContactsSection account={account} onAsk={canManage ? (ids) => setAsking(ids) : undefined} />
        </Grid.Col>
      </Grid>

      {canManage && (
        <>
          <AccountFormModal opened={editing} onClose={() => setEditing(false)} account={account} />
          <FeedbackRequestModal opened={asking !== null} onClose={() => setAsking(null)} account={account} preselected={asking ?? []} />
        </>
      )}
    </Shell>
  );
}

function Fact({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}
