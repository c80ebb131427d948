import { Avatar, Badge, Button, Card, Grid, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconConfetti, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RECOGNITION_LIMITS } from '../../../../../shared/recognition.js';
import { LoadMore } from '../../../../components/LoadMore.js';
import { Section } from '../../../../components/Section.js';
import { Empty, ErrorState, Loading } from '../../../../components/States.js';
import { UserAvatar } from '../../../../components/UserAvatar.js';
import type { Award } from '../../api.js';
import { useAwards, useGrantAward } from '../../hooks/useRecognitionAdmin.js';
import { useFormat } from '../../hooks/useFormat.js';
import { useValidators } from '../../hooks/useValidators.js';
import { toast } from '../../toast.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { PeopleMultiPicker } from '../../../people/components/PeopleMultiPicker.js';

/** People one award can go to at once. */
const AWARD_PEOPLE_MAX = 500;

interface FormValues {
  userIds: string[];
  points: number | string;
  reason: string;
}

/** Company awards: points granted by the company (a project shipped, a great year), and their history. */
export function AwardsAdmin() {
  return (
    <Stack gap="lg">
      <GrantForm />
      <AwardHistory />
    </Stack>
  );
}

function GrantForm() {
  const { t } = useTranslation();
  const { points } = useFormat();
  const valid = useValidators();
  const grant = useGrantAward();
  const L = RECOGNITION_LIMITS;
  const form = useForm<FormValues>({
    initialValues: { userIds: [], points: '', reason: '' },
    validate: {
      userIds: (v) => (v.length === 0 ? t('rewards.awards.pickSomeone') : null),
      points: valid.whole(1, L.awardPoints),
      reason: valid.name(L.awardReason),
    },
  });
  const each = Number(form.values.points);
  const count = form.values.userIds.length;
  const summary =
    count > 0 && Number.isInteger(each) && each > 0
      ? t('rewards.awards.summary', { count, each: points(each), total: points(each * count) })
      : null;

  const submit = (v: FormValues) =>
    grant.mutate(
      { userIds: v.userIds, points: Number(v.points), reason: v.reason.trim() },
      {
        onSuccess: (a) => {
          toast(t('rewards.awards.granted', { count: a.recipients.length }));
          form.reset();
        },
      },
    );

  return (
    <Section id="awards-grant" title={t('rewards.awards.title')} description={t('rewards.awards.intro')}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          <PeopleMultiPicker
            label={t('rewards.awards.people')}
            value={form.values.userIds}
            onChange={(ids) => form.setFieldValue('userIds', ids)}
            max={AWARD_PEOPLE_MAX}
            error={typeof form.errors.userIds === 'string' ? form.errors.userIds : undefined}
          />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NumberInput
                size="md"
                label={t('rewards.awards.points')}
                description={t('rewards.awards.pointsHint')}
                min={1}
                max={L.awardPoints}
                allowDecimal={false}
                allowNegative={false}
                {...form.getInputProps('points')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Textarea
                label={t('rewards.awards.reason')}
                description={t('rewards.awards.reasonHint')}
                autosize
                minRows={2}
                maxRows={5}
                maxLength={L.awardReason}
                {...form.getInputProps('reason')}
              />
            </Grid.Col>
          </Grid>
          {summary && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {summary}
            </Text>
          )}
          <ErrorAlert error={grant.error} />
          <Group>
            <Button type="submit" leftSection={<IconSend size={18} aria-hidden />} loading={grant.isPending}>
              {t('rewards.awards.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function AwardHistory() {
  const { t } = useTranslation();
  const list = useAwards();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section id="awards-history" title={t('rewards.awards.historyTitle')}>
      {list.isPending ? (
        <Loading />
      ) : list.isError && items.length === 0 ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          icon={<IconConfetti size={28} aria-hidden />}
          title={t('rewards.awards.emptyTitle')}
          description={t('rewards.awards.emptyBody')}
        />
      ) : (
        <>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((a) => (
              <AwardItem key={a.id} award={a} />
            ))}
          </Stack>
          {list.isError && <ErrorState error={list.error} onRetry={() => void list.fetchNextPage()} />}
          <LoadMore query={list} />
        </>
      )}
    </Section>
  );
}

const SHOWN = 3;

function AwardItem({ award: a }: { award: Award }) {
  const { t } = useTranslation();
  const { points, dateTime } = useFormat();
  const names = a.recipients.slice(0, SHOWN).map((p) => p.name);
  const more = a.recipients.length - names.length;
  return (
    <Card component="li" padding="sm" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Badge variant="filled">{t('rewards.awards.each', { n: points(a.points) })}</Badge>
          <Text size="xs" c="dimmed">
            <time dateTime={a.createdAt}>{dateTime(a.createdAt)}</time>
            {a.grantedBy ? ` · ${t('rewards.awards.by', { name: a.grantedBy.name })}` : ''}
          </Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {a.reason}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Avatar.Group spacing="sm" aria-hidden>
            {a.recipients.slice(0, SHOWN).map((p) => (
              <UserAvatar key={p.id} name={p.name} photoUrl={p.photoUrl} size={28} />
            ))}
            {more > 0 && (
              <Avatar size={28} radius={1000}>
                +{more}
              </Avatar>
            )}
          </Avatar.Group>
          <Text size="sm" c="dimmed" style={{ minWidth: 0 }}>
            {more > 0 ? t('rewards.awards.toMany', { names: names.join(', '), count: more }) : names.join(', ')}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
