import { fillRoundedRect, hexColour } from './raster';
import { createRgbaImage, type RgbaImage } from './rgba-image';

/** Also the manifest's accentColor, so the tile behind the icon matches it. */
export const ACCENT_COLOUR = '#1F3A68';

const RAG_COLOURS = ['#E0393E', '#F5A623', '#3BB54A'];
const WHITE = hexColour('#FFFFFF');

/** 192×192: three red/amber/green status bars on a navy rounded square. */
export function drawColourIcon(): RgbaImage {
  const size = 192;
  const image = createRgbaImage(size, size);
  fillRoundedRect(image, { x: 0, y: 0, width: size, height: size, radius: 40 }, hexColour(ACCENT_COLOUR));
  RAG_COLOURS.forEach((colour, row) => {
    fillRoundedRect(
      image,
      { x: 36, y: 40 + row * 42, width: 120, height: 28, radius: 14 },
      hexColour(colour),
    );
  });
  return image;
}

/** 32×32: the same three bars in white on a transparent background, as Teams requires. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const image = createRgbaImage(size, size);
  for (let row = 0; row < 3; row++) {
    fillRoundedRect(image, { x: 4, y: 4 + row * 9, width: 24, height: 6, radius: 3 }, WHITE);
  }
  return image;
}
