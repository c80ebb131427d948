import { Button, Card, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconReceipt, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECOGNITION_LIMITS, REDEMPTION_STATUSES, type RedemptionStatus } from '../../../../../shared/recognition.js';
import { PagedList } from '../../../../components/PagedList.js';
import { Section } from '../../../../components/Section.js';
import { Empty } from '../../../../components/States.js';
import type { Redemption } from '../../api.js';
import { useDecideRedemption, useRedemptionQueue } from '../../hooks/useRecognitionAdmin.js';
import { useFormat } from '../../hooks/useFormat.js';
import { useValidators } from '../../hooks/useValidators.js';
import { toast } from '../../toast.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { RedemptionStatusBadge } from '../RedemptionStatusBadge.js';
import { RewardImage } from '../RewardImage.js';
import { PersonChip } from './PersonChip.js';

type Decision = 'approve' | 'refuse';

/** Redemptions waiting for a decision first; approved and refused ones a click away. */
export function RedemptionsAdmin() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RedemptionStatus>('pending');
  const queue = useRedemptionQueue(status);
  const [deciding, setDeciding] = useState<{ redemption: Redemption; decision: Decision } | null>(null);
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Section id="redemptions-queue" title={t('rewards.redemptions.title')} description={t('rewards.redemptions.intro')}>
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('rewards.redemptions.filter')}
          value={status}
          onChange={(v) => setStatus(v)}
          data={REDEMPTION_STATUSES.map((s) => ({ value: s, label: t(`rewards.status.${s}`) }))}
          w={{ base: '100%', xs: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        />
        <PagedList
          query={queue}
          items={items}
          empty={
            <Empty
              icon={<IconReceipt size={28} aria-hidden />}
              title={t(`rewards.redemptions.empty.${status}.title`)}
              description={t(`rewards.redemptions.empty.${status}.body`)}
            />
          }
        >
          {(shown) => (
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {shown.map((r) => (
                <RedemptionItem key={r.id} redemption={r} onDecide={(decision) => setDeciding({ redemption: r, decision })} />
              ))}
            </Stack>
          )}
        </PagedList>
      </Stack>
      <Modal
        opened={deciding !== null}
        onClose={() => setDeciding(null)}
        title={
          <Text fw={700} fz="lg">
            {deciding ? t(`rewards.redemptions.${deciding.decision}Title`, { name: deciding.redemption.reward.name }) : ''}
          </Text>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {deciding && <DecisionForm key={deciding.redemption.id} {...deciding} onDone={() => setDeciding(null)} />}
      </Modal>
    </Section>
  );
}

function RedemptionItem({ redemption: r, onDecide }: { redemption: Redemption; onDecide: (d: Decision) => void }) {
  const { t } = useTranslation();
  const { points, dateTime } = useFormat();
  return (
    <Card component="li" padding="sm" radius="md">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <RewardImage url={r.reward.imageUrl} height={56} width={56} radius="md" />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {r.reward.name}
            </Text>
            <RedemptionStatusBadge status={r.status} />
          </Group>
          <PersonChip person={r.person} size={24} />
          <Text size="sm" c="dimmed">
            {points(r.cost)} · <time dateTime={r.createdAt}>{dateTime(r.createdAt)}</time>
          </Text>
          {r.status !== 'pending' && (
            <Text size="sm" c="dimmed">
              {r.decidedBy
                ? t('rewards.redemptions.decidedBy', { name: r.decidedBy.name, date: r.decidedAt ? dateTime(r.decidedAt) : '' })
                : r.decidedAt
                  ? t('rewards.redemptions.decidedOn', { date: dateTime(r.decidedAt) })
                  : null}
            </Text>
          )}
          {r.note && (
            <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {t('rewards.mine.note', { note: r.note })}
            </Text>
          )}
          {r.status === 'pending' && (
            <Group gap="xs" mt={4}>
              <Button
                size="compact-sm"
                leftSection={<IconCheck size={16} aria-hidden />}
                onClick={() => onDecide('approve')}
                aria-label={t('rewards.redemptions.approveNamed', { name: r.person.name, reward: r.reward.name })}
              >
                {t('rewards.redemptions.approve')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={() => onDecide('refuse')}
                aria-label={t('rewards.redemptions.refuseNamed', { name: r.person.name, reward: r.reward.name })}
              >
                {t('rewards.redemptions.refuse')}
              </Button>
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

function DecisionForm({ redemption: r, decision, onDone }: { redemption: Redemption; decision: Decision; onDone: () => void }) {
  const { t } = useTranslation();
  const { points } = useFormat();
  const valid = useValidators();
  const decide = useDecideRedemption();
  const form = useForm({ initialValues: { note: '' }, validate: { note: valid.text(RECOGNITION_LIMITS.note) } });
  const submit = ({ note }: { note: string }) =>
    decide.mutate(
      { id: r.id, decision, note: note.trim() || undefined },
      {
        onSuccess: () => {
          toast(t(`rewards.redemptions.${decision}d`, { name: r.person.name, reward: r.reward.name }));
          onDone();
        },
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {decision === 'approve'
            ? t('rewards.redemptions.approveBody', { name: r.person.name, reward: r.reward.name })
            : t('rewards.redemptions.refuseBody', { name: r.person.name, n: points(r.cost) })}
        </Text>
        <Textarea
          label={t('rewards.redemptions.note')}
          description={t('rewards.redemptions.noteHint')}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={RECOGNITION_LIMITS.note}
          data-autofocus
          {...form.getInputProps('note')}
        />
        <ErrorAlert error={decide.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={decision === 'refuse' ? 'red' : undefined} loading={decide.isPending}>
            {t(`rewards.redemptions.${decision}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
