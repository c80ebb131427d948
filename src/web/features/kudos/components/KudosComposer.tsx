import './kudos.css';
import {
  Alert,
  Box,
  Button,
  Chip,
  FileButton,
  Group,
  Input,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  type ButtonProps,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconHeartHandshake, IconPhoto, IconSend } from '@tabler/icons-react';
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../../../components/States.js';
import { useErrorText } from '../../../components/errors.js';
import { RECOGNITION_LIMITS, type KudosVisibility } from '../../../../shared/recognition.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { Author } from '../../feed/api.js';
import { UploadList } from '../../feed/components/Attachments.js';
import { MarkdownEditor } from '../../feed/components/MarkdownEditor.js';
import { useUploads } from '../../feed/hooks/useUploads.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { NewKudos, RecognitionMe } from '../api.js';
import { useGiveKudos, useRecognitionMe } from '../hooks/useKudos.js';
import { clampPoints, kudosErrorKey, maxPointsEach, newIdempotencyKey } from '../logic.js';
import { PeopleMultiPicker } from '../../people/components/PeopleMultiPicker.js';

export interface KudosComposerProps {
  opened: boolean;
  onClose: () => void;
  /** People to thank, already picked (the profile or the post the dialog was opened from). */
  recipients?: Author[];
}

/** The dialog to give kudos: whom, for which value, the message, points each, public or private, a picture. */
export function KudosComposer({ opened, onClose, recipients }: KudosComposerProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Group gap={8} wrap="nowrap">
          <IconHeartHandshake size={22} aria-hidden color="var(--mantine-color-brand-9)" />
          <Text fw={700} fz="lg" component="span">
            {t('kudos.composer.title')}
          </Text>
        </Group>
      }
      size="lg"
      fullScreen={phone}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <ComposerBody initial={recipients ?? []} onClose={onClose} />}
    </Modal>
  );
}

/** A button that opens the kudos dialog, e.g. on a profile or next to the post composer. */
export function GiveKudosButton({
  recipients,
  label,
  ...buttonProps
}: { recipients?: Author[]; label?: string } & Omit<ButtonProps, 'children' | 'onClick'>) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        leftSection={<IconHeartHandshake size={18} aria-hidden />}
        onClick={() => setOpened(true)}
        aria-haspopup="dialog"
        {...buttonProps}
      >
        {label ?? t('kudos.give')}
      </Button>
      <KudosComposer opened={opened} onClose={() => setOpened(false)} recipients={recipients} />
    </>
  );
}

function ComposerBody({ initial, onClose }: { initial: Author[]; onClose: () => void }) {
  const recognition = useRecognitionMe();
  if (recognition.isPending) {
    return <Loading />;
  }
  if (recognition.isError) {
    return <ErrorState error={recognition.error} onRetry={() => void recognition.refetch()} />;
  }
  return <ComposerForm initial={initial} me={recognition.data} onClose={onClose} />;
}

type Field = 'recipients' | 'value' | 'message' | 'points';

