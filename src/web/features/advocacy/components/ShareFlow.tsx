import { type ReactNode, useCallback, useState } from 'react';
import type { ShareItemDto } from '../../../../shared/advocacy.js';
import { useMyAdvocacy } from '../hooks/useAdvocacy.js';
import { ShareDialog } from './ShareDialog.js';

/** One share dialog for a list of cards: `open(item)` from any card, `element` rendered once. */
export function useShareFlow(): { open: (item: ShareItemDto) => void; element: ReactNode } {
  // Loaded ahead, so that the guidelines can come before the dialog rather than after a refused share.
  useMyAdvocacy();
  const [item, setItem] = useState<ShareItemDto | null>(null);
  const open = useCallback((i: ShareItemDto) => setItem(i), []);
  const element = item ? <ShareDialog key={item.id} item={item} onClose={() => setItem(null)} /> : null;
  return { open, element };
}
