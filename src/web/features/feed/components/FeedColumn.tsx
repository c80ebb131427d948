import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/** The centre column a feed reads best in. */
export function FeedColumn({ children }: { children: ReactNode }) {
  return (
    <Box maw={680} mx="auto" w="100%">
      {children}
    </Box>
  );
}
