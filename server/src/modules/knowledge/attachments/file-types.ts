/**
 * The file types a knowledge base accepts, recognised by extension AND content (magic bytes or
 * valid UTF-8 text); a file whose content does not match its name is refused. No HTML or SVG:
 * they could carry script to anyone who opens them.
 */
import { strFromU8 } from 'fflate';
import { inspectZip } from '../../../core/archive/inspect-zip';
import { htmlToText } from '../content/sanitize';

interface FileType { mime: string; check: (b: Buffer) => boolean; text?: 'utf8' | 'ooxml' }

const starts = (sig: number[], offset = 0) => (b: Buffer) => sig.every((byte, i) => b[offset + i] === byte);
const zip = starts([0x50, 0x4b, 0x03, 0x04]);
const ole = starts([0xd0, 0xcf, 0x11, 0xe0]);
function utf8Text(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export const FILE_TYPES: Record<string, FileType> = {
  pdf: { mime: 'application/pdf', check: starts([0x25, 0x50, 0x44, 0x46]) },
  png: { mime: 'image/png', check: starts([0x89, 0x50, 0x4e, 0x47]) },
  jpg: { mime: 'image/jpeg', check: starts([0xff, 0xd8, 0xff]) },
  jpeg: { mime: 'image/jpeg', check: starts([0xff, 0xd8, 0xff]) },
  gif: { mime: 'image/gif', check: starts([0x47, 0x49, 0x46, 0x38]) },
  webp: { mime: 'image/webp', check: (b) => starts([0x52, 0x49, 0x46, 0x46])(b) && starts([0x57, 0x45, 0x42, 0x50], 8)(b) },
  mp4: { mime: 'video/mp4', check: starts([0x66, 0x74, 0x79, 0x70], 4) },
  m4a: { mime: 'audio/mp4', check: starts([0x66, 0x74, 0x79, 0x70], 4) },
  mp3: { mime: 'audio/mpeg', check: (b) => starts([0x49, 0x44, 0x33])(b) || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0) },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: zip, text: 'ooxml' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: zip, text: 'ooxml' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', check: zip, text: 'ooxml' },
  doc: { mime: 'application/msword', check: ole },
  xls: { mime: 'application/vnd.ms-excel', check: ole },
  ppt: { mime: 'application/vnd.ms-powerpoint', check: ole },
  txt: { mime: 'text/plain; charset=utf-8', check: utf8Text, text: 'utf8' },
  md: { mime: 'text/markdown; charset=utf-8', check: utf8Text, text: 'utf8' },
  csv: { mime: 'text/csv; charset=utf-8', check: utf8Text, text: 'utf8' },
};

export const extensionOf = (name: string) => (/\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? '').toLowerCase();

/** The file's type when its name and content agree, else null. */
export function detectType(name: string, data: Buffer): (FileType & { ext: string }) | null {
  const ext = extensionOf(name);
  const type = FILE_TYPES[ext];
  return type && data.length > 0 && type.check(data) ? { ...type, ext } : null;
}

const OOXML_TEXT = /^(word\/(document|header\d*|footer\d*)\.xml|xl\/sharedStrings\.xml|ppt\/slides\/slide\d+\.xml|docProps\/(core|app)\.xml)$/;

/**
 * The readable text of a file, for screening. Office Open XML documents are inspected as archives
 * (inspectZip: a zip bomb is refused, off the event loop) and their text parts read, capped in
 * size, so that markings in headers and footers are found too. PDF, legacy Office and media are
 * screened by file name only.
 */
export async function extractText(type: FileType, data: Buffer, maxBytes = 20 * 1024 * 1024): Promise<string> {
  if (type.text === 'utf8') return data.toString('utf8');
  if (type.text !== 'ooxml') return '';
  const { kept } = await inspectZip(data, { keep: OOXML_TEXT, keepBytes: maxBytes });
  return [...kept.values()].map((bytes) => htmlToText(strFromU8(bytes).replace(/<\/w:p>|<\/a:p>|<\/si>/g, '$&\n'))).join('\n');
}
