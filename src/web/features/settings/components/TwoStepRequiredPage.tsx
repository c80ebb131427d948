import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { ME_KEY, useMe, useSignOut } from '../../auth/hooks/useSession.js';
import { TotpEnrol } from './TotpEnrol.js';

/** The organisation requires two-step sign-in and this person has not set it up yet. */
export function TwoStepRequiredPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('totp.requiredTitle'));
  const { data: me } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Stack gap="md">
      <div>
        <Title order={1} fz={26}>
          {t('totp.requiredTitle')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('totp.requiredIntro', { org: me?.org.name ?? '' })}
        </Text>
      </div>
      <TotpEnrol
        onEnabled={async () => {
          await qc.invalidateQueries({ queryKey: ME_KEY });
          await navigate('/', { replace: true });
        }}
      />
      <Anchor component="button" type="button" size="sm" onClick={() => signOut.mutate()}>
        {t('nav.signOut')}
      </Anchor>
    </Stack>
  );
}
