import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconChevronRight,
  IconFileImport,
  IconHierarchy2,
  IconMailPlus,
  IconShieldCheck,
  IconUserCircle,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useMe } from '../../auth/hooks/useSession.js';

interface Step {
  to: string;
  icon: Icon;
  title: string;
  body: string;
  done?: boolean;
}

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  useDocumentTitle(t('nav.home'));
  if (!me) {
    return null;
  }
  const u = me.user;
  const firstName = u.name.split(/\s+/)[0] ?? u.name;
  const profileDone = u.profileComplete;
  const hour = new Date().getHours();
  const greeting =
    hour < 12
      ? t('home.morning', { name: firstName })
      : hour < 18
        ? t('home.afternoon', { name: firstName })
        : t('home.evening', { name: firstName });

  const adminSteps: Step[] = [
    ...(me.abilities['invitations.manage']
      ? [{ to: '/admin/invitations', icon: IconMailPlus, title: t('home.invite.title'), body: t('home.invite.body') }]
      : []),
    ...(me.abilities['people.import']
      ? [{ to: '/admin/import', icon: IconFileImport, title: t('home.import.title'), body: t('home.import.body') }]
      : []),
    ...(me.abilities['structure.manage']
      ? [{ to: '/admin/structure', icon: IconBuildingCommunity, title: t('home.structure.title'), body: t('home.structure.body') }]
      : []),
    ...(me.abilities['org.settings'] && !me.org.requireTotp
      ? [{ to: '/admin/organisation', icon: IconShieldCheck, title: t('home.security.title'), body: t('home.security.body') }]
      : []),
  ];
  const everyoneSteps: Step[] = [
    { to: `/people/${u.id}?edit=1`, icon: IconUserCircle, title: t('home.profile.title'), body: t('home.profile.body'), done: profileDone },
    { to: '/people', icon: IconUsers, title: t('home.directory.title'), body: t('home.directory.body') },
    { to: '/org-chart', icon: IconHierarchy2, title: t('home.orgChart.title'), body: t('home.orgChart.body') },
  ];

  return (
    <Stack gap="xl">
      <Card p={{ base: 'lg', sm: 'xl' }} bg="light-dark(var(--mantine-color-brand-0), var(--mantine-color-dark-6))" withBorder={false}>
        <Group wrap="nowrap" gap="lg" align="center">
          <UserAvatar name={u.name} photoUrl={u.photoUrl} size={64} visibleFrom="xs" />
          <Stack gap={6}>
            <Title order={1} fz={{ base: 24, sm: 30 }}>
              {greeting}
            </Title>
            <Text size="lg" c="dimmed">
              {t('home.welcome', { org: me.org.name })}
            </Text>
          </Stack>
        </Group>
      </Card>

      {adminSteps.length > 0 && (
        <section aria-labelledby="home-admin">
          <Title order={2} fz={20} id="home-admin" mb={4}>
            {t('home.adminTitle')}
          </Title>
          <Text c="dimmed" mb="md">
            {t('home.adminIntro')}
          </Text>
          <StepGrid steps={adminSteps} />
        </section>
      )}

      <section aria-labelledby="home-everyone">
        <Title order={2} fz={20} id="home-everyone" mb={4}>
          {t('home.everyoneTitle')}
        </Title>
        <Text c="dimmed" mb="md">
          {t('home.everyoneIntro')}
        </Text>
        <StepGrid steps={everyoneSteps} />
      </section>
    </Stack>
  );
}

function StepGrid({ steps }: { steps: Step[] }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {steps.map((s) => (
        <Card key={s.to} component={Link} to={s.to} className="person-card" padding="lg">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <ThemeIcon size={44} radius="md" variant="light" color="brand">
              <s.icon size={24} stroke={1.7} aria-hidden />
            </ThemeIcon>
            {s.done ? (
              <Badge color="teal" variant="light">
                {t('home.done')}
              </Badge>
            ) : (
              <IconChevronRight size={20} aria-hidden color="var(--mantine-color-dimmed)" />
            )}
          </Group>
          <Text fw={700} mt="md" size="lg">
            {s.title}
          </Text>
          <Text c="dimmed" size="sm" mt={4}>
            {s.body}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
