import { Anchor, Badge, Button, Card, Grid, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconExternalLink, IconForms } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LIMITS, FEEDBACK_KINDS, type FeedbackKind } from '../../../../shared/customers.js';
import { Section } from '../../../components/Section.js';
import { ErrorState, FormError, Loading } from '../../../components/States.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { CustomerForm } from '../api.js';
import { toast, useVoiceErrorText } from '../errors.js';
import { useCreateForm, useForms, useUpdateForm } from '../hooks/useCustomerSettings.js';
import { absoluteUrl, isKind } from '../logic.js';
import { CodeBlock } from './WebhooksSection.js';

/** Forms the company embeds on its own site: each asks one kind of question and may file answers under a team. */
export function FormsSection() {
  const { t } = useTranslation();
  const forms = useForms();
  const items = forms.data?.items ?? [];
  return (
    <Section id="customer-forms" title={t('voice.forms.title')} description={t('voice.forms.intro')}>
      <Stack gap="lg">
        <NewForm />
        {forms.isPending ? (
          <Loading />
        ) : forms.isError ? (
          <ErrorState error={forms.error} onRetry={() => void forms.refetch()} />
        ) : items.length === 0 ? (
          <Group gap="xs" wrap="nowrap">
            <IconForms size={18} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text c="dimmed" size="sm">
              {t('voice.forms.none')}
            </Text>
          </Group>
        ) : (
          <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((f) => (
              <li key={f.id}>
                <FormCard form={f} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function NewForm() {
  const { t } = useTranslation();
  const structure = useStructure();
  const create = useCreateForm();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<FeedbackKind>('nps');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!name.trim()) {
          return;
        }
        create.mutate(
          { name: name.trim(), kind, ...(teamId ? { teamId } : {}) },
          {
            onSuccess: () => {
              setName('');
              setTeamId(null);
              setTouched(false);
              toast(t('voice.forms.created'));
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <Grid gap="sm" align="flex-start">
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput
              label={t('voice.forms.name')}
              placeholder={t('voice.forms.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={CUSTOMER_LIMITS.name}
              required
              error={touched && !name.trim() ? t('validation.required') : undefined}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <Select
              label={t('voice.forms.kind')}
              data={FEEDBACK_KINDS.map((k) => ({ value: k, label: t(`voice.kind.${k}`) }))}
              value={kind}
              onChange={(v) => isKind(v) && setKind(v)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <Select
              label={t('voice.forms.team')}
              placeholder={t('voice.forms.noTeam')}
              data={(structure.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))}
              value={teamId}
              onChange={setTeamId}
              clearable
              searchable
              nothingFoundMessage={t('voice.filters.nothingFound')}
              comboboxProps={{ withinPortal: true }}
            />
          </Grid.Col>
        </Grid>
        <FormError error={create.error} />
        <Group>
          <Button type="submit" variant="light" loading={create.isPending}>
            {t('voice.forms.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FormCard({ form }: { form: CustomerForm }) {
  const { t } = useTranslation();
  const update = useUpdateForm();
  const errorText = useVoiceErrorText();
  const url = absoluteUrl(form.url, window.location.origin);
  const titleId = `form-${form.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere' }}>
              {form.name}
            </Text>
            <Badge variant="light" radius="sm">
              {t(`voice.kind.${form.kind}`)}
            </Badge>
            {form.team && (
              <Badge variant="default" radius="sm" style={{ textTransform: 'none' }}>
                {form.team.name}
              </Badge>
            )}
          </Group>
          <Switch
            label={form.active ? t('voice.forms.active') : t('voice.forms.inactive')}
            checked={form.active}
            disabled={update.isPending}
            aria-label={t('voice.forms.activeLabel', { name: form.name })}
            onChange={(e) =>
              update.mutate(
                { id: form.id, patch: { active: e.currentTarget.checked } },
                {
                  onSuccess: (saved) => toast(saved.active ? t('voice.forms.activated') : t('voice.forms.deactivated')),
                  onError: (err) => toast(errorText(err), 'red'),
                },
              )
            }
          />
        </Group>
        <CodeBlock code={form.snippet} label={t('voice.forms.snippetLabel', { name: form.name })} />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="xs" c="dimmed">
            {form.active ? t('voice.forms.snippetHelp') : t('voice.forms.inactiveHelp')}
          </Text>
          <Anchor href={url} target="_blank" rel="noopener" size="sm">
            <Group gap={4} wrap="nowrap" component="span">
              {t('voice.forms.preview')}
              <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}
