import { Badge, Box, Card, Group, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconEqual } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell as BarCell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { QuestionResult, ResultsQuestion } from '../api.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';
import { ENPS_COLORS, SCALE5_COLORS, enpsGroup, scaleLabelKeys, shares } from '../logic.js';
import { StackedBar } from './StackedBar.js';

const tooltipStyle = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-default-border)',
  borderRadius: 8,
  fontSize: 13,
};

/** 0–10 answers as eleven bars; for eNPS coloured by detractors, passives and promoters. */
function ZeroToTen({ distribution, answers, enps }: { distribution: number[]; answers: number; enps: boolean }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const rows = Array.from({ length: 11 }, (_, v) => ({ value: v, count: distribution[v] ?? 0 }));
  const pcts = shares(
    rows.map((r) => r.count),
    answers,
  );
  const summary = rows.map((r, i) => `${r.value}: ${f.number(r.count)} (${f.pct(pcts[i] ?? 0)})`).join(', ');
  return (
    <>
      <Box aria-hidden h={150}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <XAxis
              dataKey="value"
              tick={{ fontSize: 12, fill: 'var(--mantine-color-dimmed)' }}
              tickLine={false}
              axisLine={{ stroke: 'var(--mantine-color-default-border)' }}
              interval={0}
            />
            <YAxis hide allowDecimals={false} />
            <Tooltip
              cursor={{ fill: 'var(--mantine-color-default-hover)' }}
              labelFormatter={(v) => t('results.questions.scoreLabel', { value: typeof v === 'number' ? v : '' })}
              formatter={(v) => [f.number(Number(v)), t('results.questions.people')]}
              contentStyle={tooltipStyle}
            />
            <Bar dataKey="count" radius={[4, 4, 0, 0]} isAnimationActive={false}>
              {rows.map((r) => (
                <BarCell key={r.value} fill={enps ? ENPS_COLORS[enpsGroup(r.value)] : 'var(--mantine-color-brand-7)'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <VisuallyHidden>{summary}</VisuallyHidden>
      {enps && (
        <Text size="xs" c="dimmed">
          {t('results.questions.enpsGroups')}
        </Text>
      )}
    </>
  );
}

/** Single or multiple choice: one bar per option, share of the people who answered. */
function Choices({
  options,
  distribution,
  answers,
  multi,
}: {
  options: string[];
  distribution: number[];
  answers: number;
  multi: boolean;
}) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const pcts = shares(distribution, answers);
  return (
    <Stack gap={8}>
      <Stack gap={8} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {distribution.map((count, i) => (
          <Box component="li" key={i}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {options[i] ?? t('results.questions.optionN', { n: i + 1 })}
              </Text>
              <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                <Text span fw={700} size="sm">
                  {f.pct(pcts[i] ?? 0)}
                </Text>{' '}
                <Text span c="dimmed" size="xs">
                  ({f.number(count)})
                </Text>
              </Text>
            </Group>
            <Box aria-hidden h={8} mt={2} style={{ borderRadius: 4, background: 'var(--mantine-color-default-border)' }}>
              <Box h="100%" style={{ width: `${pcts[i] ?? 0}%`, background: 'var(--mantine-color-brand-7)', borderRadius: 4 }} />
            </Box>
          </Box>
        ))}
      </Stack>
      {multi && (
        <Text size="xs" c="dimmed">
          {t('results.questions.multi')}
        </Text>
      )}
    </Stack>
  );
}

function QuestionBody({ q, r }: { q: ResultsQuestion; r: QuestionResult }) {
  const { t } = useTranslation();
  if (q.kind === 'text') {
    return (
      <Text size="sm" c="dimmed">
        {t('results.questions.text')}
      </Text>
    );
  }
  if (r.uniform) {
    return (
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <IconEqual size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Text size="sm">{t('results.questions.uniform')}</Text>
      </Group>
    );
  }
  const dist = r.distribution;
  if (!dist || r.answers === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('results.questions.noData')}
      </Text>
    );
  }
  switch (q.kind) {
    case 'scale5': {
      const labels = scaleLabelKeys(q.kind, q.driver);
      return (
        <StackedBar
          label={t('results.questions.distribution')}
          total={r.answers}
          parts={labels.map((key, i) => ({ key, label: t(key), count: dist[i] ?? 0, color: SCALE5_COLORS[i] ?? 'gray' }))}
        />
      );
    }
    case 'scale10':
      return <ZeroToTen distribution={dist} answers={r.answers} enps={q.driver === 'enps'} />;
    case 'single':
    case 'multi':
      return <Choices options={q.options} distribution={dist} answers={r.answers} multi={q.kind === 'multi'} />;
  }
}

/** One card per question of the round, in the survey's order. */
export function QuestionCards({ questions, results }: { questions: ResultsQuestion[]; results: QuestionResult[] }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const byId = new Map(results.map((r) => [r.questionId, r]));
  const asked = questions.filter((q) => byId.has(q.id));
  if (asked.length === 0) {
    return null;
  }
  return (
    <Box component="section" aria-labelledby="results-questions">
      <Title order={2} fz={19} id="results-questions" mb={4}>
        {t('results.questions.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('results.questions.description')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {asked.map((q, i) => {
          const r = byId.get(q.id)!;
          const facts = [
            t('results.answers', { count: r.answers, n: f.number(r.answers) }),
            !r.uniform && r.mean !== null ? t('results.questions.mean', { mean: f.mean(r.mean) }) : null,
            !r.uniform && r.favourable !== null && q.kind === 'scale5'
              ? t('results.drivers.favourable', { pct: f.pct(Math.round(r.favourable)) })
              : null,
          ].filter((x): x is string => x !== null);
          return (
            <Card key={q.id} padding="lg" component="article" aria-labelledby={`results-q-${q.id}`}>
              <Stack gap="sm">
                <Group gap={6} wrap="wrap">
                  <Badge variant="light" color="gray" radius="sm" size="sm">
                    {t('results.questions.number', { n: i + 1 })}
                  </Badge>
                  {q.driver && (
                    <Badge variant="light" radius="sm" size="sm">
                      {t(`results.driver.${q.driver}`)}
                    </Badge>
                  )}
                  <Badge variant="outline" color="gray" radius="sm" size="sm">
                    {t(`results.questions.kind.${q.kind}`)}
                  </Badge>
                </Group>
                <Title order={3} fz="md" fw={600} id={`results-q-${q.id}`} style={{ overflowWrap: 'anywhere' }}>
                  {q.text}
                </Title>
                <Text size="xs" c="dimmed">
                  {facts.join(' · ')}
                </Text>
                <QuestionBody q={q} r={r} />
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Box>
  );
}
