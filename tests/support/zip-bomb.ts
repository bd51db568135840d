/**
 * Hostile ZIP archives for tests: one DEFLATE stream of a large run of bytes, compressed once and
 * stored under many names (that is what makes a small file expand enormously); the sizes written
 * into the headers can be made to lie.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface BombPart {
  name: string;
  expandedBytes: number;
  /** What the headers claim the entry expands to (default: the truth). */
  declaredBytes?: number;
}

const streams = new Map<number, { deflated: Buffer; crc: number }>();

function deflatedRun(bytes: number) {
  let s = streams.get(bytes);
  if (!s) {
    const raw = Buffer.alloc(bytes, 0x20);
    s = { deflated: deflateRawSync(raw, { level: 9 }), crc: crc32(raw) };
    streams.set(bytes, s);
  }
  return s;
}

/** A ZIP archive of the given parts (and small ordinary ones), built by hand. */
export function zipBomb(parts: BombPart[], ordinary: Record<string, string> = {}): Buffer {
  const entries = [
    ...Object.entries(ordinary).map(([name, text]) => {
      const raw = Buffer.from(text);
      return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length, declared: raw.length };
    }),
    ...parts.map((p) => {
      const s = deflatedRun(p.expandedBytes);
      return { name: p.name, data: s.deflated, crc: s.crc, size: p.expandedBytes, declared: p.declaredBytes ?? p.expandedBytes };
    }),
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
