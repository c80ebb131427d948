import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBuilding, IconMapPin, IconPencil, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { Section } from '../../../components/Section.js';
import { Empty, ErrorState, FormError, Loading } from '../../../components/States.js';
import type { Department, Location, Structure, Team } from '../../people/api.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import { timezones } from '../../people/components/ProfileEditForm.js';
import { adminApi } from '../api.js';

type Kind = 'department' | 'team' | 'location';

interface Values {
  name: string;
  parentId: string | null;
  departmentId: string | null;
  country: string;
  timezone: string | null;
}

const empty: Values = { name: '', parentId: null, departmentId: null, country: '', timezone: null };

function save(kind: Kind, id: string | null, v: Values): Promise<unknown> {
  const name = v.name.trim();
  switch (kind) {
    case 'department':
      return id ? adminApi.updateDepartment(id, { name, parentId: v.parentId }) : adminApi.createDepartment({ name, parentId: v.parentId });
    case 'team':
      return id
        ? adminApi.updateTeam(id, { name, departmentId: v.departmentId })
        : adminApi.createTeam({ name, departmentId: v.departmentId });
    case 'location': {
      const body = { name, country: v.country.trim() ? v.country.trim().toUpperCase() : null, timezone: v.timezone };
      return id ? adminApi.updateLocation(id, body) : adminApi.createLocation(body);
    }
  }
}

function remove(kind: Kind, id: string): Promise<unknown> {
  switch (kind) {
    case 'department':
      return adminApi.deleteDepartment(id);
    case 'team':
      return adminApi.deleteTeam(id);
    case 'location':
      return adminApi.deleteLocation(id);
  }
}

