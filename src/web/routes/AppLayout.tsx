import { AppShell, Box, Group, Menu, NavLink, Text, TextInput, UnstyledButton, VisuallyHidden, ActionIcon } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconCheck,
  IconHierarchy2,
  IconHome,
  IconLanguage,
  IconLogout,
  IconSearch,
  IconSettings,
  IconShieldLock,
  IconUser,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { type FormEvent, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Logo } from '../components/Logo.js';
import { Loading } from '../components/States.js';
import { UserAvatar } from '../components/UserAvatar.js';
import { currentLanguage, useChangeLanguage } from '../features/auth/hooks/useLanguage.js';
import { useMe, useSignOut } from '../features/auth/hooks/useSession.js';
import { LANGUAGES } from '../i18n/index.js';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  end?: boolean;
}

const ADMIN_ABILITIES = ['people.admin', 'invitations.manage', 'structure.manage', 'people.import', 'org.settings'];

export function AppLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const location = useLocation();
  const showAdmin = ADMIN_ABILITIES.some((a) => me?.abilities[a]);

  const items: NavItem[] = [
    { to: '/', label: t('nav.home'), icon: IconHome, end: true },
    { to: '/people', label: t('nav.people'), icon: IconUsers },
    { to: '/org-chart', label: t('nav.orgChart'), icon: IconHierarchy2 },
    ...(showAdmin ? [{ to: '/admin', label: t('nav.admin'), icon: IconShieldLock }] : []),
  ];
  const isActive = (item: NavItem) => (item.end ? location.pathname === item.to : location.pathname.startsWith(item.to));

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: true } }}
      footer={{ height: 64, collapsed: !isPhone }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <TopBar />
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.main')}>
        <AppShell.Section grow>
          {items.map((item) => (
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
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pb="xs">
            {me?.org.name}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1100} mx="auto">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>

      <AppShell.Footer hiddenFrom="sm" component="nav" aria-label={t('nav.main')}>
        <div className="tabbar">
          {items.map((item) => (
            <RouterNavLink key={item.to} to={item.to} end={item.end}>
              <item.icon size={24} stroke={1.7} aria-hidden />
              <span>{item.label}</span>
            </RouterNavLink>
          ))}
        </div>
      </AppShell.Footer>
    </AppShell>
  );
}

function TopBar() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const v = q.trim();
    void navigate(v ? `/people?q=${encodeURIComponent(v)}` : '/people');
    setQ('');
  };
  return (
    <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
      <Link to="/" aria-label={t('nav.homeLink')} style={{ textDecoration: 'none', color: 'inherit' }}>
        <Logo />
      </Link>
      <Box component="form" role="search" onSubmit={onSearch} flex={1} maw={420} visibleFrom="xs">
        <TextInput
          size="sm"
          radius="xl"
          aria-label={t('nav.searchLabel')}
          placeholder={t('nav.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <VisuallyHidden>
          <button type="submit">{t('nav.searchLabel')}</button>
        </VisuallyHidden>
      </Box>
      <Group gap="xs" wrap="nowrap">
        <ActionIcon hiddenFrom="xs" variant="subtle" color="gray" size="lg" component={Link} to="/people" aria-label={t('nav.searchLabel')}>
          <IconSearch size={20} aria-hidden />
        </ActionIcon>
        <ProfileMenu />
      </Group>
    </Group>
  );
}

function ProfileMenu() {
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
