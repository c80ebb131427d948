import { Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card: the building block of settings and admin pages. */
export function Section({
  title,
  description,
  children,
  id,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  id: string;
  actions?: ReactNode;
}) {
  return (
    <Card padding="lg" component="section" aria-labelledby={id}>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          gap: 'var(--mantine-spacing-sm)',
          flexWrap: 'wrap',
          alignItems: 'flex-start',
        }}
      >
        <div>
          <Title order={2} fz={19} id={id}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm" mt={4}>
              {description}
            </Text>
          )}
        </div>
        {actions}
      </div>
      <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>{children}</div>
    </Card>
  );
}
