import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAbility } from '../../auth/hooks/useSession.js';

/** The customer section's own tabs, each shown only to those who may use it. */
export function CustomersNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const canRead = useAbility('customers.read');
  const canManage = useAbility('customers.manage');
  const canInsights = useAbility('customers.insights');
  const tabs = [
    ...(canRead
      ? [
          { to: '/customers', label: t('customers.nav.accounts') },
          { to: '/customers/feedback', label: t('customers.nav.feedback') },
          { to: '/customers/followups', label: t('customers.nav.followups') },
        ]
      : []),
    ...(canInsights
      ? [
          { to: '/customers/loyalty', label: t('customers.nav.loyalty') },
          { to: '/customers/link', label: t('customers.nav.link') },
        ]
      : []),
    ...(canManage ? [{ to: '/customers/settings', label: t('customers.nav.settings') }] : []),
  ];
  const active =
    tabs
      .map((tab) => tab.to)
      .filter((to) => pathname === to || pathname.startsWith(`${to}/`))
      .sort((a, b) => b.length - a.length)[0] ?? null;
  if (tabs.length === 0) {
    return null;
  }
  return (
    <Tabs value={active} onChange={(to) => to && void navigate(to)} mb="md" aria-label={t('customers.nav.section')}>
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.to} value={tab.to}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
