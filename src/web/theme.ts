import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

/** Tessuto's one brand colour: a warm teal, like dyed thread. */
const brand: MantineColorsTuple = [
  '#e6faf7',
  '#d2f1ec',
  '#a6e2d8',
  '#76d2c3',
  '#50c4b1',
  '#37bba6',
  '#26b7a1',
  '#13a08c',
  '#008e7c',
  '#007b6b',
];

export const theme = createTheme({
  primaryColor: 'brand',
  // the darkest shade keeps white button text above 4.5:1 in both schemes
  primaryShade: { light: 9, dark: 9 },
  colors: { brand },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  fontSizes: { xs: '0.8125rem', sm: '0.875rem', md: '1rem', lg: '1.125rem', xl: '1.25rem' },
  cursorType: 'pointer',
  focusRing: 'auto',
  respectReducedMotion: true,
  components: {
    Button: { defaultProps: { radius: 'md' } },
    // Optional fields say so in words (as GOV.UK recommends) instead of starring required ones,
    // which also keeps each label's accessible name exactly its text.
    TextInput: { defaultProps: { size: 'md', withAsterisk: false } },
    PasswordInput: { defaultProps: { size: 'md', withAsterisk: false } },
    Select: { defaultProps: { size: 'md', withAsterisk: false } },
    Textarea: { defaultProps: { size: 'md', withAsterisk: false } },
    TagsInput: { defaultProps: { size: 'md', withAsterisk: false } },
    MultiSelect: { defaultProps: { size: 'md', withAsterisk: false } },
    NumberInput: { defaultProps: { withAsterisk: false } },
    FileInput: { defaultProps: { withAsterisk: false } },
    Card: { defaultProps: { withBorder: true, radius: 'lg' } },
    Paper: { defaultProps: { radius: 'lg' } },
  },
});

/** Mantine's default dimmed text and light-variant colours fall below WCAG AA contrast; these keep them readable. */
// Mantine hovers the darkest shade by going lighter; we go darker instead, keeping white text readable.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-brand-filled-hover': '#00695c',
    '--mantine-primary-color-filled-hover': '#00695c',
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-brand-light-color': '#006356',
    '--mantine-color-orange-light-color': '#9c3a0a',
    '--mantine-color-anchor': 'var(--mantine-color-brand-9)',
    '--mantine-color-placeholder': '#6b7280',
  },
  dark: {
    '--mantine-color-brand-filled-hover': '#00695c',
    '--mantine-primary-color-filled-hover': '#00695c',
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-brand-light-color': 'var(--mantine-color-brand-3)',
    '--mantine-color-anchor': 'var(--mantine-color-brand-3)',
    '--mantine-color-placeholder': '#9a9a9a',
  },
});
