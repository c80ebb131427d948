import { Anchor, Box, Button, Grid, Group, List, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconApi, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { Section } from '../../../components/Section.js';
import { Empty, ErrorState, FormError, Loading } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { CustomersNav } from '../../customers/components/CustomersNav.js';
import type { CustomerSettings } from '../api.js';
import { toast } from '../errors.js';
import { useCustomerSettings, useSaveSettings } from '../hooks/useCustomerSettings.js';
import { SETTINGS_BOUNDS, SETTINGS_FIELDS, settingProblem, toSettings, type SettingsValues } from '../logic.js';
import { FormsSection } from './FormsSection.js';
import { WebhooksSection } from './WebhooksSection.js';

/** Customer settings, webhooks, embeddable forms and the ingest API, for those who run customer feedback. */
export function CustomerSettingsPage() {
  const { t } = useTranslation();
  const canManage = useAbility('customers.manage');
  return (
    <Box maw={880} mx="auto">
      <CustomersNav />
      <PageHeader title={t('voice.settings.title')} description={t('voice.settings.intro')} />
      {canManage ? (
        <Stack gap="lg">
          <SettingsSection />
          <WebhooksSection />
          <FormsSection />
          <IngestSection />
        </Stack>
      ) : (
        <Empty
          icon={<IconSettings size={28} aria-hidden />}
          title={t('voice.noAccess.title')}
          description={t('voice.noAccess.manageBody')}
        />
      )}
    </Box>
  );
}

function SettingsSection() {
  const { t } = useTranslation();
  const settings = useCustomerSettings();
  return (
    <Section id="customer-settings" title={t('voice.settings.formTitle')} description={t('voice.settings.formIntro')}>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm initial={settings.data} />
      )}
    </Section>
  );
}

function SettingsForm({ initial }: { initial: CustomerSettings }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const message = (field: keyof CustomerSettings, value: number | string) => {
    const problem = settingProblem(field, value);
    return problem === null ? null : t(`voice.settings.problem.${problem}`, SETTINGS_BOUNDS[field]);
  };
  const form = useForm<SettingsValues>({
    initialValues: { ...initial },
    validate: {
      detractorMax: (v) => message('detractorMax', v),
      csatDetractorMax: (v) => message('csatDetractorMax', v),
      followupDays: (v) => message('followupDays', v),
      requestDays: (v) => message('requestDays', v),
      windowMonths: (v) => message('windowMonths', v),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const body = toSettings(values);
        if (body) {
          save.mutate(body, {
            onSuccess: (saved) => {
              form.setInitialValues({ ...saved });
              form.setValues({ ...saved });
              toast(t('voice.settings.saved'));
            },
          });
        }
      })}
    >
      <Stack gap="md">
        <Grid gap="md">
          {SETTINGS_FIELDS.map((field) => (
            <Grid.Col key={field} span={{ base: 12, sm: 6 }}>
              <NumberInput
                label={t(`voice.settings.fields.${field}.label`)}
                description={t(`voice.settings.fields.${field}.help`)}
                min={SETTINGS_BOUNDS[field].min}
                max={SETTINGS_BOUNDS[field].max}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                size="md"
                required
                {...form.getInputProps(field)}
              />
            </Grid.Col>
          ))}
        </Grid>
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Where integrations start: API tokens made in personal settings, and the API's own documentation. */
function IngestSection() {
  const { t } = useTranslation();
  return (
    <Section id="customer-ingest" title={t('voice.ingest.title')} description={t('voice.ingest.intro')}>
      <Stack gap="sm">
        <List size="sm" spacing="xs" icon={<IconApi size={16} aria-hidden />} center>
          <List.Item>
            {t('voice.ingest.tokens')}{' '}
            <Anchor component={Link} to="/settings" size="sm">
              {t('voice.ingest.tokensLink')}
            </Anchor>
          </List.Item>
          <List.Item>
            {t('voice.ingest.endpoint')} <code>POST /api/customers/ingest</code>
          </List.Item>
          <List.Item>
            {t('voice.ingest.docs')}{' '}
            <Anchor href="/api/docs" target="_blank" rel="noopener" size="sm">
              {t('voice.ingest.docsLink')}
            </Anchor>
          </List.Item>
        </List>
        <Text size="sm" c="dimmed">
          {t('voice.ingest.allOrNothing')}
        </Text>
      </Stack>
    </Section>
  );
}
