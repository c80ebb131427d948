import { Fragment, useMemo } from 'react';
import { parseHighlight } from '../highlight.js';

/** A server snippet shown as text, with the matching words marked; never inserted as HTML. */
export function Highlighted({ html }: { html: string }) {
  const segments = useMemo(() => parseHighlight(html), [html]);
  return <>{segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}</>;
}
