import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconChevronRight,
  IconFileImport,
  IconHierarchy2,
  IconMailPlus,
  IconMessageCircle2,
  IconShieldCheck,
  IconUserCircle,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { Composer } from '../../feed/components/Composer.js';
import { HomeFeed, useHomeFeedEmpty } from '../../feed/components/HomeFeed.js';
import { GiveKudosButton } from '../../kudos/components/KudosComposer.js';
import { PinnedAnnouncements } from '../../announcements/components/PinnedAnnouncements.js';
import { WriteArticleButton } from '../../articles/components/WriteArticleButton.js';
import { UpcomingEventsRail } from '../../events/components/UpcomingEventsRail.js';
import { ReadyToShareRail } from '../../advocacy/components/ReadyToShareRail.js';

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
  const feedEmpty = useHomeFeedEmpty();
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

  const steps = [...adminSteps, ...everyoneSteps.slice(0, 1).filter((s) => !s.done)];

  return (
    <div className="home-layout">
      <Stack gap="md" className="home-main">
        <Group wrap="wrap" gap="md" align="center" justify="space-between" mb={4}>
          <Stack gap={2}>
            <Title order={1} fz={{ base: 22, sm: 26 }}>
              {greeting}
            </Title>
            <Text c="dimmed">{t('home.welcome', { org: me.org.name })}</Text>
          </Stack>
          <Group gap="xs">
            <WriteArticleButton />
            {me.abilities['recognition.give'] && <GiveKudosButton variant="light" />}
          </Group>
        </Group>
        <PinnedAnnouncements />
        <Composer />
        <HomeFeed
          empty={
            <Stack gap="xl">
              <Empty
                icon={<IconMessageCircle2 size={28} aria-hidden />}
                title={t('feed.home.emptyTitle')}
                description={t('feed.home.empty')}
              />
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
          }
        />
      </Stack>
      <aside className="home-rail" aria-label={t('feed.home.rail')}>
        <ReadyToShareRail />
        <UpcomingEventsRail />
        {!feedEmpty && steps.length > 0 && (
          <Card padding="md" component="section" aria-labelledby="home-rail-title">
            <Title order={2} fz={16} id="home-rail-title" mb="xs">
              {adminSteps.length > 0 ? t('home.adminTitle') : t('home.everyoneTitle')}
            </Title>
            <Stack gap={4}>
              {steps.slice(0, 5).map((s) => (
                <UnstyledButton key={s.to} component={Link} to={s.to} className="rail-step">
                  <Group gap="sm" wrap="nowrap">
                    <ThemeIcon size={34} radius="md" variant="light" color="brand">
                      <s.icon size={18} stroke={1.7} aria-hidden />
                    </ThemeIcon>
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600}>
                        {s.title}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {s.body}
                      </Text>
                    </div>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          </Card>
        )}
      </aside>
    </div>
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
