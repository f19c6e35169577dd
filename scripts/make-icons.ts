import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateSync } from "node:zlib";

/**
 * Draws the Teams app icons from simple shapes and writes them as PNG with node:zlib only:
 * manifest/color.png (192×192, white padlock on a #0F6CBD rounded square) and
 * manifest/outline.png (32×32, white padlock on transparent — Teams accepts only white and transparency there).
 * Run with `node bin/run-ts.js scripts/make-icons.ts`.
 */

type Rgba = readonly [number, number, number, number];
/** Whether a point of the unit square (x right, y down, both 0..1) is inside a shape. */
type Shape = (x: number, y: number) => boolean;

const BLUE: Rgba = [0x0f, 0x6c, 0xbd, 255];
const WHITE: Rgba = [255, 255, 255, 255];

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(4 + typeAndData.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** 8-bit RGBA, non-interlaced; every scanline uses filter type 0 (None). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth, colour type RGBA, deflate, adaptive filtering, no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return dx * dx + dy * dy <= r * r;
};
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);
/** The shape drawn into the square [x0, x0 + size] × [y0, y0 + size]. */
const placed = (s: Shape, x0: number, y0: number, size: number): Shape => (x, y) => s((x - x0) / size, (y - y0) / size);

const shackle: Shape = (x, y) => {
  const d = Math.hypot(x - 0.5, y - 0.4);
  return (y <= 0.4 && d >= 0.2 && d <= 0.32) || rect(0.18, 0.4, 0.3, 0.5)(x, y) || rect(0.7, 0.4, 0.82, 0.5)(x, y);
};
const body = roundedRect(0, 0.46, 1, 1, 0.1);
const keyhole = union(circle(0.5, 0.67, 0.09), rect(0.455, 0.67, 0.545, 0.86));
/** Padlock in its own unit square: shackle on top, body below, the keyhole left open. */
const padlock = minus(union(shackle, body), keyhole);

interface Layer {
  readonly shape: Shape;
  readonly color: Rgba;
}

/** Paints layers bottom-up with n×n supersampling per pixel for smooth edges. */
function render(size: number, layers: readonly Layer[], n = 4): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { shape, color } of layers) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) for (let sx = 0; sx < n; sx++) if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
        const ca = (hits / (n * n)) * (color[3] / 255);
        const outA = ca + a * (1 - ca);
        if (outA > 0) {
          r = (color[0] * ca + r * a * (1 - ca)) / outA;
          g = (color[1] * ca + g * a * (1 - ca)) / outA;
          b = (color[2] * ca + b * a * (1 - ca)) / outA;
        }
        a = outA;
      }
      const i = (py * size + px) * 4;
      // Fully transparent pixels are stored as transparent white, so the outline icon holds white only.
      out.set(a === 0 ? [255, 255, 255, 0] : [Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], i);
    }
  }
  return out;
}

export function colorIcon(): Buffer {
  const size = 192;
  return encodePng(size, size, render(size, [
    { shape: roundedRect(0, 0, 1, 1, 0.18), color: BLUE },
    { shape: placed(padlock, 0.25, 0.22, 0.5), color: WHITE },
  ]));
}

export function outlineIcon(): Buffer {
  const size = 32;
  return encodePng(size, size, render(size, [{ shape: placed(padlock, 0.09, 0.07, 0.82), color: WHITE }], 8));
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const dir = fileURLToPath(new URL("../manifest/", import.meta.url));
  writeFileSync(resolve(dir, "color.png"), colorIcon());
  writeFileSync(resolve(dir, "outline.png"), outlineIcon());
  console.log(`wrote ${resolve(dir, "color.png")} and ${resolve(dir, "outline.png")}`);
}
