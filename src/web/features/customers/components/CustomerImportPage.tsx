import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  FileInput,
  Group,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconDownload, IconFileTypeCsv, IconListCheck, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import './customers.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CUSTOMER_LIMITS } from '../../../../shared/customers.js';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Section } from '../../../components/Section.js';
import { StatTile } from '../../../components/StatTile.js';
import { Empty, Loading } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { ImportRow, ImportRowError } from '../api.js';
import { useImportCsv } from '../hooks/useCustomers.js';
import { IMPORT_COLUMNS, importRows, templateCsv } from '../logic.js';
import { CustomersNav } from './CustomersNav.js';
import { ErrorText } from './ErrorText.js';

/** Rows listed before "show all". */
const ROWS_SHOWN = 50;
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${templateCsv()}`)}`;
const ACTION_COLOR = { create: 'brand', update: 'blue', unchanged: 'gray', error: 'red' } as const;

/** The row problems of an import that was refused because the file has errors. */
function importErrors(err: unknown): ImportRowError[] | null {
  if (
    err instanceof ApiError &&
    err.code === 'IMPORT_INVALID' &&
    err.details &&
    typeof err.details === 'object' &&
    'errors' in err.details
  ) {
    const list = err.details.errors;
    return Array.isArray(list) ? (list as ImportRowError[]) : null;
  }
  return null;
}

/** A file over the size the server accepts, caught before it is sent. */
class TooLarge extends ApiError {
  constructor() {
    super(413, 'FILE_TOO_LARGE', 'The file is too large.');
  }
}

/** CSV import of accounts and contacts with a dry-run preview. */
export function CustomerImportPage() {
  const { t } = useTranslation();
  const canManage = useAbility('customers.manage');
  return (
    <Box maw={1000} mx="auto" className="customers-page">
      <CustomersNav />
      <PageHeader title={t('customers.import.title')} description={t('customers.import.intro')} />
      {canManage ? (
        <Importer />
      ) : (
        <Empty
          icon={<IconFileTypeCsv size={28} aria-hidden />}
          title={t('customers.import.forbiddenTitle')}
          description={t('customers.import.forbiddenBody')}
        />
      )}
    </Box>
  );
}

