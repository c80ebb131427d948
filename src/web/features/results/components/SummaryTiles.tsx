import { Box, Card, Group, Progress, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Cell } from '../api.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';
import { BAND_BACKGROUND, ENPS_COLORS, enpsBand, responsePercent } from '../logic.js';
import { StackedBar } from './StackedBar.js';

function Tile({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card padding="lg" component="section" aria-labelledby={id}>
      <Group gap={6} wrap="nowrap">
        <Title order={2} fz="md" fw={600} id={id}>
          {title}
        </Title>
        {hint && (
          <Tooltip label={hint} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
            <Box
              component="span"
              tabIndex={0}
              role="img"
              aria-label={`${t('results.summary.about')}: ${hint}`}
              style={{ display: 'inline-flex', color: 'var(--mantine-color-dimmed)', borderRadius: 4 }}
            >
              <IconInfoCircle size={18} aria-hidden />
            </Box>
          </Tooltip>
        )}
      </Group>
      <Box mt="sm">{children}</Box>
    </Card>
  );
}

function BigNumber({ children, background }: { children: ReactNode; background?: string }) {
  return (
    <Text
      component="p"
      fz={36}
      fw={700}
      lh={1.1}
      px={background ? 8 : 0}
      style={{ fontVariantNumeric: 'tabular-nums', background, borderRadius: 'var(--mantine-radius-sm)', display: 'inline-block' }}
    >
      {children}
    </Text>
  );
}

/** How many of those asked answered; hidden where fewer than the threshold were asked. */
export function ResponseRateTile({ cell, threshold }: { cell: Cell; threshold: number }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const rate = cell.status === 'shown' ? responsePercent(cell) : null;
  return (
    <Tile id="results-rate" title={t('results.summary.responseRate')}>
      <Stack gap={6}>
        <BigNumber>{rate === null ? '—' : f.pct(rate)}</BigNumber>
        {rate !== null && <Progress value={rate} size="sm" aria-hidden color="brand.7" />}
        <Text size="sm" c={cell.invited === null ? 'dimmed' : undefined}>
          {cell.invited === null
            ? t('results.summary.invitedHidden', { n: threshold })
            : cell.responses !== null && cell.status === 'shown'
              ? t('results.summary.responses', { responses: f.number(cell.responses), invited: f.number(cell.invited) })
              : t('results.summary.invited', { invited: f.number(cell.invited) })}
        </Text>
        {cell.invited !== null && (cell.responses === null || cell.status !== 'shown') && (
          <Text size="xs" c="dimmed">
            {t('results.summary.responsesHidden')}
          </Text>
        )}
      </Stack>
    </Tile>
  );
}

/** eNPS as a number on a −100…+100 scale with its promoters, passives and detractors. */
export function EnpsTile({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const e = cell.status === 'shown' ? cell.enps : null;
  const band = enpsBand(e?.score);
  return (
    <Tile id="results-enps" title={t('results.summary.enps')} hint={t('results.summary.enpsHint')}>
      {!e ? (
        <Stack gap={6}>
          <BigNumber>—</BigNumber>
          <Text size="sm" c="dimmed">
            {cell.status === 'shown' ? t('results.summary.noEnpsAnswers') : t('results.summary.notShown')}
          </Text>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Group gap="sm" align="baseline" wrap="wrap">
            <BigNumber background={band === null ? undefined : BAND_BACKGROUND[band]}>{f.signed(e.score)}</BigNumber>
            <Text size="sm" c="dimmed">
              {t('results.answers', { count: e.answers, n: f.number(e.answers) })}
            </Text>
          </Group>
          <EnpsGauge score={e.score} />
          <StackedBar
            label={t('results.summary.enpsGroups')}
            total={e.answers}
            parts={[
              { key: 'd', label: t('results.summary.detractors'), count: e.detractors, color: ENPS_COLORS.detractor },
              { key: 'p', label: t('results.summary.passives'), count: e.passives, color: ENPS_COLORS.passive },
              { key: 'r', label: t('results.summary.promoters'), count: e.promoters, color: ENPS_COLORS.promoter },
            ]}
          />
        </Stack>
      )}
    </Tile>
  );
}

/** Where the score sits between −100 and +100; the number beside it says the same in words. */
function EnpsGauge({ score }: { score: number }) {
  const f = useResultsFormat();
  const at = Math.max(0, Math.min(100, (score + 100) / 2));
  return (
    <Box aria-hidden>
      <Box
        pos="relative"
        h={8}
        style={{
          borderRadius: 4,
          background:
            'linear-gradient(90deg, var(--mantine-color-orange-6), var(--mantine-color-gray-4) 50%, var(--mantine-color-brand-6))',
        }}
      >
        <Box
          pos="absolute"
          top={-4}
          h={16}
          w={4}
          style={{ left: `calc(${at}% - 2px)`, background: 'var(--mantine-color-text)', borderRadius: 2 }}
        />
      </Box>
      <Group justify="space-between" mt={2}>
        <Text size="xs" c="dimmed">
          {f.signed(-100)}
        </Text>
        <Text size="xs" c="dimmed">
          0
        </Text>
        <Text size="xs" c="dimmed">
          {f.signed(100)}
        </Text>
      </Group>
    </Box>
  );
}

export function SummaryTiles({ cell, threshold, withEnps }: { cell: Cell; threshold: number; withEnps: boolean }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: withEnps ? 2 : 1 }} spacing="lg">
      <ResponseRateTile cell={cell} threshold={threshold} />
      {withEnps && <EnpsTile cell={cell} />}
    </SimpleGrid>
  );
}
