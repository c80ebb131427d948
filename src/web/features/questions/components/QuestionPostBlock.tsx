import { Anchor, Badge, Group } from '@mantine/core';
import { IconCircleCheck, IconHelpCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostView } from '../../feed/api.js';

/** A question's state: answered or not, the best answer. */
export function QuestionPostBlock({ post }: { post: PostView }) {
  const { t } = useTranslation();
  const q = post.question;
  if (!q) {
    return null;
  }
  return (
    <Group gap="xs" mt="xs" wrap="wrap">
      <Badge variant="light" color="brand" leftSection={<IconHelpCircle size={14} aria-hidden />}>
        {t('questions.badge')}
      </Badge>
      {q.bestCommentId ? (
        <Anchor component={Link} to={`/posts/${post.id}#comment-${q.bestCommentId}`} size="sm" fw={600} c="teal.8">
          <Group gap={4} wrap="nowrap">
            <IconCircleCheck size={16} aria-hidden />
            {t('questions.answered')}
          </Group>
        </Anchor>
      ) : (
        <Badge variant="outline" color="gray">
          {t('questions.unanswered')}
        </Badge>
      )}
    </Group>
  );
}