function Importer() {
  const { t } = useTranslation();
  const [source, setSource] = useState<string | null>('file');
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  // the text the preview was made from: applying sends exactly that
  const [checked, setChecked] = useState<string | null>(null);
  const [readError, setReadError] = useState<unknown>(null);
  const check = useImportCsv(true);
  const apply = useImportCsv(false);

  const reset = () => {
    setChecked(null);
    setReadError(null);
    check.reset();
    apply.reset();
  };
  const run = (csv: string) => {
    reset();
    if (new Blob([csv]).size > CUSTOMER_LIMITS.importBytes) {
      setReadError(new TooLarge());
      return;
    }
    setChecked(csv);
    check.mutate(csv);
  };
  const choose = (f: File | null) => {
    setFile(f);
    reset();
    if (!f) {
      return;
    }
    if (f.size > CUSTOMER_LIMITS.importBytes) {
      setReadError(new TooLarge());
      return;
    }
    f.text().then(run, (err: unknown) => setReadError(err));
  };
  const startOver = () => {
    setFile(null);
    setPasted('');
    reset();
  };

  const preview = check.data;
  const applyErrors = importErrors(apply.error);
  const errorCount = applyErrors ? applyErrors.length : (preview?.errorCount ?? preview?.errors.length ?? 0);
  const changes = preview ? preview.creates + preview.updates : 0;
  const done = apply.data?.applied ? apply.data : null;

  return (
    <Stack gap="lg">
      <Section
        id="customer-import"
        title={t('customers.import.sourceTitle')}
        description={t('customers.import.sourceIntro')}
        actions={
          <Button
            component="a"
            href={TEMPLATE_HREF}
            download="customers-template.csv"
            variant="default"
            leftSection={<IconDownload size={18} aria-hidden />}
          >
            {t('customers.import.template')}
          </Button>
        }
      >
        <Stack gap="md">
          <Tabs value={source} onChange={setSource}>
            <Tabs.List mb="md">
              <Tabs.Tab value="file" leftSection={<IconUpload size={16} aria-hidden />}>
                {t('customers.import.upload')}
              </Tabs.Tab>
              <Tabs.Tab value="paste" leftSection={<IconFileTypeCsv size={16} aria-hidden />}>
                {t('customers.import.paste')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="file">
              <FileInput
                label={t('customers.import.file')}
                description={t('customers.import.fileHint')}
                placeholder={t('customers.import.filePlaceholder')}
                accept=".csv,text/csv"
                leftSection={<IconFileTypeCsv size={18} aria-hidden />}
                value={file}
                onChange={choose}
                clearable
                size="md"
                maw={520}
              />
            </Tabs.Panel>
            <Tabs.Panel value="paste">
              <Stack gap="sm">
                <Textarea
                  label={t('customers.import.pasteLabel')}
                  description={t('customers.import.pasteHint')}
                  placeholder={IMPORT_COLUMNS.join(',')}
                  value={pasted}
                  onChange={(e) => setPasted(e.currentTarget.value)}
                  autosize
                  minRows={6}
                  maxRows={16}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
                />
                <Group>
                  <Button
                    variant="default"
                    leftSection={<IconListCheck size={18} aria-hidden />}
                    onClick={() => run(pasted)}
                    disabled={!pasted.trim()}
                    loading={check.isPending}
                  >
                    {t('customers.import.check')}
                  </Button>
                </Group>
              </Stack>
            </Tabs.Panel>
          </Tabs>

          {check.isPending && <Loading label={t('customers.import.checking')} />}
          <ErrorText error={readError ?? check.error} />

          {done ? (
            <Alert
              color="teal"
              variant="light"
              icon={<IconCircleCheck aria-hidden />}
              title={t('customers.import.doneTitle')}
              role="status"
            >
              <Stack gap="xs">
                <Text size="sm">
                  {done.accounts && done.contacts
                    ? t('customers.import.doneCounts', {
                        accountsCreated: done.accounts.created,
                        accountsUpdated: done.accounts.updated,
                        contactsCreated: done.contacts.created,
                        contactsUpdated: done.contacts.updated,
                      })
                    : t('customers.import.doneBody', { creates: done.creates, updates: done.updates, unchanged: done.unchanged })}
                </Text>
                <Group gap="xs">
                  <Button size="xs" component={Link} to="/customers">
                    {t('customers.import.seeAccounts')}
                  </Button>
                  <Button size="xs" variant="white" onClick={startOver}>
                    {t('customers.import.another')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            preview && (
              <Stack gap="md">
                <Title order={3} fz={17}>
                  {t('customers.import.previewTitle', { count: preview.total })}
                </Title>
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
                  <StatTile label={t('customers.import.creates')} value={preview.accounts?.created ?? preview.creates} />
                  <StatTile label={t('customers.import.updates')} value={preview.accounts?.updated ?? preview.updates} />
                  {preview.contacts ? (
                    <StatTile label={t('customers.import.contactsAdded')} value={preview.contacts.created} />
                  ) : (
                    <StatTile label={t('customers.import.unchanged')} value={preview.unchanged} />
                  )}
                  <StatTile label={t('customers.import.errors')} value={errorCount} danger={errorCount > 0} />
                </SimpleGrid>

                {errorCount > 0 ? (
                  <Alert color="red" variant="light" title={t('customers.import.fixTitle', { count: errorCount })} role="alert">
                    <Text size="sm">{t('customers.import.fixBody')}</Text>
                  </Alert>
                ) : changes === 0 ? (
                  <Alert color="gray" variant="light">
                    {t('customers.import.nothing')}
                  </Alert>
                ) : (
                  <Group>
                    <Button
                      size="md"
                      leftSection={<IconUpload size={18} aria-hidden />}
                      loading={apply.isPending}
                      onClick={() => checked !== null && apply.mutate(checked)}
                    >
                      {t('customers.import.apply', { count: changes })}
                    </Button>
                  </Group>
                )}
                {!applyErrors && <ErrorText error={apply.error} />}

                <RowsTable key={check.submittedAt} rows={importRows(preview, applyErrors ?? undefined)} hasErrors={errorCount > 0} />
              </Stack>
            )
          )}
        </Stack>
      </Section>

      <ColumnsHelp />
    </Stack>
  );
}

/** Each row of the file and what the import does with it, with its problems. */
function RowsTable({ rows, hasErrors }: { rows: readonly ImportRow[]; hasErrors: boolean }) {
  const { t, i18n } = useTranslation();
  const [onlyProblems, setOnlyProblems] = useState(hasErrors);
  const [all, setAll] = useState(false);
  const listed = onlyProblems ? rows.filter((r) => r.errors.length > 0) : rows;
  const shown = all ? listed : listed.slice(0, ROWS_SHOWN);
  const withContacts = rows.some((r) => r.contactEmail);
  const problem = (e: ImportRow['errors'][number]) =>
    i18n.exists(`customers.import.codes.${e.code}`) ? t(`customers.import.codes.${e.code}`) : e.message;
  if (rows.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={4} fz={15}>
          {t('customers.import.rowsTitle')}
        </Title>
        {hasErrors && (
          <Switch
            label={t('customers.import.onlyProblems')}
            checked={onlyProblems}
            onChange={(e) => setOnlyProblems(e.currentTarget.checked)}
          />
        )}
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customers.import.row')}</Table.Th>
              <Table.Th>{t('customers.fields.name')}</Table.Th>
              {withContacts && <Table.Th>{t('customers.import.contact')}</Table.Th>}
              <Table.Th>{t('customers.import.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr key={r.row}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.name || '—'}</Table.Td>
                {withContacts && <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.contactEmail ?? '—'}</Table.Td>}
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Badge color={ACTION_COLOR[r.action]} variant="light">
                      {t(`customers.import.actions.${r.action}`)}
                    </Badge>
                    {r.errors.map((e, i) => (
                      <Text key={i} size="sm" c="var(--mantine-color-red-light-color)">
                        {e.field && <Code mr={6}>{e.field}</Code>}
                        {problem(e)}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {listed.length > shown.length && (
        <Group>
          <Button size="xs" variant="default" onClick={() => setAll(true)}>
            {t('customers.import.showAll', { count: listed.length })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** What each column means, briefly. */
function ColumnsHelp() {
  const { t } = useTranslation();
  return (
    <Section id="customer-import-format" title={t('customers.import.formatTitle')} description={t('customers.import.formatIntro')}>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customers.import.column')}</Table.Th>
                <Table.Th>{t('customers.import.meaning')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {IMPORT_COLUMNS.map((c) => (
                <Table.Tr key={c}>
                  <Table.Td>
                    <Code>{c}</Code>
                    {c === 'name' && (
                      <Text span size="xs" c="red.8" ml={6}>
                        {t('customers.import.required')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`customers.import.columns.${c}`)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm" c="dimmed">
          {t('customers.import.formatNotes')}
        </Text>
      </Stack>
    </Section>
  );
}
