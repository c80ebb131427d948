import { Alert, Stack, Switch, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section.js';
import { toast } from '../../communities/toast.js';
import { currentPushState, turnPushOff, turnPushOn, type PushState } from '../push.js';

/** Turn web push notifications on or off for this browser. */
export function PushSettings() {
  const { t } = useTranslation();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    currentPushState().then(
      (s) => live && setState(s),
      () => live && setState('off'),
    );
    return () => {
      live = false;
    };
  }, []);

  const change = async (on: boolean) => {
    setBusy(true);
    try {
      const next = on ? await turnPushOn() : await turnPushOff();
      setState(next);
      if (next === 'on' || (!on && next === 'off')) {
        toast(t(on ? 'urgent.push.turnedOn' : 'urgent.push.turnedOff'), { color: 'teal', id: 'push-settings' });
      }
    } catch {
      toast(t('urgent.push.failed'), { color: 'red', id: 'push-settings' });
      setState(await currentPushState().catch((): PushState => 'off'));
    } finally {
      setBusy(false);
    }
  };

  const unavailable = state === 'unsupported' || state === 'blocked';
  return (
    <Section id="push" title={t('urgent.push.title')} description={t('urgent.push.intro')}>
      <Stack gap="sm">
        <Switch
          label={t('urgent.push.switch')}
          checked={state === 'on'}
          disabled={state === null || busy || unavailable}
          onChange={(e) => void change(e.currentTarget.checked)}
          aria-describedby="push-state"
        />
        {unavailable ? (
          <Alert id="push-state" variant="light" color={state === 'blocked' ? 'orange' : 'gray'} icon={<IconInfoCircle aria-hidden />}>
            {t(state === 'blocked' ? 'urgent.push.blocked' : 'urgent.push.unsupported')}
          </Alert>
        ) : (
          <Text id="push-state" size="sm" c="dimmed" aria-live="polite">
            {state === null ? '' : t(state === 'on' ? 'urgent.push.on' : 'urgent.push.off')}
          </Text>
        )}
      </Stack>
    </Section>
  );
}
