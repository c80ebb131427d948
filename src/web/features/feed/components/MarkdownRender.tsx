import MarkdownIt, { type Token } from 'markdown-it';
import { createElement, Fragment, type ReactNode } from 'react';

/*
 * The composer's preview. It never produces an HTML string: Markdown is parsed into tokens and each
 * token becomes a React element, so whatever someone types is only ever text in the page. The
 * published post shows the server's sanitised rendering instead.
 */

// the same small subset the server renders: no headings, tables, images or raw HTML
const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, maxNesting: 20 });
md.enable(['blockquote', 'list', 'code', 'fence'], true);
md.enable(['newline', 'escape', 'backticks', 'emphasis', 'link', 'autolink', 'entity', 'linkify'], true);
md.linkify.set({ fuzzyLink: false, fuzzyIP: false, fuzzyEmail: true });

const BLOCK_TAGS = new Set(['p', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em']);
const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_-]{2,50})/gu;

interface Frame {
  token: Token | null;
  children: ReactNode[];
}

function withHashtags(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(HASHTAG)) {
    const start = m.index + m[1]!.length;
    if (start > last) {
      out.push(text.slice(last, start));
    }
    out.push(
      <span key={`${key}-h${n++}`} className="md-hashtag">
        #{m[2]}
      </span>,
    );
    last = start + 1 + m[2]!.length;
  }
  if (last < text.length) {
    out.push(text.slice(last));
  }
  return out;
}

function safeHref(href: string): string | null {
  return /^(https?:|mailto:)/i.test(href) ? href : null;
}

function closeElement(frame: Frame, key: string): ReactNode {
  const token = frame.token!;
  if (token.hidden) {
    // paragraphs inside tight lists
    return <Fragment key={key}>{frame.children}</Fragment>;
  }
  const href = token.attrGet('href');
  if (token.type === 'link_open') {
    const target = typeof href === 'string' ? href : '';
    if (/^(person|community):/.test(target)) {
      return (
        <span key={key} className="md-mention">
          @{frame.children}
        </span>
      );
    }
    const safe = safeHref(target);
    return safe ? (
      <a key={key} href={safe} target="_blank" rel="noopener noreferrer nofollow">
        {frame.children}
      </a>
    ) : (
      <Fragment key={key}>{frame.children}</Fragment>
    );
  }
  if (token.tag === 'ol') {
    const start = Number(token.attrGet('start') ?? 1);
    return (
      <ol key={key} start={Number.isFinite(start) ? start : 1}>
        {frame.children}
      </ol>
    );
  }
  if (BLOCK_TAGS.has(token.tag)) {
    return createElement(token.tag, { key }, ...frame.children);
  }
  return <Fragment key={key}>{frame.children}</Fragment>;
}

function render(tokens: Token[], prefix: string): ReactNode[] {
  const stack: Frame[] = [{ token: null, children: [] }];
  const top = () => stack[stack.length - 1]!;
  tokens.forEach((token, i) => {
    const key = `${prefix}${i}`;
    if (token.nesting === 1) {
      stack.push({ token, children: [] });
      return;
    }
    if (token.nesting === -1) {
      const frame = stack.pop()!;
      top().children.push(closeElement(frame, key));
      return;
    }
    switch (token.type) {
      case 'inline':
        top().children.push(...render(token.children ?? [], `${key}-`));
        break;
      case 'text': {
        // the "@" in front of a mention link belongs inside the mention chip
        const next = tokens[i + 1];
        const content =
          next?.type === 'link_open' && /^(person|community):/.test(String(next.attrGet('href') ?? '')) && token.content.endsWith('@')
            ? token.content.slice(0, -1)
            : token.content;
        top().children.push(...withHashtags(content, key));
        break;
      }
      case 'code_inline':
        top().children.push(<code key={key}>{token.content}</code>);
        break;
      case 'code_block':
      case 'fence':
        top().children.push(
          <pre key={key}>
            <code>{token.content}</code>
          </pre>,
        );
        break;
      case 'softbreak':
      case 'hardbreak':
        top().children.push(<br key={key} />);
        break;
      case 'hr':
        top().children.push(<hr key={key} />);
        break;
      case 'image':
        top().children.push(token.content);
        break;
      default:
        if (token.content) {
          top().children.push(token.content);
        }
    }
  });
  while (stack.length > 1) {
    const frame = stack.pop()!;
    top().children.push(closeElement(frame, `${prefix}x${stack.length}`));
  }
  return stack[0]!.children;
}

/** Markdown source as React elements (text only, links checked), for the preview. */
export default function MarkdownRender({ source }: { source: string }) {
  return <>{render(md.parse(source, {}), 'm')}</>;
}
