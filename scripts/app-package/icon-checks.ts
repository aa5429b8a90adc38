import { PNG } from 'pngjs';

export const COLOUR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** Teams crops the colour icon to its central 96×96 in some places, so the symbol must fit there. */
export const COLOUR_ICON_SAFE_AREA = 96;

interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, whatever the file's colour type (pngjs expands palettes and greys). */
  data: Buffer;
}

type Rgba = [number, number, number, number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Teams' rules for the colour icon: 192×192, a full-bleed square (no transparent or translucent pixel, so no
 * rounded corners), and the symbol inside the central 96×96 safe area: everything outside it is the background.
 */
export function checkColourIcon(fileName: string, bytes: Buffer): string[] {
  return withPixels(fileName, bytes, COLOUR_ICON_SIZE, ({ width, data }) => {
    const notOpaque = findPixels(data, width, (pixel) => pixel[3] !== 255);
    if (notOpaque.count > 0) {
      // Without an opaque background there is no background colour to judge the safe area against.
      return [
        `${fileName} must be a full-bleed square with no transparency: ${notOpaque.count} pixels are not opaque, first ${notOpaque.first}`,
      ];
    }
    const background = pixelAt(data, width, 0, 0);
    const margin = (width - COLOUR_ICON_SAFE_AREA) / 2;
    const inSafeArea = (x: number, y: number) =>
      x >= margin && x < width - margin && y >= margin && y < width - margin;
    const outside = findPixels(
      data,
      width,
      (pixel, x, y) => !inSafeArea(x, y) && !sameColour(pixel, background),
    );
    const problems: string[] = [];
    if (outside.count > 0) {
      problems.push(
        `${fileName} must keep its symbol inside the central ${COLOUR_ICON_SAFE_AREA}×${COLOUR_ICON_SAFE_AREA} area on a plain ${describe(background)} background: ${outside.count} pixels outside it differ, first ${outside.first}`,
      );
    }
    const symbol = findPixels(data, width, (pixel) => !sameColour(pixel, background));
    if (symbol.count === 0) problems.push(`${fileName} is blank: every pixel is ${describe(background)}`);
    return problems;
  });
}

/** Teams draws the outline icon as a mask: every pixel must be white (any opacity) or fully transparent. */
export function checkOutlineIcon(fileName: string, bytes: Buffer): string[] {
  return withPixels(fileName, bytes, OUTLINE_ICON_SIZE, ({ width, data }) => {
    const problems: string[] = [];
    const total = data.length / 4;
    const offending = findPixels(
      data,
      width,
      ([r, g, b, a]) => a !== 0 && (r !== 255 || g !== 255 || b !== 255),
    );
    if (offending.count > 0) {
      problems.push(
        `${fileName} must be white on a transparent background: ${offending.count} of ${total} pixels are neither, first ${offending.first}`,
      );
    }
    const transparent = findPixels(data, width, (pixel) => pixel[3] === 0).count;
    if (transparent === 0)
      problems.push(`${fileName} must have a transparent background: no pixel is transparent`);
    if (transparent === total) problems.push(`${fileName} is blank: every pixel is transparent`);
    return problems;
  });
}

function withPixels(
  fileName: string,
  bytes: Buffer,
  size: number,
  check: (pixels: Pixels) => string[],
): string[] {
  if (!bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE))
    return [`${fileName} is not a PNG file`];
  let pixels: Pixels;
  try {
    pixels = PNG.sync.read(bytes);
  } catch (error) {
    // pngjs throws plain Errors for anything it cannot decode; only decoding happens inside this try.
    return [`${fileName} is not a readable PNG file: ${(error as Error).message}`];
  }
  if (pixels.width !== size || pixels.height !== size) {
    return [`${fileName} must be ${size}×${size}, is ${pixels.width}×${pixels.height}`];
  }
  return check(pixels);
}

function pixelAt(data: Buffer, width: number, x: number, y: number): Rgba {
  const at = (y * width + x) * 4;
  return [data[at], data[at + 1], data[at + 2], data[at + 3]];
}

function findPixels(
  data: Buffer,
  width: number,
  matches: (pixel: Rgba, x: number, y: number) => boolean,
): { count: number; first: string } {
  let count = 0;
  let first = '';
  for (let index = 0; index < data.length / 4; index++) {
    const x = index % width;
    const y = Math.floor(index / width);
    const pixel = pixelAt(data, width, x, y);
    if (!matches(pixel, x, y)) continue;
    if (count++ === 0) first = `(${x}, ${y}) is ${describe(pixel)}`;
  }
  return { count, first };
}

function sameColour(a: Rgba, b: Rgba): boolean {
  return a.every((value, channel) => value === b[channel]);
}

function describe([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${a})`;
}
