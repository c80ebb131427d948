import { Badge, Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBigUp, IconArrowBigUpFilled, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/hooks/useSession.js';
import type { CommentView, PostView } from '../../feed/api.js';
import { useQuestionErrorText } from '../hooks/useQuestionError.js';
import { useChooseBest, useUpvote } from '../hooks/useQuestions.js';

/** Under an answer to a question: "Best answer", its upvotes, and "Mark as best" for the asker and moderators. */
export function AnswerControls({ comment, post }: { comment: CommentView; post: PostView }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const upvote = useUpvote(comment);
  const best = useChooseBest(post.id);
  const errorText = useQuestionErrorText();
  if (!post.question || comment.parentId !== null || comment.deleted) {
    return null;
  }
  const mine = me?.user.id === comment.author?.id;
  const fail = (err: unknown) => notifications.show({ message: errorText(err), color: 'red' });
  return (
    <>
      {comment.isBest && (
        <Badge color="teal" variant="light" leftSection={<IconCircleCheck size={12} aria-hidden />}>
          {t('questions.best')}
        </Badge>
      )}
      {mine || !post.abilities.canInteract ? (
        <Badge variant="transparent" color="gray" aria-label={t('questions.upvotes', { count: comment.upvoteCount })}>
          <IconArrowBigUp size={14} aria-hidden /> {comment.upvoteCount}
        </Badge>
      ) : (
        <Button
          variant={comment.myUpvote ? 'light' : 'subtle'}
          color={comment.myUpvote ? 'brand' : 'gray'}
          size="compact-xs"
          aria-pressed={comment.myUpvote}
          aria-label={t(comment.myUpvote ? 'questions.removeUpvote' : 'questions.upvote', { count: comment.upvoteCount })}
          loading={upvote.isPending}
          leftSection={comment.myUpvote ? <IconArrowBigUpFilled size={14} aria-hidden /> : <IconArrowBigUp size={14} aria-hidden />}
          onClick={() => upvote.mutate(!comment.myUpvote, { onError: fail })}
        >
          {comment.upvoteCount}
        </Button>
      )}
      {post.question.canChooseBest && (
        <Button
          variant="subtle"
          color={comment.isBest ? 'gray' : 'teal'}
          size="compact-xs"
          fw={600}
          loading={best.isPending}
          onClick={() => best.mutate(comment.isBest ? null : comment.id, { onError: fail })}
        >
          {comment.isBest ? t('questions.unmarkBest') : t('questions.markBest')}
        </Button>
      )}
    </>
  );
}
