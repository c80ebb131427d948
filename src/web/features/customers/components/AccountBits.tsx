import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountSummary, CsatView, NpsView } from '../api.js';
import { csatColor, formatDay, npsColor, signed } from '../logic.js';

/**
 * Active or lost, and since when: the colour is never the only signal, the words say it. Stacked in a
 * table's narrow cell, on one line elsewhere.
 */
export function AccountStatus({
  account,
  stacked = false,
}: {
  account: Pick<AccountSummary, 'status' | 'customerSince' | 'lostOn'>;
  stacked?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lost = account.status === 'lost';
  const day = formatDay(lost && account.lostOn ? account.lostOn : account.customerSince, i18n.language);
  const badge = (
    <Badge color={lost ? 'gray' : 'brand'} variant={lost ? 'outline' : 'light'} radius="sm" style={{ flexShrink: 0 }}>
      {lost ? t('customers.status.lost') : t('customers.status.active')}
    </Badge>
  );
  const since = (
    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
      {lost ? t('customers.status.lostDate', { date: day }) : t('customers.status.sinceDate', { date: day })}
    </Text>
  );
  return stacked ? (
    <Stack gap={2} align="flex-start">
      {badge}
      {since}
    </Stack>
  ) : (
    <Group gap={6} wrap="nowrap">
      {badge}
      {since}
    </Group>
  );
}

/** Segment · region · size, leaving out what is not known. */
export function useProfileLine(): (a: Pick<AccountSummary, 'segment' | 'region' | 'size'>) => string {
  const { t } = useTranslation();
  return (a) => [a.segment, a.region, a.size ? t(`customers.size.${a.size}`) : null].filter(Boolean).join(' · ');
}

/** An NPS with the number of answers it stands on; a dash without answers. */
export function NpsValue({ nps, size = 'sm', stacked = false }: { nps: NpsView | null; size?: 'sm' | 'lg'; stacked?: boolean }) {
  const { t } = useTranslation();
  if (!nps) {
    return (
      <Text size={size} c="dimmed">
        <span aria-hidden>—</span>
        <span className="visually-hidden">{t('customers.score.noAnswers')}</span>
      </Text>
    );
  }
  const Layout = stacked ? Stack : Group;
  return (
    <Tooltip
      label={t('customers.score.npsBreakdown', { promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors })}
      withArrow
    >
      <Layout gap={stacked ? 2 : 6} wrap="nowrap" align={stacked ? 'flex-start' : 'center'} tabIndex={0} style={{ display: 'inline-flex' }}>
        <Badge
          color={npsColor(nps.score)}
          variant="light"
          radius="sm"
          size={size === 'lg' ? 'lg' : 'md'}
          style={{ flexShrink: 0, overflow: 'visible' }}
        >
          {signed(nps.score)}
        </Badge>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('customers.score.n', { count: nps.n })}
        </Text>
      </Layout>
    </Tooltip>
  );
}

/** A CSAT mean (1–5) and the share satisfied, with the number of answers. */
export function CsatValue({ csat }: { csat: CsatView | null }) {
  const { t, i18n } = useTranslation();
  if (!csat) {
    return (
      <Text size="sm" c="dimmed">
        <span aria-hidden>—</span>
        <span className="visually-hidden">{t('customers.score.noAnswers')}</span>
      </Text>
    );
  }
  const mean = csat.mean.toLocaleString(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={csatColor(csat.mean)} variant="light" radius="sm" size="lg">
        {t('customers.score.csatMean', { mean })}
      </Badge>
      <Text size="xs" c="dimmed">
        {t('customers.score.satisfied', { pct: csat.satisfied })} · {t('customers.score.n', { count: csat.n })}
      </Text>
    </Group>
  );
}
