import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadPackagingConfig } from '../bot/config';
import { buildAppPackage } from './app-package/build-app-package';
import { answeredHelp } from './support/help-flag';
import { settingsOrSay } from './support/settings-or-say';

/**
 * `npm run package [-- --manifest-dir manifest --out-dir build]`: fills and checks the Teams app manifest
 * and writes the app package to upload to Teams. Needs BOT_ID and BOT_DOMAIN (TEAMS_APP_ID is optional);
 * the app's version is package.json's, so `npm version patch` before a re-upload.
 */
const USAGE = `Usage: npm run package -- [--manifest-dir manifest] [--out-dir build]

Fills and checks the Teams app manifest (its command menus come from the command catalogue) and writes the
app package to upload to Teams. Needs BOT_ID and BOT_DOMAIN; TEAMS_APP_ID is optional.`;

async function main(): Promise<number> {
  if (answeredHelp(USAGE)) return 0;
  const { values } = parseArgs({
    options: {
      'manifest-dir': { type: 'string', default: 'manifest' },
      'out-dir': { type: 'string', default: 'build' },
    },
  });

  const settings = settingsOrSay(loadPackagingConfig);
  if (!settings) return 1;

  const result = await buildAppPackage({
    manifestDir: path.resolve(values['manifest-dir']),
    outDir: path.resolve(values['out-dir']),
    settings,
    appVersion: readPackageVersion(),
  });
  if (!result.ok) {
    console.error(
      `The Teams app package was not built:\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    return 1;
  }
  console.log(result.zipPath);
  return 0;
}

/** dist/scripts/package-app.js → the repository's package.json, whatever the working directory. */
function readPackageVersion(): string {
  const packageJson = path.join(__dirname, '..', '..', 'package.json');
  return z.object({ version: z.string() }).parse(JSON.parse(fs.readFileSync(packageJson, 'utf8'))).version;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
