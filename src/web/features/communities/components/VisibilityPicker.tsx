import { Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VISIBILITIES, type Visibility } from '../../../../shared/social.js';
import { VISIBILITY_ICON } from './CommunityVisuals.js';

/** Public, private or secret, each with a plain sentence about who sees what and who can join. */
export function VisibilityPicker({
  value,
  onChange,
  disabled,
  description,
}: {
  value: Visibility;
  onChange: (v: Visibility) => void;
  disabled?: boolean;
  description?: string;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={t('communities.form.visibility')} description={description} value={value} onChange={(v) => onChange(v)}>
      <Stack gap="xs" mt="xs">
        {VISIBILITIES.map((v) => {
          const I = VISIBILITY_ICON[v];
          return (
            <Radio.Card key={v} value={v} p="sm" radius="md" className="visibility-card" disabled={disabled}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator mt={2} />
                <I size={20} aria-hidden style={{ flex: 'none', marginTop: 1 }} />
                <div>
                  <Text fw={600} size="sm">
                    {t(`communities.visibility.${v}`)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t(`communities.visibility.${v}Help`)}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          );
        })}
      </Stack>
    </Radio.Group>
  );
}
