import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileButton,
  Group,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconEye, IconEyeOff, IconGift, IconPencil, IconPhoto, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECOGNITION_LIMITS } from '../../../../../shared/recognition.js';
import { LoadMore } from '../../../../components/LoadMore.js';
import { Section } from '../../../../components/Section.js';
import { Empty, ErrorState, Loading } from '../../../../components/States.js';
import type { Reward } from '../../api.js';
import { useAdminRewards, useSaveReward, useSetRewardActive } from '../../hooks/useRecognitionAdmin.js';
import { useFormat } from '../../hooks/useFormat.js';
import { useValidators } from '../../hooks/useValidators.js';
import { rewardInput, type RewardFormValues } from '../../logic.js';
import { toast } from '../../toast.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { ApprovalBadge, StockBadge } from '../RewardCard.js';
import { RewardImage } from '../RewardImage.js';

/** Pictures above this size are refused before uploading (the server refuses them too). */
const IMAGE_MAX = 10_000_000;
const IMAGE_TYPES = 'image/png,image/jpeg,image/webp,image/gif';

/** The reward catalogue, inactive rewards included: add, edit, take off the store, put back. */
export function RewardsAdmin() {
  const { t } = useTranslation();
  const { points } = useFormat();
  const list = useAdminRewards();
  const setActive = useSetRewardActive();
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const toggle = (r: Reward) =>
    setActive.mutate(
      { id: r.id, active: !r.active },
      { onSuccess: () => toast(t(r.active ? 'rewards.adminRewards.hidden' : 'rewards.adminRewards.shown', { name: r.name })) },
    );

  return (
    <Section
      id="rewards-catalogue"
      title={t('rewards.adminRewards.title')}
      description={t('rewards.adminRewards.intro')}
      actions={
        <Button leftSection={<IconPlus size={18} aria-hidden />} variant="light" onClick={() => setEditing('new')}>
          {t('rewards.adminRewards.add')}
        </Button>
      }
    >
      {list.isPending ? (
        <Loading />
      ) : list.isError && items.length === 0 ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          icon={<IconGift size={28} aria-hidden />}
          title={t('rewards.adminRewards.emptyTitle')}
          description={t('rewards.adminRewards.emptyBody')}
        >
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
            {t('rewards.adminRewards.add')}
          </Button>
        </Empty>
      ) : (
        <Stack gap="sm">
          <ErrorAlert error={setActive.error} />
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((r) => (
              <Card key={r.id} component="li" padding="sm" radius="md">
                <Group gap="md" wrap="nowrap" align="flex-start">
                  <RewardImage url={r.imageUrl} height={64} width={64} radius="md" />
                  <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {r.name}
                    </Text>
                    <Group gap={6}>
                      <Badge variant="filled">{points(r.cost)}</Badge>
                      <StockBadge stock={r.stock} />
                      {r.requiresApproval && <ApprovalBadge />}
                      {!r.active && (
                        <Badge variant="outline" color="gray" leftSection={<IconEyeOff size={14} aria-hidden />}>
                          {t('rewards.adminRewards.inactive')}
                        </Badge>
                      )}
                    </Group>
                    <Group gap="xs" mt={4}>
                      <Button
                        size="compact-sm"
                        variant="default"
                        leftSection={<IconPencil size={16} aria-hidden />}
                        onClick={() => setEditing(r)}
                        aria-label={t('rewards.adminRewards.editNamed', { name: r.name })}
                      >
                        {t('rewards.adminRewards.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="gray"
                        leftSection={r.active ? <IconEyeOff size={16} aria-hidden /> : <IconEye size={16} aria-hidden />}
                        loading={setActive.isPending && setActive.variables.id === r.id}
                        onClick={() => toggle(r)}
                        aria-label={t(r.active ? 'rewards.adminRewards.hideNamed' : 'rewards.adminRewards.showNamed', { name: r.name })}
                      >
                        {t(r.active ? 'rewards.adminRewards.hide' : 'rewards.adminRewards.show')}
                      </Button>
                    </Group>
                  </Stack>
                </Group>
              </Card>
            ))}
          </Stack>
          {list.isError && <ErrorState error={list.error} onRetry={() => void list.fetchNextPage()} />}
          <LoadMore query={list} />
        </Stack>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={
          <Text fw={700} fz="lg">
            {editing && editing !== 'new'
              ? t('rewards.adminRewards.editTitle', { name: editing.name })
              : t('rewards.adminRewards.addTitle')}
          </Text>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <RewardForm
            key={editing === 'new' ? 'new' : editing.id}
            reward={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Section>
  );
}

function RewardForm({ reward, onDone }: { reward: Reward | null; onDone: () => void }) {
  const { t } = useTranslation();
  const valid = useValidators();
  const save = useSaveReward();
  const L = RECOGNITION_LIMITS;
  const [file, setFile] = useState<File | null>(null);
  const [removeImage, setRemoveImage] = useState(false);
  const [tooBig, setTooBig] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [createdId, setCreatedId] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const form = useForm<RewardFormValues>({
    initialValues: {
      name: reward?.name ?? '',
      description: reward?.description ?? '',
      cost: reward?.cost ?? '',
      unlimited: reward ? reward.stock === null : true,
      stock: reward?.stock ?? '',
      requiresApproval: reward?.requiresApproval ?? false,
      active: reward?.active ?? true,
    },
    validate: {
      name: valid.name(L.rewardName),
      description: valid.text(L.rewardDescription),
      cost: valid.whole(1, L.rewardCost),
      stock: (v, values) => (values.unlimited ? null : valid.whole(0, L.rewardStock)(v)),
    },
  });

  const pick = (f: File | null) => {
    setTooBig(Boolean(f && f.size > IMAGE_MAX));
    if (f && f.size <= IMAGE_MAX) {
      setFile(f);
      setRemoveImage(false);
    }
  };

  const submit = (v: RewardFormValues) =>
    save.mutate(
      {
        id: reward?.id ?? createdId,
        input: rewardInput(v),
        image: file ?? (removeImage ? 'remove' : null),
        onCreated: (r) => setCreatedId(r.id),
      },
      {
        onSuccess: (r) => {
          toast(t(reward ? 'rewards.adminRewards.saved' : 'rewards.adminRewards.added', { name: r.name }));
          onDone();
        },
      },
    );

  const shown = preview ?? (removeImage ? null : (reward?.imageUrl ?? null));

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('rewards.adminRewards.name')}
          required
          maxLength={L.rewardName}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Textarea
          label={t('rewards.adminRewards.description')}
          description={t('common.optional')}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={L.rewardDescription}
          {...form.getInputProps('description')}
        />
        <Group gap="md" align="flex-start" grow preventGrowOverflow={false}>
          <NumberInput
            size="md"
            label={t('rewards.adminRewards.cost')}
            description={t('rewards.adminRewards.costHint')}
            min={1}
            max={L.rewardCost}
            allowDecimal={false}
            allowNegative={false}
            miw={160}
            {...form.getInputProps('cost')}
          />
          <Stack gap={6} miw={160}>
            <NumberInput
              size="md"
              label={t('rewards.adminRewards.stock')}
              description={t('rewards.adminRewards.stockHint')}
              min={0}
              max={L.rewardStock}
              allowDecimal={false}
              allowNegative={false}
              disabled={form.values.unlimited}
              {...form.getInputProps('stock')}
            />
            <Checkbox label={t('rewards.adminRewards.unlimited')} {...form.getInputProps('unlimited', { type: 'checkbox' })} />
          </Stack>
        </Group>
        <Switch
          label={t('rewards.adminRewards.requiresApproval')}
          description={t('rewards.adminRewards.requiresApprovalHint')}
          {...form.getInputProps('requiresApproval', { type: 'checkbox' })}
        />
        <Switch
          label={t('rewards.adminRewards.active')}
          description={t('rewards.adminRewards.activeHint')}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />

        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('rewards.adminRewards.picture')}
          </Text>
          <Group gap="md" align="center" wrap="wrap">
            {shown ? (
              <img
                src={shown}
                alt={t('rewards.adminRewards.picturePreview')}
                style={{ width: 120, height: 90, objectFit: 'cover', borderRadius: 'var(--mantine-radius-md)' }}
              />
            ) : (
              <RewardImage url={null} height={90} width={120} radius="md" />
            )}
            <Group gap="xs">
              <FileButton onChange={pick} accept={IMAGE_TYPES}>
                {(props) => (
                  <Button {...props} variant="default" leftSection={<IconPhoto size={16} aria-hidden />}>
                    {shown ? t('rewards.adminRewards.pictureChange') : t('rewards.adminRewards.pictureAdd')}
                  </Button>
                )}
              </FileButton>
              {file && (
                <Button variant="subtle" color="gray" onClick={() => setFile(null)}>
                  {t('rewards.adminRewards.pictureUndo')}
                </Button>
              )}
              {!file && reward?.imageUrl && !removeImage && (
                <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setRemoveImage(true)}>
                  {t('rewards.adminRewards.pictureRemove')}
                </Button>
              )}
              {removeImage && (
                <Button variant="subtle" color="gray" onClick={() => setRemoveImage(false)}>
                  {t('rewards.adminRewards.pictureKeep')}
                </Button>
              )}
            </Group>
          </Group>
          <Text size="xs" c="dimmed">
            {file
              ? t('rewards.adminRewards.picturePending', { name: file.name })
              : removeImage
                ? t('rewards.adminRewards.pictureWillRemove')
                : t('rewards.adminRewards.pictureHint')}
          </Text>
          {tooBig && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {t('rewards.adminRewards.pictureTooBig')}
            </Alert>
          )}
        </Stack>

        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {reward ? t('common.save') : t('rewards.adminRewards.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
