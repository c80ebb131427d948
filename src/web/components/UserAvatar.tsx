import { Avatar, type AvatarProps } from '@mantine/core';

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

interface Props extends Omit<AvatarProps, 'src' | 'alt'> {
  name: string;
  photoUrl: string | null | undefined;
  /** Decorative when the name is already written next to it. */
  decorative?: boolean;
}

/** A person's photo, or their initials on the brand colour when there is none. */
export function UserAvatar({ name, photoUrl, decorative = true, ...rest }: Props) {
  return (
    <Avatar src={photoUrl ?? undefined} alt={decorative ? '' : name} color="brand" variant="light" radius={1000} {...rest}>
      <span aria-hidden={decorative || undefined}>{initials(name)}</span>
    </Avatar>
  );
}
