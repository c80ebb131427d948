import { Button } from '@mantine/core';
import { IconArticle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../auth/hooks/useSession.js';

/** Starts a new article. */
export function WriteArticleButton() {
  const { t } = useTranslation();
  if (!useAbility('content.write')) {
    return null;
  }
  return (
    <Button component={Link} to="/articles/new" variant="light" leftSection={<IconArticle size={18} aria-hidden />}>
      {t('articles.write')}
    </Button>
  );
}
