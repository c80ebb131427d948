import './communities.css';
import { Alert, Anchor, Box, Button, Card, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArchive, IconFlag, IconLock, IconMessagePlus, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { formatDate } from '../../../components/format.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { Composer, FeedSkeleton, feedUrls, PostFeed } from '../../feed/index.js';
import type { Community } from '../api.js';
import { useCommunity } from '../hooks/useCommunities.js';
import { CommunitySettings } from './CommunitySettings.js';
import { CoverArt, OfficialBadge, SyncBadge, VisibilityLabel } from './CommunityVisuals.js';
import { InviteDialog } from './InviteDialog.js';
import { MembersPanel } from './MembersPanel.js';
import { UnansweredQuestions } from '../../questions/components/UnansweredQuestions.js';
import { CommunityFiles } from '../../files/components/CommunityFiles.js';
import { MembershipButton } from './MembershipButton.js';

type Tab = 'posts' | 'questions' | 'files' | 'about' | 'members' | 'settings';

/** One community: its cover and description, how to join, its conversation, its members and (for managers) its settings. */
export function CommunityPage() {
  const { t } = useTranslation();
  const { slug = '', tab: tabParam } = useParams();
  const community = useCommunity(slug);
  const c = community.data;
  useDocumentTitle(c?.name ?? t('communities.title'));

  if (community.isPending) {
    return <CommunityPageSkeleton />;
  }
  if (community.isError || !c) {
    if (community.error instanceof ApiError && community.error.status === 404) {
      return (
        <Empty
          icon={<IconUsers size={28} aria-hidden />}
          title={t('communities.notFound.title')}
          description={t('communities.notFound.body')}
        >
          <Button component={Link} to="/communities?tab=discover">
            {t('communities.notFound.action')}
          </Button>
        </Empty>
      );
    }
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }

  const visible: Tab[] = [
    'posts',
    ...(c.abilities.canRead ? (['questions', 'files'] as const) : []),
    'about',
    'members',
    ...(c.abilities.canManage ? (['settings'] as const) : []),
  ];
  const tab: Tab = visible.includes(tabParam as Tab) ? (tabParam as Tab) : 'posts';
  return <CommunityView community={c} tab={tab} tabs={visible} />;
}

function CommunityView({ community: c, tab, tabs }: { community: Community; tab: Tab; tabs: Tab[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [inviting, setInviting] = useState(false);
  const a = c.abilities;
  const go = (next: string | null) =>
    void navigate(next && next !== 'posts' ? `/communities/${c.slug}/${next}` : `/communities/${c.slug}`, { replace: true });

  return (
    <Stack gap="lg" maw={1040} mx="auto">
      <Card padding={0} component="header">
        <Box className="community-hero-cover">
          <CoverArt community={c} height={168} />
        </Box>
        <Stack gap="sm" p={{ base: 'md', sm: 'lg' }}>
          <Group justify="space-between" align="flex-start" gap="md">
            <Stack gap={6} miw={0} flex={1}>
              <Group gap={8} wrap="nowrap" align="center">
                <Title order={1} fz={{ base: 24, sm: 30 }} lh={1.15} style={{ overflowWrap: 'anywhere' }}>
                  {c.name}
                </Title>
                {c.official && <OfficialBadge compact />}
              </Group>
              <Group gap="md" wrap="wrap">
                <VisibilityLabel visibility={c.visibility} />
                <Anchor component={Link} to={`/communities/${c.slug}/members`} size="sm" c="dimmed" underline="hover">
                  <Group gap={4} wrap="nowrap" component="span">
                    <IconUsers size={16} aria-hidden />
                    {t('communities.memberCount', { count: c.memberCount })}
                  </Group>
                </Anchor>
                {c.sync && <SyncBadge sync={c.sync} />}
              </Group>
            </Stack>
            <Group gap="xs" wrap="wrap">
              {a.canInvite && c.membership?.status === 'active' && (
                <Button variant="default" size="sm" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setInviting(true)}>
                  {t('communities.invite.open')}
                </Button>
              )}
              {a.canModerate && (
                <Button
                  variant="default"
                  size="sm"
                  component={Link}
                  to={`/moderation?community=${c.id}`}
                  leftSection={<IconFlag size={16} aria-hidden />}
                >
                  {t('communities.reports')}
                </Button>
              )}
              <MembershipButton community={c} />
            </Group>
          </Group>
          {c.description && (
            <Text className="community-description" lineClamp={3}>
              {c.description}
            </Text>
          )}
        </Stack>
      </Card>

      {c.archivedAt && (
        <Alert color="gray" variant="light" icon={<IconArchive aria-hidden />}>
          {t('communities.archivedNotice')}
        </Alert>
      )}

      <Tabs value={tab} onChange={go}>
        <Tabs.List>
          {tabs.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {t(`communities.page.tabs.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((v) => (
          <Tabs.Panel key={v} value={v} pt="lg">
            {v === tab && <TabContent community={c} tab={v} />}
          </Tabs.Panel>
        ))}
      </Tabs>
      {a.canInvite && <InviteDialog community={c} opened={inviting} onClose={() => setInviting(false)} />}
    </Stack>
  );
}

function TabContent({ community: c, tab }: { community: Community; tab: Tab }) {
  switch (tab) {
    case 'posts':
      return <PostsTab community={c} />;
    case 'about':
      return (
        <Box maw={720}>
          <About community={c} />
        </Box>
      );
    case 'questions':
      return <UnansweredQuestions community={c} />;
    case 'files':
      return <CommunityFiles community={c} />;
    case 'members':
      return <MembersPanel community={c} />;
    case 'settings':
      return <CommunitySettings community={c} />;
  }
}

function PostsTab({ community: c }: { community: Community }) {
  const { t } = useTranslation();
  const a = c.abilities;
  if (!a.canRead) {
    return (
      <Empty
        icon={<IconLock size={28} aria-hidden />}
        title={t('communities.locked.title')}
        description={t(a.canRequest ? 'communities.locked.request' : 'communities.locked.body')}
      >
        <MembershipButton community={c} />
      </Empty>
    );
  }
  return (
    <div className="community-layout">
      <Stack gap="md" className="community-main">
        {a.canPost ? (
          <Composer communityId={c.id} placeholder={t('communities.page.composerPlaceholder', { name: c.name })} />
        ) : (
          c.membership?.status !== 'active' &&
          (a.canJoin || a.canRequest) && (
            <Card padding="md">
              <Group justify="space-between" gap="sm">
                <Text size="sm">{t('communities.page.joinToPost')}</Text>
                <MembershipButton community={c} size="xs" />
              </Group>
            </Card>
          )
        )}
        <PostFeed
          url={feedUrls.community(c.id)}
          newPostsFrom={`community:${c.id}`}
          label={t('communities.page.feedLabel', { name: c.name })}
          empty={
            <Empty
              icon={<IconMessagePlus size={28} aria-hidden />}
              title={t('communities.page.emptyTitle')}
              description={a.canPost ? t('communities.page.emptyPoster') : t('communities.page.empty')}
            />
          }
        />
      </Stack>
      <Box className="community-rail" visibleFrom="md">
        <About community={c} compact />
      </Box>
    </div>
  );
}

function About({ community: c, compact = false }: { community: Community; compact?: boolean }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <Stack gap="md">
      <Card padding="lg" component="section" aria-labelledby={`about-${c.id}${compact ? '-rail' : ''}`}>
        <Title order={2} fz={compact ? 16 : 19} id={`about-${c.id}${compact ? '-rail' : ''}`} mb="xs">
          {t('communities.page.about')}
        </Title>
        <Text size="sm" className="community-description" lineClamp={compact ? 8 : undefined}>
          {c.description || t('communities.noDescription')}
        </Text>
        <Stack gap={6} mt="md">
          <VisibilityLabel visibility={c.visibility} />
          <Text size="sm" c="dimmed">
            {t(`communities.visibility.${c.visibility}Help`)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('communities.page.created', { date: formatDate(c.createdAt, lng) })}
          </Text>
          {c.sync && (
            <Text size="sm" c="dimmed">
              {t(`communities.sync.explain.${c.sync.kind}`, { name: c.sync.name })}
            </Text>
          )}
        </Stack>
      </Card>
      {c.rules && (
        <Card padding="lg" component="section" aria-labelledby={`rules-${c.id}${compact ? '-rail' : ''}`}>
          <Title order={2} fz={compact ? 16 : 19} id={`rules-${c.id}${compact ? '-rail' : ''}`} mb="xs">
            {t('communities.page.rules')}
          </Title>
          <Text size="sm" className="community-description" lineClamp={compact ? 12 : undefined}>
            {c.rules}
          </Text>
        </Card>
      )}
    </Stack>
  );
}

function CommunityPageSkeleton() {
  return (
    <Stack gap="lg" maw={1040} mx="auto" aria-hidden>
      <Card padding={0}>
        <Skeleton height={168} radius={0} />
        <Stack gap="sm" p="lg">
          <Skeleton height={28} width="45%" />
          <Skeleton height={12} width="30%" />
          <Skeleton height={12} width="80%" />
        </Stack>
      </Card>
      <Skeleton height={36} width={320} />
      <Box maw={680}>
        <FeedSkeleton count={2} />
      </Box>
    </Stack>
  );
}
