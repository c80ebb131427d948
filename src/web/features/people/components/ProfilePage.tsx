import { Anchor, Badge, Breadcrumbs, Button, Card, Divider, Grid, Group, Stack, Text, Title } from '@mantine/core';
import {
  IconBriefcase,
  IconCalendar,
  IconClock,
  IconHierarchy2,
  IconMail,
  IconMapPin,
  IconPencil,
  IconPhone,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { dateLocale } from '../../../components/format.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { currentLanguage } from '../../../i18n/index.js';
import { useAbility, useMe } from '../../auth/hooks/useSession.js';
import { FollowButton } from '../../feed/components/FollowButton.js';
import { ProfilePosts } from '../../feed/components/ProfilePosts.js';
import { GiveKudosButton } from '../../kudos/components/KudosComposer.js';
import { ProfileRecognition } from '../../kudos/components/ProfileRecognition.js';
import type { Person } from '../api.js';
import { usePerson } from '../hooks/usePeople.js';
import { AdminPersonPanel } from './AdminPersonPanel.js';
import { ProfileEditForm } from './ProfileEditForm.js';

export function ProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const person = usePerson(id);
  const [params, setParams] = useSearchParams();
  const editing = params.get('edit') === '1';
  const { data: me } = useMe();
  useDocumentTitle(person.data?.name ?? t('profile.title'));

  if (person.isPending) {
    return <Loading />;
  }
  if (person.isError) {
    return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  }
  const p = person.data;
  const setEditing = (on: boolean) => setParams(on ? { edit: '1' } : {}, { replace: true });

  return (
    <Stack gap="lg">
      <ManagerChain person={p} />
      {editing && p.canEdit ? (
        <ProfileEditForm person={p} onDone={() => setEditing(false)} />
      ) : (
        <ProfileView person={p} onEdit={p.canEdit ? () => setEditing(true) : undefined} />
      )}
      {p.canAdmin && !editing && <AdminPersonPanel person={p} />}
      {!editing && <ProfileRecognition key={p.id} personId={p.id} name={p.name} isMe={me?.user.id === p.id} />}
      {!editing && <ProfilePosts personId={p.id} name={p.name} isMe={me?.user.id === p.id} />}
    </Stack>
  );
}

