import { Alert, Box, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ADVOCACY_LIMITS, CAMPAIGN_GOAL_METRICS, type CampaignDto } from '../../../../shared/advocacy.js';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { AudiencePicker } from '../../announcements/components/AnnouncementEditorPage.js';
import { useManagedCampaign, useSaveCampaign } from '../hooks/useManage.js';
import {
  type CampaignField,
  type CampaignForm,
  campaignFormOf,
  campaignInputOf,
  campaignProgress,
  EMPTY_CAMPAIGN,
  fieldOfError,
  type FormErrors,
  validateCampaignForm,
} from '../logic.js';
import { ManagersOnly, toast, useManageErrorText } from './ManageBits.js';

/** Create or change a campaign: name, hashtag, goal, dates and the people it reaches. */
export function CampaignEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const campaign = useManagedCampaign(id);
  return (
    <Box maw={760} mx="auto">
      <PageHeader title={id ? t('advocacyManage.campaign.editTitle') : t('advocacyManage.campaign.newTitle')} />
      <ManagersOnly>
        {id === undefined ? (
          <CampaignFormCard initial={EMPTY_CAMPAIGN} />
        ) : campaign.isPending ? (
          <Loading />
        ) : campaign.isError ? (
          <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />
        ) : (
          <CampaignFormCard key={campaign.data.id} initial={campaignFormOf(campaign.data)} campaign={campaign.data} />
        )}
      </ManagersOnly>
    </Box>
  );
}

function CampaignFormCard({ initial, campaign }: { initial: CampaignForm; campaign?: CampaignDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useManageErrorText();
  const [f, setF] = useState<CampaignForm>(initial);
  const [errors, setErrors] = useState<FormErrors<CampaignField>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const save = useSaveCampaign(campaign?.id);
  const set = (patch: Partial<CampaignForm>) => setF((prev) => ({ ...prev, ...patch }));

  const serverField = serverError instanceof ApiError ? fieldOfError(serverError.code) : null;
  const messageFor = (field: CampaignField): string | undefined => {
    if (serverField === field) {
      return errorText(serverError);
    }
    const key = errors[field];
    return key ? t(`advocacyManage.errors.${key}`) : undefined;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateCampaignForm(f);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) {
      return;
    }
    save.mutate(campaignInputOf(f), {
      onSuccess: () => {
        toast(campaign ? t('advocacyManage.campaign.saved') : t('advocacyManage.campaign.created'));
        void navigate('/advocacy/manage?tab=campaigns');
      },
      onError: setServerError,
    });
  };

  const progress = campaign ? campaignProgress(campaign) : null;
  const audienceError = messageFor('audience');

  return (
    <form onSubmit={submit} noValidate>
      <Card padding="lg" withBorder>
        <Stack gap="md">
          {campaign && progress && (
            <Text size="sm" c="dimmed">
              {progress.percent === null
                ? t(`advocacyManage.metric.${campaign.goalMetric}`, { count: progress.value })
                : t('advocacyManage.campaigns.towardGoal', {
                    value: t(`advocacyManage.metric.${campaign.goalMetric}`, { count: progress.value }),
                    goal: campaign.goal ?? 0,
                    percent: progress.percent,
                  })}
            </Text>
          )}
          <TextInput
            label={t('advocacyManage.campaign.name')}
            value={f.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            maxLength={ADVOCACY_LIMITS.campaignName}
            error={messageFor('name')}
            required
          />
          <Textarea
            label={t('advocacyManage.campaign.description')}
            value={f.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            autosize
            minRows={3}
            maxLength={ADVOCACY_LIMITS.campaignDescription}
            error={messageFor('description')}
          />
          <TextInput
            label={t('advocacyManage.campaign.hashtag')}
            description={t('advocacyManage.campaign.hashtagHint')}
            placeholder="#"
            value={f.hashtag}
            onChange={(e) => set({ hashtag: e.currentTarget.value })}
            maxLength={ADVOCACY_LIMITS.hashtag + 1}
            error={messageFor('hashtag')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('advocacyManage.campaign.goalMetric')}
              data={CAMPAIGN_GOAL_METRICS.map((m) => ({ value: m, label: t(`advocacyManage.campaign.metric.${m}`) }))}
              value={f.goalMetric}
              onChange={(v) => v && set({ goalMetric: v })}
              allowDeselect={false}
            />
            <NumberInput
              label={t('advocacyManage.campaign.goal')}
              description={t('advocacyManage.campaign.goalHint')}
              value={f.goal}
              onChange={(goal) => set({ goal })}
              min={1}
              max={10_000_000}
              allowDecimal={false}
              allowNegative={false}
              error={messageFor('goal')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="datetime-local"
              label={t('advocacyManage.campaign.startsAt')}
              value={f.startsAt}
              onChange={(e) => set({ startsAt: e.currentTarget.value })}
              error={messageFor('startsAt')}
            />
            <TextInput
              type="datetime-local"
              label={t('advocacyManage.campaign.endsAt')}
              value={f.endsAt}
              onChange={(e) => set({ endsAt: e.currentTarget.value })}
              error={messageFor('endsAt')}
            />
          </SimpleGrid>
          <Stack gap="xs" role="group" aria-labelledby="advocacy-audience-label">
            <div>
              <Text fw={600} size="sm" id="advocacy-audience-label">
                {t('advocacyManage.campaign.audience')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('advocacyManage.campaign.audienceHint')}
              </Text>
            </div>
            <AudiencePicker f={f} set={set} />
            {audienceError && (
              <Text size="sm" c="red.8" role="alert">
                {audienceError}
              </Text>
            )}
          </Stack>
          {serverError !== null && serverField === null && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {errorText(serverError)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button component={Link} to="/advocacy/manage?tab=campaigns" variant="default">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {campaign ? t('common.save') : t('advocacyManage.campaign.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
