import { Alert, Anchor, Button, Chip, Fieldset, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBrandFacebook,
  IconBrandLinkedin,
  IconBrandX,
  IconCheck,
  IconCopy,
  IconExternalLink,
  IconMail,
  type Icon,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShareItemDto, ShareNetwork, ShareResult } from '../../../../shared/advocacy.js';
import { ADVOCACY_LIMITS } from '../../../../shared/advocacy.js';
import { ApiError } from '../../../api.js';
import { CopyField } from '../../../components/CopyField.js';
import { useErrorText } from '../../../components/errors.js';
import { currentLanguage } from '../../../i18n/index.js';
import { ADVOCACY_KEY, useAcceptGuidelines, useMyAdvocacy, useShare } from '../hooks/useAdvocacy.js';
import {
  NETWORK_ORDER,
  badgeKey,
  badgeMilestone,
  clipboardText,
  isSafeIntentUrl,
  pickSuggestion,
  shareAction,
  textBudget,
} from '../logic.js';
import { GuidelinesModal } from './GuidelinesModal.js';

export const NETWORK_ICONS: Record<ShareNetwork, Icon> = {
  linkedin: IconBrandLinkedin,
  x: IconBrandX,
  facebook: IconBrandFacebook,
  email: IconMail,
  link: IconCopy,
};

/** Share codes the dialog explains in its own words. */
const SHARE_ERRORS = new Set(['ITEM_EXPIRED', 'ITEM_NOT_STARTED', 'INTERNAL_ONLY', 'NOT_FOUND']);

interface Pending {
  network: ShareNetwork;
  text: string;
}

/**
 * A blank tab opened inside the click, so that popup blockers let it through; it is pointed at the
 * network once the API has answered, or closed on failure. The opener link is cut at once, which is
 * what `noopener` would do (with `noopener`, window.open returns null and the tab could not be steered).
 */
function openBlankWindow(): Window | null {
  const w = window.open('', '_blank');
  if (w) {
    w.opener = null;
  }
  return w;
}

/**
 * Starts writing to the clipboard inside the click (Safari requires it) with text that arrives later.
 * Falls back to writeText after the answer; false when neither works (the dialog shows the link).
 */
