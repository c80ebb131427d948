import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../components/PageHeader.js';

export function NotFoundPage({ crashed = false }: { crashed?: boolean }) {
  const { t } = useTranslation();
  const title = crashed ? t('notFound.crashedTitle') : t('notFound.title');
  useDocumentTitle(title);
  return (
    <Center py={64} px="md">
      <Stack align="center" gap="md" maw={420} ta="center">
        <IconMapOff size={48} stroke={1.5} aria-hidden color="var(--mantine-color-brand-filled)" />
        <Title order={1} fz={26}>
          {title}
        </Title>
        <Text c="dimmed">{crashed ? t('notFound.crashedBody') : t('notFound.body')}</Text>
        <Button component={Link} to="/" reloadDocument={crashed}>
          {t('notFound.home')}
        </Button>
      </Stack>
    </Center>
  );
}
