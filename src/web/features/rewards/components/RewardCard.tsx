import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconClockCheck, IconGift, IconInfinity, IconPackage, IconPackageOff } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reward } from '../api.js';
import { useFormat } from '../hooks/useFormat.js';
import type { RedeemBlock } from '../logic.js';
import { RewardImage } from './RewardImage.js';

/** How many are left, "unlimited", or "out of stock". */
export function StockBadge({ stock }: { stock: number | null }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  if (stock === null) {
    return (
      <Badge variant="light" c="var(--mantine-color-text)" color="gray" leftSection={<IconInfinity size={14} aria-hidden />}>
        {t('rewards.stock.unlimited')}
      </Badge>
    );
  }
  if (stock <= 0) {
    return (
      <Badge variant="light" c="var(--mantine-color-text)" color="red" leftSection={<IconPackageOff size={14} aria-hidden />}>
        {t('rewards.stock.out')}
      </Badge>
    );
  }
  return (
    <Badge variant="light" c="var(--mantine-color-text)" color="gray" leftSection={<IconPackage size={14} aria-hidden />}>
      {t('rewards.stock.left', { count: stock, n: number(stock) })}
    </Badge>
  );
}

export function ApprovalBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" c="var(--mantine-color-text)" color="yellow" leftSection={<IconClockCheck size={14} aria-hidden />}>
      {t('rewards.needsApproval')}
    </Badge>
  );
}

/** One reward of the catalogue, with its Redeem button and, when it cannot be redeemed, why. */
export function RewardCard({ reward, block, onRedeem }: { reward: Reward; block: RedeemBlock | null; onRedeem: () => void }) {
  const { t } = useTranslation();
  const { number, points } = useFormat();
  const reasonId = useId();
  const titleId = useId();
  const reason =
    block?.kind === 'short'
      ? t('rewards.block.short', { count: block.missing, n: number(block.missing) })
      : block
        ? t(`rewards.block.${block.kind}`)
        : null;
  return (
    <Card padding="md" component="article" aria-labelledby={titleId} h="100%">
      <Card.Section>
        <RewardImage url={reward.imageUrl} height={150} phoneHeight={110} />
      </Card.Section>
      <Stack gap="xs" mt="md" style={{ flex: 1 }}>
        <Title order={3} fz="lg" id={titleId} style={{ overflowWrap: 'anywhere' }}>
          {reward.name}
        </Title>
        {reward.description && (
          <Text size="sm" c="dimmed" lineClamp={4} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {reward.description}
          </Text>
        )}
        <Group gap={6} mt="auto" pt="xs">
          <Badge variant="filled" leftSection={<IconGift size={14} aria-hidden />}>
            {points(reward.cost)}
          </Badge>
          <StockBadge stock={reward.stock} />
          {reward.requiresApproval && <ApprovalBadge />}
        </Group>
      </Stack>
      <Stack gap={4} mt="md">
        <Button fullWidth onClick={onRedeem} disabled={block !== null} aria-describedby={reason ? reasonId : undefined}>
          {t('rewards.redeem.button')}
          <span className="visually-hidden"> {reward.name}</span>
        </Button>
        {reason && (
          <Text size="xs" c="dimmed" ta="center" id={reasonId}>
            {reason}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
