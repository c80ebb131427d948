import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconClockCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Reward } from '../api.js';
import { useFormat } from '../hooks/useFormat.js';
import { ErrorAlert } from './ErrorAlert.js';
import { RewardImage } from './RewardImage.js';

interface Props {
  reward: Reward | null;
  balance: number;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Redeem this for N points?", with what the balance will be afterwards. */
export function RedeemDialog({ reward, balance, pending, error, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const { points } = useFormat();
  const after = reward ? balance - reward.cost : balance;
  return (
    <Modal
      opened={reward !== null}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {t('rewards.redeem.title')}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      {reward && (
        <Stack gap="md">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <RewardImage url={reward.imageUrl} height={64} width={64} radius="md" />
            <div style={{ minWidth: 0 }}>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {reward.name}
              </Text>
              <Text size="sm" c="dimmed">
                {points(reward.cost)}
              </Text>
            </div>
          </Group>
          <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={0}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th fw={400}>{t('rewards.redeem.now')}</Table.Th>
                <Table.Td ta="right">{points(balance)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th fw={400}>{t('rewards.redeem.cost')}</Table.Th>
                <Table.Td ta="right">− {points(reward.cost)}</Table.Td>
              </Table.Tr>
              <Table.Tr style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
                <Table.Th>{t('rewards.redeem.after')}</Table.Th>
                <Table.Td ta="right" fw={700}>
                  {points(Math.max(0, after))}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {reward.requiresApproval && (
            <Alert variant="light" color="yellow" icon={<IconClockCheck aria-hidden />}>
              {t('rewards.redeem.approvalNote')}
            </Alert>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={onConfirm} loading={pending} disabled={after < 0} data-autofocus>
              {t('rewards.redeem.confirm', { n: points(reward.cost) })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
