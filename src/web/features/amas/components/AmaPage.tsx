import { Anchor, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconMessageQuestion, IconPencil, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import { AmaError } from './AmaError.js';
import type { AmaDetail, QuestionSort, QuestionStatus } from '../api.js';
import { useAma, useAmaLive, useAmaStatus, useAsk, useQuestions } from '../hooks/useAmas.js';
import { AmaHost, AmaStatusBadge, useAmaTime } from './AmaBits.js';
import { QuestionCard } from './QuestionCard.js';

/** The ask box: plain text, optionally without one's name where the AMA allows it. */
function AskBox({ ama }: { ama: AmaDetail }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sent, setSent] = useState(false);
  const ask = useAsk(ama.id);
  return (
    <Card withBorder radius="md" padding="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSent(false);
          ask.mutate(
            { body, anonymous: anonymous && ama.abilities.canAskAnonymously },
            {
              onSuccess: () => {
                setBody('');
                setSent(true);
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('amas.ask.label')}
            placeholder={t('amas.ask.placeholder')}
            autosize
            minRows={2}
            maxLength={COMMS_LIMITS.amaQuestion}
            description={t('amas.ask.counter', { count: body.length, max: COMMS_LIMITS.amaQuestion })}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            required
          />
          {ama.abilities.canAskAnonymously && (
            <Checkbox
              label={t('amas.ask.anonymous')}
              description={t('amas.ask.anonymousHelp')}
              checked={anonymous}
              onChange={(e) => setAnonymous(e.currentTarget.checked)}
            />
          )}
          <AmaError error={ask.error} />
          {sent && (
            <Text size="sm" c="teal" role="status">
              {t('amas.ask.sent')}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={ask.isPending} disabled={!body.trim()}>
              {t('amas.ask.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The host's controls: put the AMA on air, end it, change it. */
function HostControls({ ama }: { ama: AmaDetail }) {
  const { t } = useTranslation();
  const status = useAmaStatus(ama.id);
  const a = ama.abilities;
  if (!a.canStart && !a.canEnd && !a.canEdit) {
    return null;
  }
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {a.canStart && (
          <Button
            color="red"
            leftSection={<IconPlayerPlay size={18} aria-hidden />}
            loading={status.isPending && status.variables === 'live'}
            onClick={() => status.mutate('live')}
          >
            {t('amas.host.goLive')}
          </Button>
        )}
        {a.canEnd && (
          <ConfirmButton
            variant="default"
            leftSection={<IconPlayerStop size={18} aria-hidden />}
            title={t('amas.host.endTitle')}
            message={t('amas.host.endMessage')}
            confirmLabel={t('amas.host.end')}
            loading={status.isPending && status.variables === 'ended'}
            onConfirm={() => status.mutate('ended')}
          >
            {t('amas.host.end')}
          </ConfirmButton>
        )}
        {a.canEdit && (
          <Button variant="subtle" component={Link} to={`/amas/new?edit=${ama.id}`} leftSection={<IconPencil size={18} aria-hidden />}>
            {t('amas.host.edit')}
          </Button>
        )}
      </Group>
      <AmaError error={status.error} />
    </Stack>
  );
}

function Questions({ ama }: { ama: AmaDetail }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<QuestionSort>('top');
  const [status, setStatus] = useState<QuestionStatus>('all');
  const query = useQuestions(ama.id, sort, status);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="ama-questions">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap" gap="sm">
        <Title order={2} fz="h3" id="ama-questions">
          {t('amas.questions.title', { count: ama.questionCount })}
        </Title>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="ama-sort-label">
              {t('amas.questions.sort')}
            </Text>
            <SegmentedControl
              aria-labelledby="ama-sort-label"
              value={sort}
              onChange={(v) => setSort(v === 'new' ? 'new' : 'top')}
              data={[
                { value: 'top', label: t('amas.questions.top') },
                { value: 'new', label: t('amas.questions.new') },
              ]}
            />
          </Stack>
          <Select
            label={t('amas.questions.show')}
            w={170}
            allowDeselect={false}
            value={status}
            onChange={(v) => setStatus(v === 'open' || v === 'answered' ? v : 'all')}
            data={[
              { value: 'all', label: t('amas.questions.all') },
              { value: 'open', label: t('amas.questions.open') },
              { value: 'answered', label: t('amas.questions.answered') },
            ]}
          />
        </Group>
      </Group>
      {ama.status === 'ended' && status === 'all' && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('amas.questions.endedNote')}
        </Text>
      )}
      <PagedList
        query={query}
        items={items}
        empty={
          <Empty
            icon={<IconMessageQuestion aria-hidden />}
            title={t('amas.questions.emptyTitle')}
            description={ama.abilities.canAsk ? t('amas.questions.emptyAsk') : undefined}
          />
        }
      >
        {(list) => (
          <Stack gap="sm">
            {list.map((q) => (
              <QuestionCard key={q.id} q={q} />
            ))}
          </Stack>
        )}
      </PagedList>
    </section>
  );
}

/** One AMA: questions ranked by votes, answered live, kept as a page. */
export function AmaPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ama = useAma(id);
  const when = useAmaTime();
  useAmaLive(id);
  useDocumentTitle(ama.data?.title ?? t('amas.title'));
  if (ama.isPending) {
    return <Loading />;
  }
  if (ama.isError) {
    return <ErrorState error={ama.error} onRetry={() => void ama.refetch()} />;
  }
  const a = ama.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/amas" size="sm">
        {t('amas.back')}
      </Anchor>
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap" align="center">
          <Title order={1} fz={{ base: 26, sm: 30 }}>
            {a.title}
          </Title>
          <AmaStatusBadge status={a.status} />
        </Group>
        <AmaHost host={a.host} size={40} />
        <Text c="dimmed">
          {when(a)}
          {a.community ? (
            <>
              {' · '}
              <Anchor component={Link} to={`/communities/${a.community.slug}`}>
                {a.community.name}
              </Anchor>
            </>
          ) : null}
        </Text>
        {a.descriptionHtml && <PostHtml html={a.descriptionHtml} />}
        <Text size="sm">{t('amas.counts', { count: a.questionCount, answered: a.answeredCount })}</Text>
        <HostControls ama={a} />
      </Stack>
      {a.abilities.canAsk ? (
        <AskBox ama={a} />
      ) : (
        a.status === 'ended' && (
          <Text size="sm" c="dimmed">
            {t('amas.ask.closed')}
          </Text>
        )
      )}
      <Questions ama={a} />
    </Stack>
  );
}