/** Departments in tree order, each with its depth. */
function departmentTree(departments: Department[]): { d: Department; depth: number }[] {
  const byParent = new Map<string | null, Department[]>();
  const ids = new Set(departments.map((d) => d.id));
  for (const d of departments) {
    const key = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), d]);
  }
  const out: { d: Department; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const d of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ d, depth });
      walk(d.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

interface Editing {
  kind: Kind;
  id: string | null;
  values: Values;
}

export function StructureAdmin() {
  const { t } = useTranslation();
  const structure = useStructure();
  const [editing, setEditing] = useState<Editing | null>(null);
  const qc = useQueryClient();
  const del = useMutation({
    mutationFn: ({ kind, id }: { kind: Kind; id: string }) => remove(kind, id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['structure'] }),
  });

  if (structure.isPending) {
    return <Loading />;
  }
  if (structure.isError) {
    return <ErrorState error={structure.error} onRetry={() => void structure.refetch()} />;
  }
  const s = structure.data;
  const deptName = (id: string | null) => s.departments.find((d) => d.id === id)?.name;

  const actions = (kind: Kind, id: string, name: string, people: number, values: Values) => (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Tooltip label={t('structure.edit')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('structure.editNamed', { name })}
          onClick={() => setEditing({ kind, id, values })}
        >
          <IconPencil size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <ConfirmButton
        size="compact-sm"
        variant="subtle"
        color="red"
        title={t('structure.deleteTitle', { name })}
        message={people > 0 ? t('structure.deleteBodyPeople', { count: people }) : t('structure.deleteBody')}
        confirmLabel={t('structure.delete')}
        onConfirm={() => del.mutate({ kind, id })}
        aria-label={t('structure.deleteNamed', { name })}
      >
        <IconTrash size={18} aria-hidden />
      </ConfirmButton>
    </Group>
  );
  const addButton = (kind: Kind, label: string) => (
    <Button variant="light" leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing({ kind, id: null, values: empty })}>
      {label}
    </Button>
  );

  return (
    <Stack gap="lg">
      <FormError error={del.error} />
      <Section
        id="structure-departments"
        title={t('structure.departments')}
        description={t('structure.departmentsIntro')}
        actions={addButton('department', t('structure.addDepartment'))}
      >
        {s.departments.length === 0 ? (
          <Empty
            icon={<IconBuilding size={28} aria-hidden />}
            title={t('structure.noDepartments')}
            description={t('structure.noDepartmentsBody')}
          />
        ) : (
          <StructureTable headers={[t('structure.name'), t('structure.people')]}>
            {departmentTree(s.departments).map(({ d, depth }) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Text size="sm" fw={depth === 0 ? 600 : 400} pl={depth * 20}>
                    {depth > 0 && (
                      <Text span c="dimmed" aria-hidden>
                        {'└ '}
                      </Text>
                    )}
                    {d.name}
                    {depth > 0 && <span className="visually-hidden"> ({t('structure.partOf', { name: deptName(d.parentId) })})</span>}
                  </Text>
                </Table.Td>
                <Table.Td>{d.people}</Table.Td>
                <Table.Td>{actions('department', d.id, d.name, d.people, { ...empty, name: d.name, parentId: d.parentId })}</Table.Td>
              </Table.Tr>
            ))}
          </StructureTable>
        )}
      </Section>

      <Section
        id="structure-teams"
        title={t('structure.teams')}
        description={t('structure.teamsIntro')}
        actions={addButton('team', t('structure.addTeam'))}
      >
        {s.teams.length === 0 ? (
          <Empty icon={<IconUsersGroup size={28} aria-hidden />} title={t('structure.noTeams')} description={t('structure.noTeamsBody')} />
        ) : (
          <StructureTable headers={[t('structure.name'), t('people.department'), t('structure.people')]}>
            {[...s.teams]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((tm: Team) => (
                <Table.Tr key={tm.id}>
                  <Table.Td fw={600}>{tm.name}</Table.Td>
                  <Table.Td>{deptName(tm.departmentId) ?? '—'}</Table.Td>
                  <Table.Td>{tm.people}</Table.Td>
                  <Table.Td>
                    {actions('team', tm.id, tm.name, tm.people, { ...empty, name: tm.name, departmentId: tm.departmentId })}
                  </Table.Td>
                </Table.Tr>
              ))}
          </StructureTable>
        )}
      </Section>

      <Section
        id="structure-locations"
        title={t('structure.locations')}
        description={t('structure.locationsIntro')}
        actions={addButton('location', t('structure.addLocation'))}
      >
        {s.locations.length === 0 ? (
          <Empty
            icon={<IconMapPin size={28} aria-hidden />}
            title={t('structure.noLocations')}
            description={t('structure.noLocationsBody')}
          />
        ) : (
          <StructureTable headers={[t('structure.name'), t('structure.country'), t('profile.timezone'), t('structure.people')]}>
            {[...s.locations]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((l: Location) => (
                <Table.Tr key={l.id}>
                  <Table.Td fw={600}>{l.name}</Table.Td>
                  <Table.Td>
                    {l.country ? (
                      <Badge variant="outline" color="gray">
                        {l.country}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{l.timezone ?? '—'}</Table.Td>
                  <Table.Td>{l.people}</Table.Td>
                  <Table.Td>
                    {actions('location', l.id, l.name, l.people, {
                      ...empty,
                      name: l.name,
                      country: l.country ?? '',
                      timezone: l.timezone,
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
          </StructureTable>
        )}
      </Section>

      {editing && <EditModal editing={editing} structure={s} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function StructureTable({ headers, children }: { headers: string[]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {headers.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
            <Table.Th w={100}>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EditModal({ editing, structure: s, onClose }: { editing: Editing; structure: Structure; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const zones = useMemo(timezones, []);
  const { kind, id } = editing;
  const form = useForm<Values>({
    initialValues: editing.values,
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      country: (v) => (kind !== 'location' || v.trim() === '' || /^[A-Za-z]{2}$/.test(v.trim()) ? null : t('structure.countryInvalid')),
    },
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => save(kind, id, v),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['structure'] });
      onClose();
    },
  });
  const title = t(`structure.${id ? 'editTitle' : 'addTitle'}.${kind}`);
  const deptOptions = s.departments.filter((d) => d.id !== id).map((d) => ({ value: d.id, label: d.name }));

  return (
    <Modal opened onClose={onClose} title={<Text fw={700}>{title}</Text>} centered>
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="md">
          <TextInput label={t('structure.name')} required maxLength={LIMITS.structureName} data-autofocus {...form.getInputProps('name')} />
          {kind === 'department' && (
            <Select
              label={t('structure.parent')}
              description={t('structure.parentHint')}
              data={deptOptions}
              clearable
              searchable
              {...form.getInputProps('parentId')}
            />
          )}
          {kind === 'team' && (
            <Select label={t('people.department')} data={deptOptions} clearable searchable {...form.getInputProps('departmentId')} />
          )}
          {kind === 'location' && (
            <>
              <TextInput
                label={t('structure.country')}
                description={t('structure.countryHint')}
                maxLength={2}
                {...form.getInputProps('country')}
              />
              <Select label={t('profile.timezone')} data={zones} clearable searchable limit={50} {...form.getInputProps('timezone')} />
            </>
          )}
          <FormError error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {id ? t('common.save') : t('structure.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
