import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChartBar, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PagedList } from '../../../components/PagedList.js';
import { Section } from '../../../components/Section.js';
import { Empty } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { ResultsSurveyItem } from '../api.js';
import { useResultsSurveys } from '../hooks/useResults.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';

function SurveyRow({ s }: { s: ResultsSurveyItem }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const last = s.lastRound;
  return (
    <UnstyledButton
      component={Link}
      to={`/listening/surveys/${encodeURIComponent(s.id)}/results`}
      p="sm"
      style={{ display: 'block', borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {s.title}
          </Text>
          <Group gap={6} wrap="wrap">
            <Badge size="sm" radius="sm" variant="light" color="gray" style={{ textTransform: 'none' }}>
              {t(`results.kind.${s.kind}`)}
            </Badge>
            <Badge size="sm" radius="sm" variant="light" style={{ textTransform: 'none' }}>
              {t(`results.anonymity.label.${s.anonymity}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {last
                ? t(last.status === 'open' ? 'results.card.roundOpen' : 'results.card.roundClosed', {
                    number: last.number,
                    date: f.date(last.closesAt),
                  })
                : t('results.card.noRound')}
              {s.rounds > 1 && ` · ${t('results.card.rounds', { count: s.rounds, n: f.number(s.rounds) })}`}
            </Text>
          </Group>
        </Stack>
        <IconChevronRight size={18} aria-hidden style={{ flexShrink: 0 }} />
      </Group>
    </UnstyledButton>
  );
}

/** The surveys whose results the viewer may see, each linking to its results; nothing for people who may see none. */
export function ResultsSurveysCard() {
  const allowed = useAbility('listening.results');
  return allowed ? <SurveysList /> : null;
}

function SurveysList() {
  const { t } = useTranslation();
  const query = useResultsSurveys();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section id="results-surveys" title={t('results.card.title')} description={t('results.card.description')}>
      <PagedList
        query={query}
        items={items}
        empty={
          <Empty icon={<IconChartBar size={28} aria-hidden />} title={t('results.card.empty')} description={t('results.card.emptyBody')} />
        }
      >
        {(list) => (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {list.map((s) => (
              <li key={s.id}>
                <SurveyRow s={s} />
              </li>
            ))}
          </Stack>
        )}
      </PagedList>
    </Section>
  );
}
