import { Alert, Button, Code, Group, Image, PinInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/States.js';
import { settingsApi } from '../api.js';

/** Set up an authenticator app: scan the QR code (or type the key), then prove it with one code. */
export function TotpEnrol({ onEnabled, onCancel }: { onEnabled: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const start = useMutation({ mutationFn: settingsApi.startTotp });
  const enable = useMutation({ mutationFn: settingsApi.enableTotp, onSuccess: onEnabled });
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');

  const uri = start.data?.uri;
  useEffect(() => {
    if (!uri) {
      return;
    }
    let live = true;
    QRCode.toDataURL(uri, { margin: 1, width: 220, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (live) {
          setQr(url);
        }
      })
      .catch(() => setQr(null));
    return () => {
      live = false;
    };
  }, [uri]);

  if (!start.data) {
    return (
      <Stack gap="sm">
        <FormError error={start.error} />
        <Group>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            {t('totp.start')}
          </Button>
          {onCancel && (
            <Button variant="subtle" color="gray" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  const secret = start.data.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (code.length === 6) {
          enable.mutate(code);
        }
      }}
    >
      <Stack gap="md">
        <Text>{t('totp.step1')}</Text>
        <Group align="flex-start" gap="lg" wrap="wrap">
          {qr ? (
            <Image src={qr} alt={t('totp.qrAlt')} w={200} h={200} radius="md" bg="white" p={6} />
          ) : (
            <div style={{ width: 200, height: 200 }} />
          )}
          <Stack gap={6} maw={320}>
            <Text size="sm" c="dimmed">
              {t('totp.manual')}
            </Text>
            <Code
              block
              fz="md"
              style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', userSelect: 'all' }}
              aria-label={t('totp.secretLabel')}
            >
              {secret}
            </Code>
          </Stack>
        </Group>
        <div>
          <Text component="label" htmlFor="totp-enrol-code" fw={500} size="sm" display="block" mb={6}>
            {t('totp.step2')}
          </Text>
          <PinInput
            id="totp-enrol-code"
            length={6}
            type="number"
            oneTimeCode
            size="md"
            value={code}
            onChange={setCode}
            onComplete={(v) => enable.mutate(v)}
            getInputProps={(index) => ({ 'aria-label': t('signIn.codeDigit', { n: index + 1 }) })}
          />
        </div>
        <FormError error={enable.error} />
        {enable.isSuccess && (
          <Alert color="teal" role="status">
            {t('totp.enabled')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={enable.isPending} disabled={code.length !== 6}>
            {t('totp.confirm')}
          </Button>
          {onCancel && (
            <Button variant="subtle" color="gray" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
