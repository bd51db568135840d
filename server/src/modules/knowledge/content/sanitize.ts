/**
 * Everything a person writes into a knowledge base passes through here before it is stored:
 * rich text through an allow-list HTML sanitiser, titles, comments and file names through
 * neutralise*(), which leaves plain text with no markup at all (angle brackets become their
 * full-width forms, so even a client that wrongly renders them as HTML shows text).
 */
import sanitizeHtml from 'sanitize-html';

const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'sub', 'sup', 'mark',
    'blockquote', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'img', 'video', 'audio', 'figure', 'figcaption',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'span', 'div',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'data-attachment-id'],
    video: ['src', 'poster', 'controls', 'width', 'height', 'data-attachment-id'],
    audio: ['src', 'controls', 'data-attachment-id'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    code: ['class'],
    pre: ['class'],
    '*': ['style'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/], pre: [/^language-[\w-]+$/] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center|justify)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], video: ['http', 'https'], audio: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The content of these is dropped along with the tag, never shown as text.
  nonTextTags: ['script', 'style', 'textarea', 'noscript', 'title', 'iframe', 'object', 'embed', 'template'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', ...(attribs.target && { target: '_blank' }) } }),
  },
};

/** Sanitises rich text (HTML) against the allow-list. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH_TEXT).trim();
}

const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

/** Removes every tag (and the content of script-like tags), then disarms what could still read as markup. */
function stripMarkup(text: string): string {
  const stripped = decode(sanitizeHtml(text, { allowedTags: [], allowedAttributes: {}, nonTextTags: RICH_TEXT.nonTextTags }));
  return stripped
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** A title: plain text on one line. */
export function neutraliseTitle(text: string): string {
  return stripMarkup(text).replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** A comment: plain text, line breaks kept. */
export function neutraliseComment(text: string): string {
  return stripMarkup(text).replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A file name: plain text without path separators or leading dots, extension kept. */
export function neutraliseFileName(name: string): string {
  const cleaned = stripMarkup(name)
    .replace(/[\\/:*?"|]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  if (cleaned.length <= 255) return cleaned || 'file';
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 255 - ext.length) + ext;
}

/** The readable text of rich text (search, snippets, screening). Block ends become line breaks. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<(br|\/p|\/h[1-6]|\/li|\/tr|\/div|\/blockquote|\/pre|hr)[^>]*>/gi, '$&\n');
  return decode(sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: RICH_TEXT.nonTextTags }))
    .replace(/&nbsp;/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** Escapes text for inclusion in HTML (snippets, exports). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
