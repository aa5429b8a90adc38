import type { RgbaImage } from './rgba-image';

/** Channels 0-255. */
export interface Colour {
  r: number;
  g: number;
  b: number;
}

export interface RoundedRect {
  x: number;
  y: number;
  width: number;
  height: number;
  radius: number;
}

export function hexColour(hex: string): Colour {
  const value = Number.parseInt(hex.replace(/^#/, ''), 16);
  return { r: (value >> 16) & 0xff, g: (value >> 8) & 0xff, b: value & 0xff };
}

const SAMPLES_PER_AXIS = 4;

/** Paints an anti-aliased, opaque rounded rectangle over whatever is already there (source-over). */
export function fillRoundedRect(image: RgbaImage, rect: RoundedRect, colour: Colour): void {
  const left = Math.max(0, Math.floor(rect.x));
  const top = Math.max(0, Math.floor(rect.y));
  const right = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const bottom = Math.min(image.height, Math.ceil(rect.y + rect.height));
  for (let py = top; py < bottom; py++) {
    for (let px = left; px < right; px++) {
      const coverage = coverageOf(rect, px, py);
      if (coverage > 0) blend(image, px, py, colour, coverage);
    }
  }
}

function coverageOf(rect: RoundedRect, px: number, py: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES_PER_AXIS; sy++) {
    for (let sx = 0; sx < SAMPLES_PER_AXIS; sx++) {
      const x = px + (sx + 0.5) / SAMPLES_PER_AXIS;
      const y = py + (sy + 0.5) / SAMPLES_PER_AXIS;
      if (isInside(rect, x, y)) inside++;
    }
  }
  return inside / SAMPLES_PER_AXIS ** 2;
}

function isInside(rect: RoundedRect, x: number, y: number): boolean {
  if (x < rect.x || y < rect.y || x > rect.x + rect.width || y > rect.y + rect.height) return false;
  const dx = Math.max(rect.x + rect.radius - x, 0, x - (rect.x + rect.width - rect.radius));
  const dy = Math.max(rect.y + rect.radius - y, 0, y - (rect.y + rect.height - rect.radius));
  return dx * dx + dy * dy <= rect.radius * rect.radius;
}

function blend(image: RgbaImage, px: number, py: number, colour: Colour, alpha: number): void {
  const at = (py * image.width + px) * 4;
  const below = image.pixels[at + 3] / 255;
  const out = alpha + below * (1 - alpha);
  const mix = (source: number, destination: number): number =>
    Math.round((source * alpha + destination * below * (1 - alpha)) / out);
  image.pixels[at] = mix(colour.r, image.pixels[at]);
  image.pixels[at + 1] = mix(colour.g, image.pixels[at + 1]);
  image.pixels[at + 2] = mix(colour.b, image.pixels[at + 2]);
  image.pixels[at + 3] = Math.round(out * 255);
}
