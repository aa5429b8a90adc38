import fs from 'node:fs';
import path from 'node:path';
import type { PackagingConfig } from '../../bot/config';
import { fillPlaceholders, findPlaceholders } from './fill-placeholders';
import { checkColourIcon, checkOutlineIcon } from './icon-checks';
import { validateManifestSchema } from './manifest-schema';
import { menuCommandLists } from '../../domain/commands';
import { checkTeamsUploadRules } from './teams-upload-rules';
import { createZip, type ZipEntry } from './zip-writer';

export const MANIFEST_FILE = 'manifest.json';
export const PACKAGE_FILE = 'appPackage.zip';

export interface BuildAppPackageOptions {
  /** Holds manifest.json (with `${{...}}` placeholders) and the icons it names. */
  manifestDir: string;
  /** Where appPackage.zip is written; created if missing. */
  outDir: string;
  settings: PackagingConfig;
  /** package.json's version: the manifest's `version`, so bumping it lets Teams take a re-upload. */
  appVersion: string;
}

export type AppPackageResult = { ok: true; zipPath: string } | { ok: false; problems: string[] };

type Prepared = { entries: ZipEntry[]; problems: [] } | { entries?: undefined; problems: string[] };

export async function buildAppPackage({
  manifestDir,
  outDir,
  settings,
  appVersion,
}: BuildAppPackageOptions): Promise<AppPackageResult> {
  const zipPath = path.join(outDir, PACKAGE_FILE);
  const prepared = await prepareEntries(manifestDir, settings, appVersion);
  if (!prepared.entries) {
    // A package left over from an earlier run must not be mistaken for this one's.
    fs.rmSync(zipPath, { force: true });
    return { ok: false, problems: prepared.problems };
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(zipPath, await createZip(prepared.entries));
  return { ok: true, zipPath };
}

async function prepareEntries(
  manifestDir: string,
  settings: PackagingConfig,
  appVersion: string,
): Promise<Prepared> {
  const manifestPath = path.join(manifestDir, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) return { problems: [`${MANIFEST_FILE} not found in ${manifestDir}`] };

  const values = {
    TEAMS_APP_ID: settings.teamsAppId,
    BOT_ID: settings.botId,
    BOT_DOMAIN: settings.botDomain,
    APP_VERSION: appVersion,
  };
  const manifestText = fillPlaceholders(fs.readFileSync(manifestPath, 'utf8'), values);
  const known = Object.keys(values)
    .map((name) => `\${{${name}}}`)
    .join(', ');
  const problems = findPlaceholders(manifestText).map(
    (placeholder) => `${MANIFEST_FILE}: ${placeholder} was not filled; the placeholders filled are ${known}`,
  );

  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch (error) {
    return { problems: [...problems, `${MANIFEST_FILE} is not valid JSON: ${(error as Error).message}`] };
  }

  const menuProblems = addCommandMenus(manifest);
  const manifestProblems = [
    ...menuProblems,
    ...checkVersionFollowsPackage(manifest, appVersion),
    ...(await validateManifestSchema(manifest)),
    ...checkTeamsUploadRules(manifest),
  ];
  problems.push(...manifestProblems.map((problem) => `${MANIFEST_FILE}: ${problem}`));

  const filled = `${JSON.stringify(manifest, null, 2)}\n`;
  const entries: ZipEntry[] = [{ name: MANIFEST_FILE, data: Buffer.from(filled, 'utf8') }];
  const icons = (manifest as { icons?: { color?: unknown; outline?: unknown } } | null)?.icons;
  for (const [field, check] of [
    ['color', checkColourIcon],
    ['outline', checkOutlineIcon],
  ] as const) {
    const relativePath = icons?.[field];
    if (typeof relativePath !== 'string') continue; // the schema check has already reported it
    const icon = readIcon(manifestDir, field, relativePath);
    if ('problem' in icon) {
      problems.push(icon.problem);
      continue;
    }
    problems.push(...check(relativePath, icon.data));
    if (!entries.some((entry) => entry.name === icon.name)) entries.push(icon);
  }

  return problems.length > 0 ? { problems } : { entries, problems: [] };
}

/** Teams' command menus come from the command catalogue, so help and the menus cannot drift apart. */
function addCommandMenus(manifest: unknown): string[] {
  const bots = (manifest as { bots?: unknown } | null)?.bots;
  if (!Array.isArray(bots)) return []; // the schema check reports it
  const problems: string[] = [];
  bots.forEach((bot: Record<string, unknown> | null, index) => {
    if (typeof bot !== 'object' || bot === null) return;
    if (bot.commandLists !== undefined) {
      problems.push(
        `/bots/${index}/commandLists is written from the command catalogue (domain/commands): remove it from ${MANIFEST_FILE}`,
      );
      return;
    }
    bot.commandLists = menuCommandLists();
  });
  return problems;
}

function checkVersionFollowsPackage(manifest: unknown, appVersion: string): string[] {
  const version = (manifest as { version?: unknown } | null)?.version;
  return typeof version === 'string' && version !== appVersion
    ? [`/version must be \${{APP_VERSION}} (package.json's version, ${appVersion}), is "${version}"`]
    : [];
}

function readIcon(manifestDir: string, field: string, relativePath: string): ZipEntry | { problem: string } {
  const fullPath = path.resolve(manifestDir, relativePath);
  const inside = path.relative(path.resolve(manifestDir), fullPath);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    return {
      problem: `${MANIFEST_FILE}: /icons/${field} must name a file inside ${manifestDir}, is "${relativePath}"`,
    };
  }
  if (!fs.existsSync(fullPath)) return { problem: `${relativePath} not found in ${manifestDir}` };
  return { name: inside.split(path.sep).join('/'), data: fs.readFileSync(fullPath) };
}
