import fs from 'node:fs';
import path from 'node:path';
import { drawColourIcon, drawOutlineIcon } from './icon-design';
import { encodePng } from './png-encoder';

/**
 * Redraws manifest/color.png and manifest/outline.png. Run once after changing the design and commit
 * the PNGs: `npm run build && node dist/scripts/app-package/draw-icons.js [manifest-dir]`.
 */
function main(): void {
  const manifestDir = path.resolve(process.argv[2] ?? 'manifest');
  fs.mkdirSync(manifestDir, { recursive: true });
  for (const [fileName, image] of [
    ['color.png', drawColourIcon()],
    ['outline.png', drawOutlineIcon()],
  ] as const) {
    const filePath = path.join(manifestDir, fileName);
    fs.writeFileSync(filePath, encodePng(image));
    console.log(`Wrote ${filePath} (${image.width}×${image.height})`);
  }
}

main();
