import markdownIt, { type MarkdownIt, type StateInline, type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * The Markdown people write posts and comments in: a deliberately small subset (paragraphs, line
 * breaks, bold, italics, links, lists, quotes, code), plus mentions and hashtags. User content is
 * hostile: raw HTML is never parsed, links are limited to http, https and mailto, and the rendered
 * HTML goes through an allow-list sanitiser as a second, independent layer.
 */

export interface RenderedMarkdown {
  /** Sanitised HTML, safe to insert into a page. */
  html: string;
  /** Ids mentioned with `@[Name](person:<id>)` and `@[Name](community:<id>)`, first appearance first, without repeats. */
  mentions: { people: string[]; communities: string[] };
  /** Lower-cased hashtags, first appearance first, without repeats. */
  hashtags: string[];
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const MENTION = new RegExp(`^@\\[([^\\[\\]\\n]{1,100})\\]\\((person|community):(${UUID})\\)`);
/** Letters, digits, `_` and `-`; at least one letter, so that "issue #42" is not a tag. */
const TAG_CHARS = /^[\p{L}\p{N}_-]+/u;
const HAS_LETTER = /\p{L}/u;
/** What may stand right before a `#` that starts a tag: the start, a space, or opening punctuation. */
const TAG_BOUNDARY = /[\s([{"'“‘«>]/u;
const MAX_TAG = 50;
const SAFE_LINK = /^(https?:|mailto:)/i;
const INTERNAL_LINK = /^\/(people|communities|hashtags)\/[^/?#\s]+$/;
/**
 * The only pictures long-form text may show: uploads served by this application (an attachment, or an
 * image an article keeps), so a reader's browser never fetches anything from elsewhere.
 */
const OWN_IMAGE = new RegExp(`^/api/(attachments/${UUID}(/thumb)?|articles/${UUID}/images/${UUID})$`);

/** A hashtag as stored and linked: lower-case, 2–50 characters; null for anything that is not one. */
export function normalizeHashtag(raw: string): string | null {
  const tag = raw.replace(/^#/, '').toLowerCase();
  const match = TAG_CHARS.exec(tag);
  if (!match || match[0] !== tag || tag.length < 2 || tag.length > MAX_TAG || !HAS_LETTER.test(tag)) {
    return null;
  }
  return tag;
}

function mentionRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */ || state.linkLevel > 0) {
    return false;
  }
  const match = MENTION.exec(state.src.slice(state.pos, Math.min(state.posMax, state.pos + 160)));
  if (!match) {
    return false;
  }
  if (!silent) {
    const token = state.push('mention', '', 0);
    token.meta = { kind: match[2], id: match[3]!.toLowerCase(), name: match[1]!.trim() };
  }
  state.pos += match[0].length;
  return true;
}

function hashtagRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x23 /* # */ || state.linkLevel > 0) {
    return false;
  }
  const before = state.pos > 0 ? state.src.charAt(state.pos - 1) : '';
  if (before !== '' && !TAG_BOUNDARY.test(before)) {
    return false;
  }
  const match = TAG_CHARS.exec(state.src.slice(state.pos + 1, Math.min(state.posMax, state.pos + 1 + MAX_TAG + 2)));
  if (!match) {
    return false;
  }
  // A tag never ends in a dash ("#release-" is "#release" followed by "-").
  const written = match[0].replace(/-+$/, '');
  const next = state.src.charAt(state.pos + 1 + written.length);
  if (/^[\p{L}\p{N}_]$/u.test(next)) {
    return false; // longer than a tag may be
  }
  const tag = normalizeHashtag(written);
  if (!tag) {
    return false;
  }
  if (!silent) {
    const token = state.push('hashtag', '', 0);
    token.meta = { tag, written };
  }
  state.pos += 1 + written.length;
  return true;
}

function createRenderer(rich: boolean): MarkdownIt {
  const md = markdownIt('zero', { html: false, linkify: true, breaks: true, maxNesting: 20 });
  md.enable(['blockquote', 'list', 'code', 'fence'], true);
  md.enable(['newline', 'escape', 'backticks', 'emphasis', 'link', 'autolink', 'entity', 'linkify'], true);
  if (rich) {
    md.enable(['heading', 'hr', 'image'], true);
  }
  // Bare domains stay text ("readme.md" is not a link); addresses with a scheme and e-mail addresses are linked.
  md.linkify.set({ fuzzyLink: false, fuzzyIP: false, fuzzyEmail: true });
  md.validateLink = (url) => SAFE_LINK.test(url.trim()) || (rich && OWN_IMAGE.test(url.trim()));
  md.inline.ruler.before('link', 'mention', mentionRule);
  md.inline.ruler.before('link', 'hashtag', hashtagRule);

  const escape = md.utils.escapeHtml;
  md.renderer.rules.mention = (tokens: Token[], idx: number) => {
    const { kind, id, name } = tokens[idx]!.meta as { kind: 'person' | 'community'; id: string; name: string };
    const href = kind === 'person' ? `/people/${id}` : `/communities/${id}`;
    return `<a class="mention" href="${href}">@${escape(name)}</a>`;
  };
  md.renderer.rules.hashtag = (tokens: Token[], idx: number) => {
    const { tag, written } = tokens[idx]!.meta as { tag: string; written: string };
    return `<a class="hashtag" href="/hashtags/${encodeURIComponent(tag)}">#${escape(written)}</a>`;
  };
  md.renderer.rules.link_open = (tokens: Token[], idx: number, options, _env, self) => {
    const token = tokens[idx]!;
    token.attrSet('rel', 'noopener noreferrer nofollow');
    token.attrSet('target', '_blank');
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

const md = createRenderer(false);
const richMd = createRenderer(true);

/** The second layer: whatever the renderer produced, only these tags and attributes survive. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'rel', 'target', 'class'], ol: ['start'], code: ['class'] },
  allowedClasses: { a: ['mention', 'hashtag'], code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  transformTags: {
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = (attribs.href ?? '').trim();
      if (SAFE_LINK.test(href)) {
        return { tagName, attribs: { href, rel: 'noopener noreferrer nofollow', target: '_blank' } };
      }
      if (INTERNAL_LINK.test(href) && (attribs.class === 'mention' || attribs.class === 'hashtag')) {
        return { tagName, attribs: { href, class: attribs.class } };
      }
      return { tagName, attribs: {} };
    },
  },
};

/**
 * Long-form text (articles) adds headings (a page has one title, so the text's own start at level 2),
 * rules and pictures uploaded here; everything else is as in posts.
 */
const SANITIZE_RICH: sanitizeHtml.IOptions = {
  ...SANITIZE,
  allowedTags: [...(SANITIZE.allowedTags as string[]), 'h2', 'h3', 'h4', 'hr', 'img'],
  allowedAttributes: { ...SANITIZE.allowedAttributes, img: ['src', 'alt', 'loading'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  transformTags: {
    ...SANITIZE.transformTags,
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    img: (tagName, attribs): sanitizeHtml.Tag => {
      const src = (attribs.src ?? '').trim();
      return OWN_IMAGE.test(src) ? { tagName, attribs: { src, alt: attribs.alt ?? '', loading: 'lazy' } } : { tagName, attribs: {} };
    },
  },
  // A picture from anywhere else is dropped whole rather than left as an empty tag.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

function collect(tokens: Token[], found: { people: Set<string>; communities: Set<string>; hashtags: Set<string> }): void {
  for (const t of tokens) {
    if (t.type === 'mention') {
      const { kind, id } = t.meta as { kind: 'person' | 'community'; id: string };
      (kind === 'person' ? found.people : found.communities).add(id);
    } else if (t.type === 'hashtag') {
      found.hashtags.add((t.meta as { tag: string }).tag);
    } else if (t.children) {
      collect(t.children, found);
    }
  }
}

/**
 * Renders Markdown to sanitised HTML and lists the people, communities and hashtags it mentions.
 * `rich` (articles) also renders headings, rules and pictures uploaded to this application.
 */
export function renderMarkdown(source: string, opts: { rich?: boolean } = {}): RenderedMarkdown {
  const env = {};
  const renderer = opts.rich ? richMd : md;
  const tokens = renderer.parse(source, env);
  const found = { people: new Set<string>(), communities: new Set<string>(), hashtags: new Set<string>() };
  collect(tokens, found);
  const html = sanitizeHtml(renderer.renderer.render(tokens, renderer.options, env), opts.rich ? SANITIZE_RICH : SANITIZE).trim();
  return {
    html,
    mentions: { people: [...found.people], communities: [...found.communities] },
    hashtags: [...found.hashtags],
  };
}
