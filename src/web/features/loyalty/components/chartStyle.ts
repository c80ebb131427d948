/** The look the loyalty charts share with the other analytics pages. */

export const tooltipStyle = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-default-border)',
  borderRadius: 8,
  fontSize: 13,
};

export const axisTick = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };
