import { ActionIcon, AppShell, Box, Group, Indicator, Menu, NavLink, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAward,
  IconBell,
  IconBuildingStore,
  IconCalendarEvent,
  IconLifebuoy,
  IconMicrophone,
  IconShare3,
  IconSpeakerphone,
  IconChartDots3,
  IconGift,
  IconMessageHeart,
  IconBookmark,
  IconCheck,
  IconCompass,
  IconHierarchy2,
  IconHome,
  IconLanguage,
  IconLogout,
  IconSearch,
  IconSettings,
  IconShieldCheck,
  IconShieldLock,
  IconUser,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { Logo } from '../components/Logo.js';
import { Loading } from '../components/States.js';
import { UserAvatar } from '../components/UserAvatar.js';
import { currentLanguage, useChangeLanguage } from '../features/auth/hooks/useLanguage.js';
import { useMe, useSignOut } from '../features/auth/hooks/useSession.js';
import { CommunityMark } from '../features/communities/components/CommunityVisuals.js';
import { useMembershipLive, useMyCommunities } from '../features/communities/hooks/useCommunities.js';
import { useModerationScope } from '../features/moderation/hooks/useModeration.js';
import { countLabel, NotificationBell } from '../features/notifications/components/NotificationBell.js';
import { useNotificationsLive, useUnreadCount } from '../features/notifications/hooks/useNotifications.js';
import { SearchBox } from '../features/search/components/SearchBox.js';
import { LANGUAGES } from '../i18n/index.js';
import { RealtimeProvider } from '../realtime/index.js';
import { UrgentBanner } from '../features/urgent/components/UrgentBanner.js';
import { SafetyPrompt } from '../features/safety/components/SafetyPrompt.js';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  end?: boolean;
  /** A number to show beside it (unread notifications). */
  count?: number;
}

const ADMIN_ABILITIES = [
  'people.admin',
  'invitations.manage',
  'structure.manage',
  'people.import',
  'org.settings',
  'recognition.admin',
  'comms.admin',
];
/** Communities listed under the navigation; the rest are a click away. */
const NAV_COMMUNITIES = 6;

export function AppLayout() {
  return (
    <RealtimeProvider>
      <AppFrame />
    </RealtimeProvider>
  );
}

/** Who may see which parts of the navigation, shared by the side bar, the tab bar and the account menu. */
function useNavItems() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const moderation = useModerationScope();
  const unread = useUnreadCount().data ?? 0;
  const showAdmin = ADMIN_ABILITIES.some((a) => me?.abilities[a]);
  const home: NavItem = { to: '/', label: t('nav.home'), icon: IconHome, end: true };
  const communities: NavItem = { to: '/communities', label: t('communities.nav.communities'), icon: IconUsersGroup };
  const discover: NavItem = { to: '/discover', label: t('communities.nav.discover'), icon: IconCompass };
  const bookmarks: NavItem = { to: '/bookmarks', label: t('communities.nav.bookmarks'), icon: IconBookmark };
  const people: NavItem = { to: '/people', label: t('nav.people'), icon: IconUsers };
  const orgChart: NavItem = { to: '/org-chart', label: t('nav.orgChart'), icon: IconHierarchy2 };
  const notifications: NavItem = { to: '/notifications', label: t('notifications.nav'), icon: IconBell, count: unread };
  const recognition: NavItem = { to: '/recognition', label: t('insights.nav.leaderboards'), icon: IconAward };
  const rewards: NavItem = { to: '/rewards', label: t('rewards.nav'), icon: IconGift };
  const listening: NavItem = { to: '/listening', label: t('listening.nav'), icon: IconMessageHeart };
  const announcements: NavItem = { to: '/announcements', label: t('announcements.title'), icon: IconSpeakerphone };
  const events: NavItem = { to: '/events', label: t('events.title'), icon: IconCalendarEvent };
  const amas: NavItem = { to: '/amas', label: t('amas.title'), icon: IconMicrophone };
  const advocacy: NavItem = { to: '/advocacy', label: t('advocacy.title'), icon: IconShare3 };
  const safety: NavItem | null = me?.abilities['safety.operate'] ? { to: '/safety', label: t('safety.title'), icon: IconLifebuoy } : null;
  const customers: NavItem | null = me?.abilities['customers.read']
    ? { to: '/customers', label: t('customers.nav.main'), icon: IconBuildingStore }
    : me?.abilities['customers.insights']
      ? { to: '/customers/loyalty', label: t('customers.nav.main'), icon: IconBuildingStore }
      : null;
  const extra: NavItem[] = [
    ...(safety ? [safety] : []),
    ...(customers ? [customers] : []),
    ...(me?.abilities['recognition.insights'] ? [{ to: '/insights', label: t('insights.nav.insights'), icon: IconChartDots3 }] : []),
    ...(moderation.can ? [{ to: '/moderation', label: t('moderation.nav'), icon: IconShieldCheck }] : []),
    ...(showAdmin ? [{ to: '/admin', label: t('nav.admin'), icon: IconShieldLock }] : []),
  ];
  return {
    side: [
      home,
      communities,
      discover,
      announcements,
      events,
      amas,
      advocacy,
      bookmarks,
      recognition,
      rewards,
      listening,
      people,
      orgChart,
      ...extra,
    ],
    tabs: [home, communities, discover, notifications, people],
    /** On a phone, what does not fit in the tab bar goes in the account menu. */
    more: [announcements, events, amas, advocacy, bookmarks, recognition, rewards, listening, orgChart, ...extra],
  };
}

