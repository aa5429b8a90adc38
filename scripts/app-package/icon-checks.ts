import { decodePng, PngFormatError, readPngHeader } from './png-decoder';

export const COLOUR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export function checkColourIcon(fileName: string, bytes: Buffer): string[] {
  return describePngErrors(fileName, () => checkSize(fileName, bytes, COLOUR_ICON_SIZE));
}

/** Teams draws the outline icon as a mask: every pixel must be white (any opacity) or fully transparent. */
export function checkOutlineIcon(fileName: string, bytes: Buffer): string[] {
  return describePngErrors(fileName, () => {
    const problems = checkSize(fileName, bytes, OUTLINE_ICON_SIZE);
    const { width, pixels } = decodePng(bytes);
    let transparent = 0;
    let offending = 0;
    let firstOffender = '';
    for (let at = 0; at < pixels.length; at += 4) {
      const [r, g, b, a] = pixels.subarray(at, at + 4);
      if (a === 0) {
        transparent++;
      } else if (r !== 255 || g !== 255 || b !== 255) {
        if (offending++ === 0) {
          const pixel = at / 4;
          firstOffender = `(${pixel % width}, ${Math.floor(pixel / width)}) is rgba(${r}, ${g}, ${b}, ${a})`;
        }
      }
    }
    const total = pixels.length / 4;
    if (offending > 0) {
      problems.push(
        `${fileName} must be white on a transparent background: ${offending} of ${total} pixels are neither, first ${firstOffender}`,
      );
    }
    if (transparent === 0)
      problems.push(`${fileName} must have a transparent background: no pixel is transparent`);
    if (transparent === total) problems.push(`${fileName} is blank: every pixel is transparent`);
    return problems;
  });
}

function checkSize(fileName: string, bytes: Buffer, size: number): string[] {
  const { width, height } = readPngHeader(bytes);
  return width === size && height === size
    ? []
    : [`${fileName} must be ${size}×${size}, is ${width}×${height}`];
}

function describePngErrors(fileName: string, check: () => string[]): string[] {
  try {
    return check();
  } catch (error) {
    if (error instanceof PngFormatError) return [`${fileName} ${error.message}`];
    throw error;
  }
}
