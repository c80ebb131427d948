import { Button, type ButtonProps, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props extends ButtonProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  danger?: boolean;
  children: ReactNode;
  'aria-label'?: string;
}

/** A button that asks before doing something hard to undo. */
export function ConfirmButton({ title, message, confirmLabel, onConfirm, loading, danger = true, children, ...rest }: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...rest} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={<Text fw={700}>{title}</Text>} centered>
        <Stack gap="lg">
          <Text>{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color={danger ? 'red' : undefined}
              loading={loading}
              onClick={() => {
                onConfirm();
                close();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
