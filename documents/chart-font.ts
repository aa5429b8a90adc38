import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The chart's typeface, shipped as an npm package so text renders the same on a slim container with no
 * system fonts. Registering reads a file inside node_modules once, like loading a module.
 */
export const CHART_FONT_FAMILY = 'BoardPackSans';

let registered = false;

export function ensureChartFont(): void {
  if (registered) return;
  for (const weight of ['400', '700']) {
    const file = require.resolve(`@fontsource/open-sans/files/open-sans-latin-${weight}-normal.woff2`);
    GlobalFonts.registerFromPath(file, CHART_FONT_FAMILY);
  }
  registered = true;
}
