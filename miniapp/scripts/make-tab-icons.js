#!/usr/bin/env node
/**
 * Draws the tab bar icons (81×81 PNG, grey and selected blue) into src/assets/tab/. Run once when
 * they change: `node miniapp/scripts/make-tab-icons.js`. Plain shapes, no image tooling needed.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 81;
const COLORS = { normal: [138, 143, 153], active: [31, 111, 235] };

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(inside, rgb) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      // 3×3 supersampling for smooth edges.
      let cover = 0;
      for (let sy = 0; sy < 3; sy++) for (let sx = 0; sx < 3; sx++) if (inside((x + (sx + 0.5) / 3) / SIZE, (y + (sy + 0.5) / 3) / SIZE)) cover++;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = Math.round((cover / 9) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const frame = (x0, y0, x1, y1, w) => (x, y) => rect(x0, y0, x1, y1)(x, y) && !rect(x0 + w, y0 + w, x1 - w, y1 - w)(x, y);
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= w / 2;
};
const any = (...fs) => (x, y) => fs.some((f) => f(x, y));
const W = 0.07;

const icons = {
  home: any(segment(0.12, 0.5, 0.5, 0.15, W), segment(0.5, 0.15, 0.88, 0.5, W), frame(0.22, 0.45, 0.78, 0.88, W), rect(0.43, 0.62, 0.57, 0.88)),
  knowledge: any(frame(0.18, 0.14, 0.82, 0.86, W), segment(0.32, 0.14, 0.32, 0.86, W), segment(0.45, 0.36, 0.7, 0.36, W), segment(0.45, 0.52, 0.7, 0.52, W)),
  tasks: any(frame(0.16, 0.16, 0.84, 0.84, W), segment(0.3, 0.5, 0.45, 0.65, W), segment(0.45, 0.65, 0.72, 0.36, W)),
  me: any(ring(0.5, 0.34, 0.16, W), (x, y) => y >= 0.62 && ring(0.5, 0.98, 0.34, W)(x, y)),
};

const out = path.join(__dirname, '..', 'src', 'assets', 'tab');
fs.mkdirSync(out, { recursive: true });
for (const [name, shape] of Object.entries(icons)) {
  fs.writeFileSync(path.join(out, `${name}.png`), png(shape, COLORS.normal));
  fs.writeFileSync(path.join(out, `${name}-active.png`), png(shape, COLORS.active));
}
console.log(`tab icons written to ${path.relative(process.cwd(), out)}`);
