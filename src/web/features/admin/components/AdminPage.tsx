import { Tabs } from '@mantine/core';
import {
  IconBuildingCommunity,
  IconFileImport,
  IconHistory,
  IconMailPlus,
  IconSettings,
  IconSpeakerphone,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { CommsSettings } from '../../announcements/components/CommsSettings.js';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { recognitionAdminTabs } from '../../rewards/components/admin/recognitionAdminTabs.js';
import { AdminPeople } from './AdminPeople.js';
import { AuditTrail } from './AuditTrail.js';
import { ImportPeople } from './ImportPeople.js';
import { Invitations } from './Invitations.js';
import { OrgSettingsForm } from './OrgSettingsForm.js';
import { StructureAdmin } from './StructureAdmin.js';

interface Tab {
  value: string;
  label: string;
  icon: Icon;
  ability: string;
  render: () => ReactNode;
}

export function AdminPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { tab } = useParams();
  const navigate = useNavigate();
  const list = useRef<HTMLDivElement>(null);
  // With many tabs the strip scrolls: keep the open one in view (e.g. when arriving from a link).
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [tab]);
  const tabs: Tab[] = [
    { value: 'people', label: t('admin.tabs.people'), icon: IconUsers, ability: 'people.admin', render: () => <AdminPeople /> },
    {
      value: 'invitations',
      label: t('admin.tabs.invitations'),
      icon: IconMailPlus,
      ability: 'invitations.manage',
      render: () => <Invitations />,
    },
    {
      value: 'structure',
      label: t('admin.tabs.structure'),
      icon: IconBuildingCommunity,
      ability: 'structure.manage',
      render: () => <StructureAdmin />,
    },
    { value: 'import', label: t('admin.tabs.import'), icon: IconFileImport, ability: 'people.import', render: () => <ImportPeople /> },
    {
      value: 'organisation',
      label: t('admin.tabs.organisation'),
      icon: IconSettings,
      ability: 'org.settings',
      render: () => <OrgSettingsForm />,
    },
    {
      value: 'communication',
      label: t('admin.tabs.communication'),
      icon: IconSpeakerphone,
      ability: 'comms.admin',
      render: () => <CommsSettings />,
    },
    { value: 'audit', label: t('admin.tabs.audit'), icon: IconHistory, ability: 'audit.read', render: () => <AuditTrail /> },
    ...recognitionAdminTabs(t),
  ].filter((x) => me?.abilities[x.ability]);

  const first = tabs[0];
  if (!first) {
    return <Navigate to="/" replace />;
  }
  const current = tabs.find((x) => x.value === tab);
  if (!current) {
    return <Navigate to={`/admin/${first.value}`} replace />;
  }

  return (
    <>
      <PageHeader title={t('admin.title')} description={t('admin.intro')} />
      <Tabs value={current.value} onChange={(v) => v && void navigate(`/admin/${v}`)} keepMounted={false} variant="outline">
        <Tabs.List ref={list} mb="lg" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {tabs.map((x) => (
            <Tabs.Tab key={x.value} value={x.value} leftSection={<x.icon size={18} aria-hidden />} style={{ flexShrink: 0 }}>
              {x.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((x) => (
          <Tabs.Panel key={x.value} value={x.value}>
            {x.value === current.value && x.render()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