function ComposerForm({ initial, me, onClose }: { initial: Author[]; me: RecognitionMe; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data: session } = useMe();
  const myId = session?.user.id;
  const valuesLabelId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [recipientIds, setRecipientIds] = useState<string[]>(() => initial.filter((p) => p.id !== myId).map((p) => p.id));
  const [teamId, setTeamId] = useState<string | null>(null);
  const [valueId, setValueId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [points, setPoints] = useState<number>(0);
  const [visibility, setVisibility] = useState<KudosVisibility>('public');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // one key for as long as the dialog is open: a retry after a lost answer gives once
  const [idempotencyKey] = useState(newIdempotencyKey);
  const uploads = useUploads();
  const give = useGiveKudos();
  const structure = useStructure();

  const team = structure.data?.teams.find((x) => x.id === teamId) ?? null;
  const recipientCount = recipientIds.length + (team?.people ?? 0);
  const maxEach = maxPointsEach(me.allowance.remaining, recipientCount, me.recipientLimit.points);
  const pointsOn = me.gamification;
  const total = points * Math.max(recipientCount, 1);
  const chosenValue = me.values.find((v) => v.id === valueId) ?? null;
  const picture = uploads.attachments[0];
  const teams = useMemo(
    () => (structure.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name })).sort((a, b) => a.label.localeCompare(b.label)),
    [structure.data],
  );

  const clearError = (f: Field) => setErrors((e) => (e[f] ? { ...e, [f]: undefined } : e));

  const validate = (): boolean => {
    const next: Partial<Record<Field, string>> = {};
    if (recipientIds.length === 0 && !teamId) {
      next.recipients = t('kudos.composer.needRecipient');
    }
    if (me.requireValue && me.values.length > 0 && !valueId) {
      next.value = t('kudos.composer.needValue');
    }
    if (!message.trim()) {
      next.message = t('kudos.composer.needMessage');
    }
    if (pointsOn && points > maxEach) {
      next.points = t('kudos.composer.tooManyPoints', { count: maxEach });
    }
    setErrors(next);
    const ok = Object.keys(next).length === 0;
    if (!ok) {
      // take the keyboard (and the eye) to the first thing to fix
      requestAnimationFrame(() => {
        const form = formRef.current;
        const target =
          form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
          (next.value ? form?.querySelector<HTMLElement>(`[aria-labelledby="${valuesLabelId}"] input`) : null);
        target?.focus();
      });
    }
    return ok;
  };

  const submit = () => {
    if (give.isPending || uploads.busy || !validate()) {
      return;
    }
    const body: NewKudos = {
      message: message.trim(),
      visibility,
      ...(recipientIds.length > 0 ? { recipientIds } : {}),
      ...(teamId ? { teamId } : {}),
      ...(valueId ? { valueId } : {}),
      ...(pointsOn && points > 0 ? { points } : {}),
      ...(picture ? { attachmentIds: [picture.id] } : {}),
    };
    give.mutate(
      { body, key: idempotencyKey },
      {
        onSuccess: (kudos) => {
          const names = kudos.recipients.map((r) => r.name);
          notifications.show({
            color: 'teal',
            title: t('kudos.composer.sentTitle'),
            message: kudos.team
              ? t('kudos.composer.sentTeam', { name: kudos.team.name })
              : t('kudos.composer.sent', { names: names.slice(0, 3).join(', '), count: names.length }),
          });
          onClose();
        },
      },
    );
  };

  const failure = give.error ? kudosErrorKey(give.error) : null;
  const failureText = give.error ? (failure ? t(failure.key, failure.values) : errorText(give.error)) : null;

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <PeopleMultiPicker
          label={t('kudos.composer.recipients')}
          value={recipientIds}
          onChange={(ids) => {
            setRecipientIds(ids);
            clearError('recipients');
          }}
          max={RECOGNITION_LIMITS.recipients}
          initial={initial}
          excludeId={myId}
          error={errors.recipients}
          description={t('kudos.composer.recipientsHelp', { count: RECOGNITION_LIMITS.recipients })}
          placeholder={t('kudos.composer.recipientsPlaceholder')}
          fullMessage={t('kudos.composer.recipientsFull', { count: RECOGNITION_LIMITS.recipients })}
        />
        <Select
          label={t('kudos.composer.team')}
          description={t('kudos.composer.teamHelp')}
          placeholder={structure.isPending ? t('common.loading') : t('kudos.composer.teamPlaceholder')}
          data={teams}
          value={teamId}
          onChange={(v) => {
            setTeamId(v);
            clearError('recipients');
          }}
          searchable
          clearable
          nothingFoundMessage={t('picker.none')}
          disabled={structure.isError}
        />

        {me.values.length > 0 && (
          <Input.Wrapper
            size="md"
            labelElement="div"
            labelProps={{ id: valuesLabelId }}
            label={
              <>
                {t('kudos.composer.value')}
                {!me.requireValue && (
                  <Text span c="dimmed" inherit fw={400}>
                    {' '}
                    ({t('common.optional')})
                  </Text>
                )}
              </>
            }
            description={me.requireValue ? t('kudos.composer.valueRequired') : t('kudos.composer.valueHelp')}
            error={errors.value}
          >
            <Chip.Group
              value={valueId}
              onChange={(v) => {
                setValueId(v);
                clearError('value');
              }}
            >
              <div
                className="kudos-value-chips"
                role="radiogroup"
                aria-labelledby={valuesLabelId}
                aria-required={me.requireValue}
                style={{ marginTop: 6 }}
              >
                {me.values.map((v) => (
                  <Chip key={v.id} value={v.id} variant="outline" radius="xl">
                    {v.emoji && (
                      <span aria-hidden className="kudos-emoji">
                        {v.emoji}
                      </span>
                    )}
                    {v.name}
                  </Chip>
                ))}
              </div>
            </Chip.Group>
            {(chosenValue?.description || (valueId && !me.requireValue)) && (
              <Group gap="xs" mt={6} wrap="nowrap" align="flex-start" justify="space-between">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {chosenValue?.description}
                </Text>
                {valueId && !me.requireValue && (
                  <Button variant="subtle" color="gray" size="compact-sm" onClick={() => setValueId(null)} style={{ flexShrink: 0 }}>
                    {t('kudos.composer.noValue')}
                  </Button>
                )}
              </Group>
            )}
          </Input.Wrapper>
        )}

        <Input.Wrapper size="md" labelElement="div" label={<span aria-hidden>{t('kudos.composer.message')}</span>}>
          <Box mt={4}>
            <MarkdownEditor
              value={message}
              onChange={(m) => {
                setMessage(m);
                clearError('message');
              }}
              label={t('kudos.composer.message')}
              placeholder={t('kudos.composer.messagePlaceholder')}
              minRows={3}
              maxLength={RECOGNITION_LIMITS.message}
              onSubmit={submit}
              error={errors.message}
            />
          </Box>
        </Input.Wrapper>

        {pointsOn ? (
          <NumberInput
            label={t('kudos.composer.points')}
            description={
              <span aria-live="polite">
                {t('kudos.composer.allowanceLeft', { count: me.allowance.remaining })}
                {recipientCount > 1 && maxEach > 0 ? ` ${t('kudos.composer.upToEach', { count: maxEach })}` : ''}
              </span>
            }
            value={points}
            onChange={(v) => {
              setPoints(clampPoints(v === '' ? 0 : v, maxEach));
              clearError('points');
            }}
            min={0}
            max={maxEach}
            step={5}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            disabled={maxEach === 0}
            error={errors.points}
            size="md"
            maw={320}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('kudos.composer.pointsOff')}
          </Text>
        )}
        {pointsOn && points > 0 && recipientCount > 1 && (
          <Text size="sm" c="dimmed" mt={-8}>
            {t('kudos.composer.total', { count: total })}
          </Text>
        )}

        <Switch
          checked={visibility === 'public'}
          onChange={(e) => setVisibility(e.currentTarget.checked ? 'public' : 'private')}
          label={t('kudos.composer.public')}
          description={visibility === 'public' ? t('kudos.composer.publicHelp') : t('kudos.composer.privateHelp')}
        />

        <Box>
          <Group gap="xs">
            <FileButton
              accept="image/png,image/jpeg,image/webp,image/gif"
              onChange={(file) => {
                if (file) {
                  uploads.reset();
                  uploads.add([file]);
                }
              }}
            >
              {(props) => (
                <Button {...props} variant="default" size="sm" leftSection={<IconPhoto size={18} aria-hidden />}>
                  {picture || uploads.uploads.length > 0 ? t('kudos.composer.changePicture') : t('kudos.composer.addPicture')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('common.optional')}
            </Text>
          </Group>
          <UploadList uploads={uploads} />
        </Box>

        {failureText && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {failureText}
          </Alert>
        )}

        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={give.isPending} disabled={uploads.busy} rightSection={<IconSend size={16} aria-hidden />}>
            {t('kudos.composer.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
