import { ActionIcon, Alert, Box, Button, Code, CopyButton, Group, Stack, Table, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey, IconTrash, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LIMITS } from '../../../../shared/customers.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { CopyField } from '../../../components/CopyField.js';
import { Section } from '../../../components/Section.js';
import { ErrorState, FormError, Loading } from '../../../components/States.js';
import type { WebhookCreated } from '../api.js';
import { toast } from '../errors.js';
import { useCreateWebhook, useRevokeWebhook, useWebhooks } from '../hooks/useCustomerSettings.js';
import { absoluteUrl, curlExample, formatWhen, nodeExample } from '../logic.js';

/** A block of code with a copy button, for examples that are meant to be pasted. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Box pos="relative" maw="100%" miw={0}>
      <Code block style={{ whiteSpace: 'pre', overflowX: 'auto', paddingRight: 48 }} aria-label={label} tabIndex={0}>
        {code}
      </Code>
      <CopyButton value={code} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
            <ActionIcon
              variant={copied ? 'filled' : 'default'}
              color={copied ? 'teal' : undefined}
              onClick={copy}
              aria-label={`${copied ? t('common.copied') : t('common.copy')}: ${label}`}
              style={{ position: 'absolute', top: 8, right: 8 }}
            >
              {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Box>
  );
}

/** How the sender signs each call, with examples to paste. */
function SigningHelp({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">{t('voice.webhooks.signIntro')}</Text>
      <Text size="sm" component="ul" m={0} pl="lg">
        <li>
          <code>x-tessuto-timestamp</code>: {t('voice.webhooks.signTimestamp')}
        </li>
        <li>
          <code>x-tessuto-signature</code>: <code>sha256=</code>
          {t('voice.webhooks.signSignature')} <code style={{ overflowWrap: 'anywhere' }}>HMAC-SHA256(secret, timestamp + "." + body)</code>
        </li>
      </Text>
      <Text size="sm" c="dimmed">
        {t('voice.webhooks.signWindow', { seconds: CUSTOMER_LIMITS.webhookSkewSeconds })}
      </Text>
      <Tabs defaultValue="curl">
        <Tabs.List>
          <Tabs.Tab value="curl">curl</Tabs.Tab>
          <Tabs.Tab value="node">Node.js</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="curl" pt="xs">
          <CodeBlock code={curlExample(url)} label={t('voice.webhooks.exampleCurl')} />
        </Tabs.Panel>
        <Tabs.Panel value="node" pt="xs">
          <CodeBlock code={nodeExample(url)} label={t('voice.webhooks.exampleNode')} />
        </Tabs.Panel>
      </Tabs>
      <Text size="xs" c="dimmed">
        {t('voice.webhooks.exampleEnv')}
      </Text>
    </Stack>
  );
}

/** Inbound webhooks for an existing CRM or help desk: each has its own secret, shown once. */
export function WebhooksSection() {
  const { t, i18n } = useTranslation();
  const hooks = useWebhooks();
  const create = useCreateWebhook();
  const revoke = useRevokeWebhook();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const origin = window.location.origin;
  const items = hooks.data?.items ?? [];

  return (
    <Section id="customer-webhooks" title={t('voice.webhooks.title')} description={t('voice.webhooks.intro')}>
      <Stack gap="lg">
        {created && (
          <Alert
            color="brand"
            variant="light"
            icon={<IconKey aria-hidden />}
            title={t('voice.webhooks.createdTitle', { name: created.name })}
            role="status"
            styles={{ body: { minWidth: 0 }, wrapper: { minWidth: 0 } }}
          >
            <Stack gap="sm">
              <Text size="sm">{t('voice.webhooks.createdBody')}</Text>
              <CopyField label={t('voice.webhooks.url')} value={absoluteUrl(created.url, origin)} />
              <CopyField label={t('voice.webhooks.secret')} value={created.secret} description={t('voice.webhooks.secretHelp')} />
              <SigningHelp url={absoluteUrl(created.url, origin)} />
              <Group>
                <Button size="xs" variant="subtle" onClick={() => setCreated(null)}>
                  {t('voice.webhooks.done')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}

        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (!name.trim()) {
              return;
            }
            create.mutate(name.trim(), {
              onSuccess: (hook) => {
                setCreated(hook);
                setName('');
                setTouched(false);
              },
            });
          }}
        >
          <Stack gap="sm">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('voice.webhooks.name')}
                placeholder={t('voice.webhooks.namePlaceholder')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                maxLength={CUSTOMER_LIMITS.shortText}
                required
                error={touched && !name.trim() ? t('validation.required') : undefined}
                miw={220}
                flex={1}
              />
              <Button type="submit" variant="light" loading={create.isPending} mt={{ base: 0, xs: 25 }}>
                {t('voice.webhooks.create')}
              </Button>
            </Group>
            <FormError error={create.error} />
          </Stack>
        </form>

        {hooks.isPending ? (
          <Loading />
        ) : hooks.isError ? (
          <ErrorState error={hooks.error} onRetry={() => void hooks.refetch()} />
        ) : items.length === 0 ? (
          <Group gap="xs" wrap="nowrap">
            <IconWebhook size={18} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text c="dimmed" size="sm">
              {t('voice.webhooks.none')}
            </Text>
          </Group>
        ) : (
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('voice.webhooks.name')}</Table.Th>
                  <Table.Th>{t('voice.webhooks.url')}</Table.Th>
                  <Table.Th>{t('voice.webhooks.createdAt')}</Table.Th>
                  <Table.Th>{t('voice.webhooks.lastUsed')}</Table.Th>
                  <Table.Th>{t('voice.webhooks.status')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {h.name}
                    </Table.Td>
                    <Table.Td>
                      <Code style={{ overflowWrap: 'anywhere' }}>{absoluteUrl(h.url, origin)}</Code>
                    </Table.Td>
                    <Table.Td>{formatWhen(h.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>{h.lastUsedAt ? formatWhen(h.lastUsedAt, i18n.language) : t('voice.webhooks.never')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c={h.revoked ? 'dimmed' : undefined} fw={h.revoked ? undefined : 600}>
                        {h.revoked ? t('voice.webhooks.revoked') : t('voice.webhooks.active')}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {!h.revoked && (
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          leftSection={<IconTrash size={14} aria-hidden />}
                          title={t('voice.webhooks.revokeTitle', { name: h.name })}
                          message={t('voice.webhooks.revokeBody')}
                          confirmLabel={t('voice.webhooks.revoke')}
                          loading={revoke.isPending && revoke.variables === h.id}
                          onConfirm={() =>
                            revoke.mutate(h.id, { onSuccess: () => toast(t('voice.webhooks.revokedDone', { name: h.name })) })
                          }
                          aria-label={t('voice.webhooks.revokeNamed', { name: h.name })}
                        >
                          {t('voice.webhooks.revoke')}
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <FormError error={revoke.error} />
        {items.some((h) => !h.revoked) && !created && (
          <details>
            <Text component="summary" size="sm" fw={500} style={{ cursor: 'pointer' }}>
              {t('voice.webhooks.howToSign')}
            </Text>
            <Box mt="sm">
              <SigningHelp url={absoluteUrl(items.find((h) => !h.revoked)!.url, origin)} />
            </Box>
          </details>
        )}
      </Stack>
    </Section>
  );
}
