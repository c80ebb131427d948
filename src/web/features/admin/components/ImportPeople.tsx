import { Alert, Badge, Button, Code, FileInput, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconDownload, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PEOPLE_CSV_COLUMNS } from '../../../../shared/people-csv.js';
import { ApiError } from '../../../api.js';
import { Section } from '../../../components/Section.js';
import { StatTile } from '../../../components/StatTile.js';
import { FormError, Loading } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { EXPORT_URL, adminApi, type ImportResult, type ImportRowError } from '../api.js';

export const IMPORT_COLUMNS = PEOPLE_CSV_COLUMNS;

const EXAMPLE = `email,name,title,department,team,location,country,manager_email,roles,skills
giulia.rossi@example.com,Giulia Rossi,Head of People,People,,Milano,IT,,admin;hr,Hiring;Coaching
marco.bianchi@example.com,Marco Bianchi,Designer,Product,Design,Torino,IT,giulia.rossi@example.com,employee,Figma;Research`;

const PREVIEW_ROWS = 20;

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

export function ImportPeople() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const canExport = useAbility('people.export');
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation({ mutationFn: (f: File) => adminApi.importPeople(f, true) });
  const apply = useMutation({
    mutationFn: (f: File) => adminApi.importPeople(f, false),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['people'] }),
        qc.invalidateQueries({ queryKey: ['structure'] }),
        qc.invalidateQueries({ queryKey: ['org-chart'] }),
      ]);
    },
  });

  const choose = (f: File | null) => {
    setFile(f);
    apply.reset();
    check.reset();
    if (f) {
      check.mutate(f);
    }
  };
  const preview = check.data;
  const applyErrors = importErrors(apply.error);
  const errors = applyErrors ?? preview?.errors ?? [];
  const changes = preview ? preview.creates + preview.updates : 0;
  const rowError = (e: ImportRowError) => (i18n.exists(`import.codes.${e.code}`) ? t(`import.codes.${e.code}`) : e.message);

  return (
    <Stack gap="lg">
      <Section
        id="import-people"
        title={t('admin.import.title')}
        description={t('admin.import.intro')}
        actions={
          canExport ? (
            <Button component="a" href={EXPORT_URL} download variant="default" leftSection={<IconDownload size={18} aria-hidden />}>
              {t('admin.import.export')}
            </Button>
          ) : undefined
        }
      >
        <Stack gap="md">
          <FileInput
            label={t('admin.import.file')}
            description={t('admin.import.fileHint')}
            placeholder={t('admin.import.filePlaceholder')}
            accept=".csv,text/csv"
            leftSection={<IconFileTypeCsv size={18} aria-hidden />}
            value={file}
            onChange={choose}
            clearable
            size="md"
            maw={520}
          />

          {check.isPending && <Loading label={t('admin.import.checking')} />}
          {check.isError && <FormError error={check.error} />}

          {apply.data?.applied ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title={t('admin.import.doneTitle')} role="status">
              <Stack gap="xs">
                <Text size="sm">
                  {t('admin.import.doneBody', {
                    creates: apply.data.creates,
                    updates: apply.data.updates,
                    unchanged: apply.data.unchanged,
                  })}
                </Text>
                <Group>
                  <Button size="xs" variant="white" onClick={() => choose(null)}>
                    {t('admin.import.another')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            preview && (
              <Stack gap="md">
                <Title order={3} fz={17}>
                  {t('admin.import.previewTitle', { count: preview.total })}
                </Title>
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
                  <StatTile label={t('admin.import.creates')} value={preview.creates} />
                  <StatTile label={t('admin.import.updates')} value={preview.updates} />
                  <StatTile label={t('admin.import.unchanged')} value={preview.unchanged} />
                  <StatTile label={t('admin.import.errors')} value={errors.length} danger={errors.length > 0} />
                </SimpleGrid>

                {errors.length > 0 ? (
                  <Alert color="red" variant="light" title={t('admin.import.fixTitle', { count: errors.length })} role="alert">
                    <Text size="sm" mb="sm">
                      {t('admin.import.fixBody')}
                    </Text>
                    <Table.ScrollContainer minWidth={480}>
                      <Table verticalSpacing={6} withTableBorder bg="var(--mantine-color-body)">
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('admin.import.row')}</Table.Th>
                            <Table.Th>{t('admin.import.column')}</Table.Th>
                            <Table.Th>{t('admin.import.problem')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {errors.slice(0, 200).map((e, i) => (
                            <Table.Tr key={`${e.row}-${e.field ?? ''}-${i}`}>
                              <Table.Td>{e.row}</Table.Td>
                              <Table.Td>{e.field ? <Code>{e.field}</Code> : '—'}</Table.Td>
                              <Table.Td>{rowError(e)}</Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                    {errors.length > 200 && (
                      <Text size="sm" mt="xs">
                        {t('admin.import.moreErrors', { count: errors.length - 200 })}
                      </Text>
                    )}
                  </Alert>
                ) : changes === 0 ? (
                  <Alert color="gray" variant="light">
                    {t('admin.import.nothing')}
                  </Alert>
                ) : (
                  <Group>
                    <Button
                      size="md"
                      leftSection={<IconUpload size={18} aria-hidden />}
                      loading={apply.isPending}
                      onClick={() => file && apply.mutate(file)}
                    >
                      {t('admin.import.apply', { count: changes })}
                    </Button>
                  </Group>
                )}
                {!applyErrors && <FormError error={apply.error} />}

                {preview.preview.length > 0 && <PreviewTable result={preview} />}
              </Stack>
            )
          )}
        </Stack>
      </Section>

      <Section id="import-format" title={t('admin.import.formatTitle')} description={t('admin.import.formatIntro')}>
        <Stack gap="sm">
          <Group gap={6}>
            {IMPORT_COLUMNS.map((c) => (
              <Code key={c}>{c}</Code>
            ))}
          </Group>
          <Text size="sm" c="dimmed">
            {t('admin.import.formatNotes')}
          </Text>
          <Text size="sm" fw={600}>
            {t('admin.import.example')}
          </Text>
          <Code block tabIndex={0} aria-label={t('admin.import.example')} style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
            {EXAMPLE}
          </Code>
        </Stack>
      </Section>
    </Stack>
  );
}

function PreviewTable({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const color = { create: 'teal', update: 'blue', unchanged: 'gray' } as const;
  return (
    <div>
      <Text size="sm" fw={600} mb={6}>
        {t('admin.import.firstRows', { count: Math.min(PREVIEW_ROWS, result.preview.length) })}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.import.row')}</Table.Th>
              <Table.Th>{t('profile.name')}</Table.Th>
              <Table.Th>{t('auth.email')}</Table.Th>
              <Table.Th>{t('admin.import.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.preview.slice(0, PREVIEW_ROWS).map((r) => (
              <Table.Tr key={r.row}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.email}</Table.Td>
                <Table.Td>
                  <Badge color={color[r.action]} variant="light">
                    {t(`admin.import.actions.${r.action}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
