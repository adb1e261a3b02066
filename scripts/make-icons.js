#!/usr/bin/env node
// Generates the add-in icons (assets/icon-16.png, -32, -64, -80) with no dependencies:
// a blue rounded square with a white "newspaper" page. Run: node scripts/make-icons.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels (size*size*4 bytes) as a PNG file. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BLUE = [0x0f, 0x6c, 0xbd, 0xff]; // Fluent brand blue
const WHITE = [0xff, 0xff, 0xff, 0xff];
const INK = [0x0f, 0x6c, 0xbd, 0xff];
const CLEAR = [0, 0, 0, 0];

/** Draws the icon at `size` px using coordinates on a 16-unit grid, supersampled 4x4. */
function drawIcon(size) {
  const u = size / 16;
  const radius = 3 * u;
  const inRounded = (x, y) => {
    const cx = Math.min(Math.max(x, radius), size - radius);
    const cy = Math.min(Math.max(y, radius), size - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
  const inRect = (x, y, x0, y0, x1, y1) => x >= x0 * u && x < x1 * u && y >= y0 * u && y < y1 * u;
  const colourAt = (x, y) => {
    if (!inRounded(x, y)) return CLEAR;
    if (inRect(x, y, 3.5, 3, 12.5, 13)) {
      // page: a headline bar, then text lines
      if (inRect(x, y, 5, 4.5, 11, 6.5)) return INK;
      for (const top of [8, 10]) if (inRect(x, y, 5, top, 11, top + 1)) return INK;
      return WHITE;
    }
    return BLUE;
  };
  const rgba = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
          // premultiply so transparent samples don't darken edges
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      }
      const o = (y * size + x) * 4;
      const a = acc[3];
      rgba[o] = a ? Math.round(acc[0] / a) : 0;
      rgba[o + 1] = a ? Math.round(acc[1] / a) : 0;
      rgba[o + 2] = a ? Math.round(acc[2] / a) : 0;
      rgba[o + 3] = Math.round(a / (S * S));
    }
  }
  return encodePng(size, rgba);
}

const outDir = path.join(__dirname, '..', 'assets');
fs.mkdirSync(outDir, { recursive: true });
for (const size of [16, 32, 64, 80]) {
  const file = path.join(outDir, `icon-${size}.png`);
  fs.writeFileSync(file, drawIcon(size));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