async function copyWhenReady(text: Promise<string>): Promise<boolean> {
  const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  if (!clip) {
    return false;
  }
  if (typeof ClipboardItem !== 'undefined' && typeof clip.write === 'function') {
    try {
      await clip.write([new ClipboardItem({ 'text/plain': text.then((s) => new Blob([s], { type: 'text/plain' })) })]);
      return true;
    } catch {
      // fall through to writeText
    }
  }
  try {
    await clip.writeText(await text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The share flow for one item: the guidelines first when the person has not accepted them, then the
 * networks, their own words (prefilled with the suggestion), and one click that records the share
 * and opens the network's page, an e-mail draft, or copies the tracked link.
 */
export function ShareDialog({ item, onClose }: { item: ShareItemDto; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const me = useMyAdvocacy();
  const share = useShare();
  const accept = useAcceptGuidelines();

  const [network, setNetwork] = useState<ShareNetwork>(() => NETWORK_ORDER.find((n) => !item.mySharedNetworks.includes(n)) ?? 'linkedin');
  const [texts, setTexts] = useState<Partial<Record<ShareNetwork, string>>>({});
  // Before the first share ever, the guidelines come first; a 409 from the server brings them back too.
  const [guidelines, setGuidelines] = useState<{ open: boolean; pending: Pending | null; changed: boolean }>(() => ({
    open: me.data?.guidelinesAccepted === false,
    pending: null,
    changed: false,
  }));
  const [result, setResult] = useState<{ network: ShareNetwork; res: ShareResult; copied: boolean; blocked: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const text = texts[network] ?? pickSuggestion(item.suggestions, network, lang, item.title);
  const budget = textBudget(network, text);
  const action = shareAction(network);

  const announce = (n: ShareNetwork, res: ShareResult, copied: boolean) => {
    const lines = [
      res.points > 0 ? t('advocacy.share.points', { count: res.points }) : null,
      ...res.badges.map((b) => t(badgeKey(b), { n: badgeMilestone(b) ?? 0 })),
    ].filter((x): x is string => x !== null);
    notifications.show({
      color: 'teal',
      icon: <IconCheck size={18} aria-hidden />,
      title: n === 'link' ? (copied ? t('advocacy.share.copied') : t('advocacy.share.linkReady')) : t(`advocacy.share.done.${n}`),
      message: [
        n === 'facebook' && copied ? t('advocacy.share.facebookPaste') : null,
        lines.length > 0 ? lines.join(' · ') : t('advocacy.share.thanks'),
      ]
        .filter(Boolean)
        .join(' '),
      closeButtonProps: { 'aria-label': t('common.close') },
    });
  };

  /** Must be called from a click handler: the window and the clipboard write start synchronously. */
  const runShare = (p: Pending, preopened?: Window | null) => {
    setError(null);
    const how = shareAction(p.network);
    const win = how === 'window' ? (preopened === undefined ? openBlankWindow() : preopened) : null;
    const answer = share.mutateAsync({ itemId: item.id, network: p.network, text: p.text });
    const copying =
      how === 'copy'
        ? copyWhenReady(answer.then((r) => clipboardText(p.text, r.trackedUrl)))
        : // Facebook's share page takes no text from other sites: the words go on the clipboard to paste there.
          p.network === 'facebook' && p.text.trim()
          ? copyWhenReady(Promise.resolve(p.text.trim()))
          : null;
    answer.then(
      async (res) => {
        let blocked = false;
        if (how === 'window') {
          if (isSafeIntentUrl(res.intentUrl, p.network)) {
            if (win && !win.closed) {
              win.location.href = res.intentUrl;
            } else {
              blocked = !window.open(res.intentUrl, '_blank', 'noopener,noreferrer');
            }
          } else {
            win?.close();
            blocked = true;
          }
        } else if (how === 'mailto' && isSafeIntentUrl(res.intentUrl, p.network)) {
          // A mailto: link hands over to the mail program without leaving the page.
          window.location.href = res.intentUrl;
        }
        const copied = copying ? await copying : false;
        announce(p.network, res, copied);
        if (how === 'copy' || blocked) {
          setResult({ network: p.network, res, copied, blocked });
        } else {
          onClose();
        }
      },
      (err: unknown) => {
        win?.close();
        if (err instanceof ApiError && err.code === 'GUIDELINES_NOT_ACCEPTED') {
          setGuidelines({ open: true, pending: p, changed: false });
          return;
        }
        setError(err);
      },
    );
  };

  const onAccept = (version: number) => {
    const pending = guidelines.pending;
    const win = pending && shareAction(pending.network) === 'window' ? openBlankWindow() : null;
    accept.mutate(version, {
      onSuccess: () => {
        setGuidelines({ open: false, pending: null, changed: false });
        if (pending) {
          runShare(pending, win);
        }
      },
      onError: (err) => {
        win?.close();
        if (err instanceof ApiError && err.code === 'GUIDELINES_CHANGED') {
          setGuidelines((g) => ({ ...g, changed: true }));
          void qc.invalidateQueries({ queryKey: [...ADVOCACY_KEY, 'guidelines'] });
        }
      },
    });
  };

  const closeGuidelines = () => {
    accept.reset();
    // Leaving the guidelines before ever accepting them leaves the share too.
    if (me.data?.guidelinesAccepted === false && !guidelines.pending) {
      onClose();
      return;
    }
    setGuidelines({ open: false, pending: null, changed: false });
  };

  const shareError = (err: unknown) =>
    err instanceof ApiError && SHARE_ERRORS.has(err.code) ? t(`advocacy.share.errors.${err.code}`) : errorText(err);

  const buttonLabel = t(`advocacy.share.action.${network}`);
  const NetIcon = NETWORK_ICONS[network];

  return (
    <>
      <GuidelinesModal
        opened={guidelines.open}
        onClose={closeGuidelines}
        onAccept={onAccept}
        accepting={accept.isPending || (share.isPending && guidelines.pending !== null)}
        error={accept.error}
        changed={guidelines.changed}
      />
      <Modal opened={!guidelines.open} onClose={onClose} title={t('advocacy.share.title')} size="lg">
        {result ? (
          <Stack gap="md">
            {result.network === 'link' ? (
              <>
                <Text>{result.copied ? t('advocacy.share.copiedBody') : t('advocacy.share.copyYourself')}</Text>
                <CopyField label={t('advocacy.share.copiedText')} value={clipboardText(text, result.res.trackedUrl)} />
              </>
            ) : (
              <>
                <Text>{t('advocacy.share.blocked')}</Text>
                {result.res.intentUrl && isSafeIntentUrl(result.res.intentUrl, result.network) && (
                  <Anchor href={result.res.intentUrl} target="_blank" rel="noopener noreferrer">
                    <Group gap={6} component="span">
                      {t(`advocacy.share.openNetwork.${result.network}`)}
                      <IconExternalLink size={16} aria-hidden />
                    </Group>
                  </Anchor>
                )}
                <CopyField label={t('advocacy.share.yourLink')} value={result.res.trackedUrl} />
              </>
            )}
            <Group justify="flex-end">
              <Button onClick={onClose} data-autofocus>
                {t('advocacy.share.done.close')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="md">
            <div>
              <Text fw={600} lineClamp={2}>
                {item.title}
              </Text>
              {item.campaign?.hashtag && (
                <Text size="sm" c="dimmed">
                  {item.campaign.hashtag}
                </Text>
              )}
            </div>
            <Chip.Group multiple={false} value={network} onChange={(v) => setNetwork(v)}>
              <Fieldset
                variant="unstyled"
                legend={t('advocacy.share.where')}
                styles={{ legend: { fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 6 } }}
              >
                <Group gap="xs" wrap="wrap">
                  {NETWORK_ORDER.map((n) => {
                    const Ico = NETWORK_ICONS[n];
                    const done = item.mySharedNetworks.includes(n);
                    return (
                      <Chip
                        key={n}
                        value={n}
                        type="radio"
                        name={`share-network-${item.id}`}
                        variant="outline"
                        icon={<IconCheck size={14} aria-hidden />}
                      >
                        <Group gap={6} wrap="nowrap" component="span">
                          <Ico size={16} aria-hidden />
                          {t(`advocacy.networks.${n}`)}
                          {done && (
                            <Text span size="xs" c="dimmed">
                              {t('advocacy.share.alreadyShort')}
                            </Text>
                          )}
                        </Group>
                      </Chip>
                    );
                  })}
                </Group>
              </Fieldset>
            </Chip.Group>
            <Textarea
              label={t('advocacy.share.yourWords')}
              description={t('advocacy.share.yourWordsHint')}
              value={text}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setTexts((m) => ({ ...m, [network]: v }));
              }}
              autosize
              minRows={4}
              maxRows={10}
              maxLength={ADVOCACY_LIMITS.shareText}
              error={budget.over ? t('advocacy.share.tooLong', { max: budget.max }) : undefined}
              data-autofocus
            />
            <Text size="xs" c={budget.over ? 'red' : 'dimmed'} ta="right" aria-live="polite">
              {network === 'x'
                ? t('advocacy.share.counterX', { used: budget.used, max: budget.max })
                : t('advocacy.share.counter', { used: budget.used, max: budget.max })}
            </Text>
            {error !== null && (
              <Alert color="red" variant="light" role="alert">
                {shareError(error)}
              </Alert>
            )}
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="xs" c="dimmed" maw={320}>
                {t(network === 'facebook' ? 'advocacy.share.how.facebook' : `advocacy.share.how.${action}`)}
              </Text>
              <Group gap="sm">
                <Button variant="default" onClick={onClose}>
                  {t('common.cancel')}
                </Button>
                <Button
                  leftSection={<NetIcon size={18} aria-hidden />}
                  onClick={() => runShare({ network, text })}
                  loading={share.isPending}
                  disabled={budget.over}
                >
                  {buttonLabel}
                </Button>
              </Group>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
