/** 8-bit RGBA pixels, row by row, four bytes a pixel, not premultiplied. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function createRgbaImage(width: number, height: number): RgbaImage {
  return { width, height, pixels: new Uint8Array(width * height * 4) };
}
