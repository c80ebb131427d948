import { Badge, Button, Card, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertOctagon, IconCheck, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECOGNITION_LIMITS } from '../../../../../shared/recognition.js';
import { PagedList } from '../../../../components/PagedList.js';
import { Section } from '../../../../components/Section.js';
import { Empty } from '../../../../components/States.js';
import { FLAG_STATUSES, type FlagStatus, type RecognitionFlag } from '../../api.js';
import { useFlags, useResolveFlag } from '../../hooks/useRecognitionAdmin.js';
import { useFormat } from '../../hooks/useFormat.js';
import { useValidators } from '../../hooks/useValidators.js';
import { toast } from '../../toast.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { PersonChip } from './PersonChip.js';

type Resolution = 'dismissed' | 'confirmed';

const STATUS_LOOK: Record<FlagStatus, { color: string; icon: typeof IconCheck }> = {
  open: { color: 'orange', icon: IconAlertOctagon },
  dismissed: { color: 'gray', icon: IconCheck },
  confirmed: { color: 'red', icon: IconShieldCheck },
};

/** Rings of people who mostly pass points among themselves: a pattern to look at, dismissed or confirmed with a note. */
export function FlagsAdmin() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<FlagStatus>('open');
  const flags = useFlags(status);
  const [resolving, setResolving] = useState<{ flag: RecognitionFlag; resolution: Resolution } | null>(null);
  const items = flags.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Section id="recognition-flags" title={t('rewards.flags.title')} description={t('rewards.flags.intro')}>
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('rewards.flags.filter')}
          value={status}
          onChange={(v) => setStatus(v)}
          data={FLAG_STATUSES.map((s) => ({ value: s, label: t(`rewards.flags.statuses.${s}`) }))}
          w={{ base: '100%', xs: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        />
        <PagedList
          query={flags}
          items={items}
          empty={
            <Empty
              icon={<IconShieldCheck size={28} aria-hidden />}
              title={t(`rewards.flags.empty.${status}.title`)}
              description={t(`rewards.flags.empty.${status}.body`)}
            />
          }
        >
          {(shown) => (
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {shown.map((f) => (
                <FlagItem key={f.id} flag={f} onResolve={(resolution) => setResolving({ flag: f, resolution })} />
              ))}
            </Stack>
          )}
        </PagedList>
      </Stack>
      <Modal
        opened={resolving !== null}
        onClose={() => setResolving(null)}
        title={
          <Text fw={700} fz="lg">
            {resolving ? t(`rewards.flags.${resolving.resolution}Title`) : ''}
          </Text>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {resolving && <ResolveForm key={resolving.flag.id} {...resolving} onDone={() => setResolving(null)} />}
      </Modal>
    </Section>
  );
}

function FlagItem({ flag: f, onResolve }: { flag: RecognitionFlag; onResolve: (r: Resolution) => void }) {
  const { t } = useTranslation();
  const { points, dateTime } = useFormat();
  const look = STATUS_LOOK[f.status];
  const names = f.members.map((m) => m.name).join(', ');
  return (
    <Card component="li" padding="sm" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600}>{t('rewards.flags.ring', { count: f.members.length })}</Text>
          <Badge variant="light" c="var(--mantine-color-text)" color={look.color} leftSection={<look.icon size={14} aria-hidden />}>
            {t(`rewards.flags.statuses.${f.status}`)}
          </Badge>
        </Group>
        <Group gap="md" wrap="wrap">
          {f.members.map((m) => (
            <PersonChip key={m.id} person={m} size={28} />
          ))}
        </Group>
        <Text size="sm">
          {t('rewards.flags.summary', { kudos: t('rewards.flags.kudos', { count: f.kudosCount }), points: points(f.points) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('rewards.flags.flaggedOn', { date: dateTime(f.createdAt) })}
          {f.reviewedAt ? ` · ${t('rewards.flags.reviewedOn', { date: dateTime(f.reviewedAt) })}` : ''}
        </Text>
        {f.note && (
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {t('rewards.mine.note', { note: f.note })}
          </Text>
        )}
        {f.status === 'open' && (
          <Group gap="xs">
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconCheck size={16} aria-hidden />}
              onClick={() => onResolve('dismissed')}
              aria-label={t('rewards.flags.dismissNamed', { names })}
            >
              {t('rewards.flags.dismiss')}
            </Button>
            <Button
              size="compact-sm"
              color="red"
              variant="light"
              leftSection={<IconAlertOctagon size={16} aria-hidden />}
              onClick={() => onResolve('confirmed')}
              aria-label={t('rewards.flags.confirmNamed', { names })}
            >
              {t('rewards.flags.confirm')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function ResolveForm({ flag, resolution, onDone }: { flag: RecognitionFlag; resolution: Resolution; onDone: () => void }) {
  const { t } = useTranslation();
  const valid = useValidators();
  const resolve = useResolveFlag();
  const form = useForm({ initialValues: { note: '' }, validate: { note: valid.text(RECOGNITION_LIMITS.note) } });
  const submit = ({ note }: { note: string }) =>
    resolve.mutate(
      { id: flag.id, status: resolution, note: note.trim() || undefined },
      {
        onSuccess: () => {
          toast(t(`rewards.flags.${resolution}Toast`));
          onDone();
        },
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <Text size="sm">{t(`rewards.flags.${resolution}Body`, { names: flag.members.map((m) => m.name).join(', ') })}</Text>
        <Textarea
          label={t('rewards.flags.note')}
          description={t('rewards.flags.noteHint')}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={RECOGNITION_LIMITS.note}
          data-autofocus
          {...form.getInputProps('note')}
        />
        <ErrorAlert error={resolve.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={resolution === 'confirmed' ? 'red' : undefined} loading={resolve.isPending}>
            {t(resolution === 'confirmed' ? 'rewards.flags.confirm' : 'rewards.flags.dismiss')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