function AppFrame() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const location = useLocation();
  const nav = useNavItems();
  useNotificationsLive();
  useMembershipLive();

  const isActive = (item: NavItem) =>
    item.end ? location.pathname === item.to : location.pathname === item.to || location.pathname.startsWith(`${item.to}/`);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: true } }}
      footer={{ height: 64, collapsed: !isPhone }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <TopBar more={isPhone ? nav.more : []} />
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.main')}>
        <AppShell.Section grow style={{ overflowY: 'auto' }}>
          {nav.side.map((item) => (
            <NavLink
              key={item.to}
              component={RouterNavLink}
              to={item.to}
              end={item.end}
              label={item.label}
              leftSection={<item.icon size={20} stroke={1.7} aria-hidden />}
              active={isActive(item)}
              variant="light"
              fw={isActive(item) ? 700 : 500}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              mb={4}
            />
          ))}
          <YourCommunities />
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pb="xs">
            {me?.org.name}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1100} mx="auto">
          <UrgentBanner />
          <SafetyPrompt />
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>

      <AppShell.Footer hiddenFrom="sm" component="nav" aria-label={t('nav.main')}>
        <div className="tabbar">
          {nav.tabs.map((item) => (
            <RouterNavLink key={item.to} to={item.to} end={item.end}>
              <Indicator
                label={<span aria-hidden>{countLabel(item.count ?? 0)}</span>}
                size={16}
                disabled={!item.count}
                color="red.8"
                offset={2}
                withBorder
              >
                <item.icon size={24} stroke={1.7} aria-hidden />
              </Indicator>
              <span>{item.label}</span>
              {item.count ? <VisuallyHidden>{t('notifications.unreadCount', { count: item.count })}</VisuallyHidden> : null}
            </RouterNavLink>
          ))}
        </div>
      </AppShell.Footer>
    </AppShell>
  );
}

/** The viewer's communities under the main navigation, so the places they talk in are one click away. */
function YourCommunities() {
  const { t } = useTranslation();
  const location = useLocation();
  const mine = useMyCommunities();
  const list = (mine.data ?? []).filter((c) => !c.archivedAt).slice(0, NAV_COMMUNITIES);
  if (list.length === 0) {
    return null;
  }
  return (
    <Box mt="md" component="section" aria-labelledby="nav-your-communities">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={6} id="nav-your-communities" style={{ letterSpacing: '0.04em' }}>
        {t('communities.nav.yours')}
      </Text>
      {list.map((c) => {
        const to = `/communities/${c.slug}`;
        const active = location.pathname === to || location.pathname.startsWith(`${to}/`);
        return (
          <NavLink
            key={c.id}
            component={RouterNavLink}
            to={to}
            label={c.name}
            leftSection={<CommunityMark community={c} size={24} />}
            active={active}
            variant="light"
            fw={active ? 700 : 500}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
            py={6}
            mb={2}
          />
        );
      })}
      {(mine.data?.length ?? 0) > NAV_COMMUNITIES && (
        <Text component={Link} to="/communities" size="sm" c="dimmed" px="sm" py={4} display="block" className="nav-see-all">
          {t('communities.nav.seeAll')}
        </Text>
      )}
    </Box>
  );
}

function TopBar({ more }: { more: NavItem[] }) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
      <Link to="/" aria-label={t('nav.homeLink')} style={{ textDecoration: 'none', color: 'inherit', flex: 'none' }}>
        <Logo />
      </Link>
      <Box flex={1} maw={520} visibleFrom="sm">
        <SearchBox />
      </Box>
      <Group gap="xs" wrap="nowrap">
        <ActionIcon
          hiddenFrom="sm"
          variant="subtle"
          color="gray"
          size="lg"
          component={Link}
          to="/search"
          aria-label={t('search.box.label')}
        >
          <IconSearch size={22} aria-hidden />
        </ActionIcon>
        <Box visibleFrom="sm">
          <NotificationBell />
        </Box>
        <ProfileMenu more={more} />
      </Group>
    </Group>
  );
}

function ProfileMenu({ more }: { more: NavItem[] }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const changeLanguage = useChangeLanguage();
  const lang = currentLanguage();
  if (!me) {
    return null;
  }
  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton style={{ borderRadius: 999 }}>
          <UserAvatar name={me.user.name} photoUrl={me.user.photoUrl} size={38} />
          <VisuallyHidden>{t('nav.accountMenu', { name: me.user.name })}</VisuallyHidden>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
        </Menu.Label>
        <Menu.Item component={Link} to={`/people/${me.user.id}`} leftSection={<IconUser size={18} aria-hidden />}>
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={18} aria-hidden />}>
          {t('nav.settings')}
        </Menu.Item>
        {more.length > 0 && <Menu.Divider />}
        {more.map((item) => (
          <Menu.Item key={item.to} component={Link} to={item.to} leftSection={<item.icon size={18} aria-hidden />}>
            {item.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} aria-hidden />
            {t('language.label')}
          </Group>
        </Menu.Label>
        {LANGUAGES.map((l) => (
          <Menu.Item
            key={l.value}
            lang={l.value}
            onClick={() => void changeLanguage(l.value)}
            rightSection={lang === l.value ? <IconCheck size={16} aria-label={t('language.current')} /> : null}
            aria-current={lang === l.value ? 'true' : undefined}
          >
            {l.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={18} aria-hidden />} onClick={() => signOut.mutate()}>
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
