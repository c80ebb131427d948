import { Box, Center, Group, Paper, SegmentedControl, Stack } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { Logo } from '../../../components/Logo.js';
import { Loading } from '../../../components/States.js';
import { LANGUAGES, isLanguage } from '../../../i18n/index.js';
import { currentLanguage, useChangeLanguage } from '../hooks/useLanguage.js';

/** The quiet, centred frame of the pages before one is signed in. */
export function AuthLayout() {
  const { t } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <Box mih="100dvh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))" py={{ base: 'md', sm: 48 }} px="md">
      <Center>
        <Stack w="100%" maw={460} gap="lg">
          <Group component="header" justify="space-between" wrap="nowrap">
            <Logo />
            <SegmentedControl
              size="xs"
              aria-label={t('language.label')}
              value={currentLanguage()}
              onChange={(v) => {
                if (isLanguage(v)) {
                  void changeLanguage(v);
                }
              }}
              data={LANGUAGES.map((l) => ({ value: l.value, label: l.value.toUpperCase(), 'aria-label': l.label }))}
            />
          </Group>
          <Paper component="main" withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
