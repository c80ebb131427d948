import { Alert, Anchor, Button, Input, SegmentedControl, Select, SimpleGrid, Stack } from '@mantine/core';
import { IconEyeOff, IconHeartHandshake, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LEADERBOARD_PERIODS, LEADERBOARDS, type LeaderboardPeriod } from '../../../../shared/recognition.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import { useRecognitionMe, useRecognitionPrefs } from '../hooks/useInsights.js';
import { LeaderboardCard } from './LeaderboardCard.js';

const isPeriod = (v: string | null): v is LeaderboardPeriod => (LEADERBOARD_PERIODS as readonly string[]).includes(v ?? '');

/** The two leaderboards (most recognised, most recognising) with their period and filters. */
export function LeaderboardsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();
  const structure = useStructure();
  const recognition = useRecognitionMe();
  const prefs = useRecognitionPrefs();
  const periodParam = params.get('period');
  const period: LeaderboardPeriod = isPeriod(periodParam) ? periodParam : 'month';
  const departmentId = params.get('department') ?? '';
  const valueId = params.get('value') ?? '';
  const hidden = prefs.data?.hideFromLeaderboards === true;

  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) {
          next.set(key, value);
        } else {
          next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const values = recognition.data?.values ?? [];

  return (
    <>
      <PageHeader
        title={t('insights.nav.leaderboards')}
        description={t('insights.boards.intro')}
        actions={
          <Button component={Link} to="/" leftSection={<IconHeartHandshake size={18} aria-hidden />}>
            {t('insights.boards.give')}
          </Button>
        }
      />

      <Stack gap="md" mb="lg">
        {hidden && (
          <Alert variant="light" color="gray" icon={<IconEyeOff size={18} aria-hidden />}>
            {t('insights.boards.hiddenBody')}{' '}
            <Anchor component={Link} to="/settings#settings-recognition" fw={600}>
              {t('insights.boards.hiddenLink')}
            </Anchor>
          </Alert>
        )}
        {recognition.data && !recognition.data.gamification && (
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} aria-hidden />}>
            {t('insights.boards.noGamification')}
          </Alert>
        )}

        <Input.Wrapper label={t('insights.boards.period')} labelElement="div" id="boards-period-label">
          <SegmentedControl
            fullWidth
            mt={4}
            value={period}
            onChange={(v) => set('period', v === 'month' ? null : v)}
            data={LEADERBOARD_PERIODS.map((p) => ({ value: p, label: t(`insights.periods.${p}`) }))}
            aria-labelledby="boards-period-label"
          />
        </Input.Wrapper>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('insights.filters.department')}
            placeholder={t('insights.filters.anyDepartment')}
            data={(structure.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={departmentId || null}
            onChange={(v) => set('department', v)}
            clearable
            searchable
            size="sm"
          />
          <Select
            label={t('insights.filters.value')}
            placeholder={t('insights.filters.anyValue')}
            data={values.map((v) => ({ value: v.id, label: v.emoji ? `${v.emoji} ${v.name}` : v.name }))}
            value={valueId || null}
            onChange={(v) => set('value', v)}
            clearable
            searchable
            disabled={values.length === 0}
            size="sm"
          />
        </SimpleGrid>
      </Stack>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {LEADERBOARDS.map((board) => (
          <LeaderboardCard
            key={board}
            board={board}
            period={period}
            departmentId={departmentId || undefined}
            valueId={valueId || undefined}
            myId={me?.user.id}
            hidden={hidden}
          />
        ))}
      </SimpleGrid>
    </>
  );
}
