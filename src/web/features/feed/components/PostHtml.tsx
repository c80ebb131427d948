import { Button } from '@mantine/core';
import { type MouseEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

const CLAMP_PX = 360;

/**
 * Content as the server rendered and sanitised it. This is the one place the app inserts HTML, and
 * only the `html` field of a post or comment. Links inside the app open without a page load.
 */
export function PostHtml({ html, clamp = false, className }: { html: string; clamp?: boolean; className?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  const [long, setLong] = useState(false);
  const [expanded, setExpanded] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    setLong(clamp && !!el && el.scrollHeight > CLAMP_PX + 80);
    // A code block scrolls sideways: keyboard users must be able to reach it to scroll it.
    el?.querySelectorAll('pre').forEach((pre) => pre.setAttribute('tabindex', '0'));
  }, [html, clamp]);

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    const a = (e.target as Element).closest('a');
    const href = a?.getAttribute('href');
    if (a && href && href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/api/') && a.target !== '_blank') {
      e.preventDefault();
      void navigate(href);
    }
  };

  const clamped = long && !expanded;
  return (
    <>
      <div
        ref={ref}
        className={['post-body', clamped ? 'post-body-clamped' : '', className ?? ''].join(' ')}
        style={clamped ? { maxHeight: CLAMP_PX } : undefined}
        onClick={onClick}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {long && (
        <Button variant="subtle" size="compact-sm" px={0} onClick={() => setExpanded((x) => !x)} aria-expanded={expanded}>
          {expanded ? t('feed.post.showLess') : t('feed.post.showMore')}
        </Button>
      )}
    </>
  );
}
