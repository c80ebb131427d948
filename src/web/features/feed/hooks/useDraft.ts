import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachmentView } from '../api.js';

export interface Draft {
  body: string;
  attachments: AttachmentView[];
}

const PREFIX = 'tessuto.draft.';

function read(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) {
      return null;
    }
    const d = JSON.parse(raw) as Partial<Draft>;
    return { body: typeof d.body === 'string' ? d.body : '', attachments: Array.isArray(d.attachments) ? d.attachments : [] };
  } catch {
    return null;
  }
}

function write(key: string, d: Draft): void {
  try {
    if (!d.body.trim() && d.attachments.length === 0) {
      localStorage.removeItem(PREFIX + key);
    } else {
      localStorage.setItem(PREFIX + key, JSON.stringify({ ...d, savedAt: new Date().toISOString() }));
    }
  } catch {
    // storage full or disabled: the draft just does not survive a reload
  }
}

/**
 * What someone is writing, kept in this browser per place (their profile, a community, a comment box)
 * so that a reload or a closed tab does not lose it. `key` null turns saving off.
 */
export function useDraft(key: string | null) {
  const [draft, setDraft] = useState<Draft>(() => (key ? read(key) : null) ?? { body: '', attachments: [] });
  const keyRef = useRef(key);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(draft);
  latest.current = draft;

  // a new place starts from its own draft
  useEffect(() => {
    if (keyRef.current !== key) {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
        if (keyRef.current) {
          write(keyRef.current, latest.current);
        }
      }
      keyRef.current = key;
      const next = (key ? read(key) : null) ?? { body: '', attachments: [] };
      latest.current = next;
      setDraft(next);
    }
  }, [key]);

  const flush = useCallback(() => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (keyRef.current) {
      write(keyRef.current, latest.current);
    }
  }, []);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const update = useCallback((change: Partial<Draft>) => {
    setDraft((d) => {
      const next = { ...d, ...change };
      latest.current = next;
      return next;
    });
    if (timer.current) {
      clearTimeout(timer.current);
    }
    timer.current = setTimeout(() => {
      timer.current = null;
      if (keyRef.current) {
        write(keyRef.current, latest.current);
      }
    }, 300);
  }, []);

  const clear = useCallback(() => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const empty = { body: '', attachments: [] };
    latest.current = empty;
    setDraft(empty);
    if (keyRef.current) {
      write(keyRef.current, empty);
    }
  }, []);

  return { draft, update, clear };
}