function ManagerChain({ person }: { person: Person }) {
  const { t } = useTranslation();
  if (person.managers.length === 0) {
    return null;
  }
  const chain = [...person.managers].reverse();
  return (
    <nav aria-label={t('profile.chain')}>
      <Breadcrumbs separatorMargin={6} styles={{ root: { flexWrap: 'wrap', rowGap: 4 } }}>
        {chain.map((m) => (
          <Anchor key={m.id} component={Link} to={`/people/${m.id}`} size="sm">
            {m.name}
          </Anchor>
        ))}
        <Text size="sm" c="dimmed" aria-current="page">
          {person.name}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}

function Fact({ icon: I, label, children }: { icon: Icon; label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <I size={20} stroke={1.6} aria-hidden color="var(--mantine-color-dimmed)" style={{ flexShrink: 0, marginTop: 2 }} />
      <div style={{ minWidth: 0 }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.4}>
          {label}
        </Text>
        <Text style={{ overflowWrap: 'anywhere' }}>{children}</Text>
      </div>
    </Group>
  );
}

function formatDate(iso: string, lng: string): string {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(dateLocale(lng), { year: 'numeric', month: 'long', day: 'numeric' });
}

function ProfileView({ person: p, onEdit }: { person: Person; onEdit?: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const lng = currentLanguage();
  const isMe = me?.user.id === p.id;
  const canGiveKudos = useAbility('recognition.give') && !isMe && !p.deactivatedAt;
  const manager = p.managers[0];

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Card padding="lg">
          <Group align="flex-start" wrap="wrap" gap="lg">
            <UserAvatar name={p.name} photoUrl={p.photoUrl} size={112} />
            <Stack gap={6} flex={1} miw={200}>
              <Group gap="xs">
                <Title order={1} fz={{ base: 24, sm: 30 }}>
                  {p.name}
                </Title>
                {p.pronouns && (
                  <Text c="dimmed" size="sm">
                    ({p.pronouns})
                  </Text>
                )}
              </Group>
              <Text size="lg">
                {p.title ?? (
                  <Text span c="dimmed">
                    {t('people.noTitle')}
                  </Text>
                )}
              </Text>
              <Group gap={6}>
                {p.deactivatedAt && (
                  <Badge color="gray" variant="outline">
                    {t('people.deactivated')}
                  </Badge>
                )}
                {p.roles
                  .filter((r) => r !== 'employee')
                  .map((r) => (
                    <Badge key={r} variant="light">
                      {t(`roles.${r}`, { defaultValue: r })}
                    </Badge>
                  ))}
              </Group>
            </Stack>
            <Group gap="xs">
              {!isMe && !p.deactivatedAt && <FollowButton personId={p.id} />}
              {canGiveKudos && (
                <GiveKudosButton variant="light" recipients={[{ id: p.id, name: p.name, title: p.title, photoUrl: p.photoUrl }]} />
              )}
              {onEdit && (
                <Button variant="light" leftSection={<IconPencil size={18} aria-hidden />} onClick={onEdit}>
                  {isMe ? t('profile.editMine') : t('profile.edit')}
                </Button>
              )}
            </Group>
          </Group>

          <Divider my="lg" />
          <Title order={2} fz={18} mb="xs">
            {t('profile.about')}
          </Title>
          {p.bio ? (
            <Text style={{ whiteSpace: 'pre-wrap' }}>{p.bio}</Text>
          ) : (
            <Text c="dimmed">{isMe ? t('profile.noBioMine') : t('profile.noBio', { name: p.name.split(' ')[0] })}</Text>
          )}

          <TagList title={t('profile.skills')} items={p.skills} color="brand" />
          <TagList title={t('profile.interests')} items={p.interests} color="grape" />
          <TagList title={t('profile.languages')} items={p.languages} color="blue" />
        </Card>
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 4 }}>
        <Card padding="lg">
          <Stack gap="md">
            <Fact icon={IconMail} label={t('auth.email')}>
              <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor>
            </Fact>
            {p.phone && (
              <Fact icon={IconPhone} label={t('profile.phone')}>
                <Anchor href={`tel:${p.phone.replace(/\s+/g, '')}`}>{p.phone}</Anchor>
              </Fact>
            )}
            {p.department && (
              <Fact icon={IconBriefcase} label={t('people.department')}>
                <Anchor component={Link} to={`/people?department=${p.department.id}`}>
                  {p.department.name}
                </Anchor>
              </Fact>
            )}
            {p.team && (
              <Fact icon={IconUsersGroup} label={t('people.team')}>
                <Anchor component={Link} to={`/people?team=${p.team.id}`}>
                  {p.team.name}
                </Anchor>
              </Fact>
            )}
            {p.location && (
              <Fact icon={IconMapPin} label={t('people.location')}>
                <Anchor component={Link} to={`/people?location=${p.location.id}`}>
                  {p.location.name}
                </Anchor>
              </Fact>
            )}
            {p.timezone && (
              <Fact icon={IconClock} label={t('profile.timezone')}>
                {p.timezone}
              </Fact>
            )}
            {p.startDate && (
              <Fact icon={IconCalendar} label={t('profile.startDate')}>
                {formatDate(p.startDate, lng)}
              </Fact>
            )}
            {manager && (
              <Fact icon={IconHierarchy2} label={t('profile.manager')}>
                <Anchor component={Link} to={`/people/${manager.id}`}>
                  {manager.name}
                </Anchor>
              </Fact>
            )}
            <Divider />
            <Button
              component={Link}
              to={`/org-chart?root=${p.id}`}
              variant="default"
              leftSection={<IconHierarchy2 size={18} aria-hidden />}
            >
              {(p.reportsCount ?? 0) > 0 ? t('profile.reports', { count: p.reportsCount ?? 0 }) : t('profile.inOrgChart')}
            </Button>
          </Stack>
        </Card>
      </Grid.Col>
    </Grid>
  );
}

function TagList({ title, items, color }: { title: string; items: string[]; color: string }) {
  if (items.length === 0) {
    return null;
  }
  return (
    <>
      <Title order={2} fz={18} mt="lg" mb="xs">
        {title}
      </Title>
      <Group gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((s) => (
          <Badge key={s} component="li" variant="light" color={color} size="lg" radius="sm" tt="none" fw={500}>
            {s}
          </Badge>
        ))}
      </Group>
    </>
  );
}
