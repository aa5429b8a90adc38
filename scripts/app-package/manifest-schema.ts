import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

type AppManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type ManifestJsonSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

const TEAMS_SCHEMAS_DIR = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

export function schemaUrlFor(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

/** Manifest versions whose schema ships inside @microsoft/app-manifest, oldest first. */
export function bundledManifestVersions(): string[] {
  return fs
    .readdirSync(TEAMS_SCHEMAS_DIR)
    .filter((entry) => /^v\d+\.\d+$/.test(entry))
    .map((entry) => entry.slice(1))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function loadBundledSchema(manifestVersion: string): ManifestJsonSchema | undefined {
  if (!bundledManifestVersions().includes(manifestVersion)) return undefined;
  const raw = fs.readFileSync(
    path.join(TEAMS_SCHEMAS_DIR, `v${manifestVersion}`, 'MicrosoftTeams.schema.json'),
    'utf8',
  );
  // The same clean-up @microsoft/app-manifest applies: some patterns use \a and \v, which Ajv's unicode regexes reject.
  return JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as ManifestJsonSchema;
}

/**
 * Validates against the schema bundled for the manifest's own manifestVersion; never fetches one.
 * Returns problems as "<JSON pointer> <message>", e.g. "/bots/0/scopes/1 must be equal to one of the allowed values".
 */
export async function validateManifestSchema(manifest: unknown): Promise<string[]> {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return ['must be a JSON object'];
  }
  const { manifestVersion, $schema } = manifest as { manifestVersion?: unknown; $schema?: unknown };
  if (typeof manifestVersion !== 'string') return ["must have required property 'manifestVersion'"];
  const schema = loadBundledSchema(manifestVersion);
  if (!schema) {
    const newest = bundledManifestVersions().at(-1);
    return [`/manifestVersion "${manifestVersion}" has no bundled schema (newest bundled is ${newest})`];
  }
  const problems: string[] = [];
  if ($schema !== undefined && $schema !== schemaUrlFor(manifestVersion)) {
    problems.push(`/$schema must be ${schemaUrlFor(manifestVersion)} for manifestVersion ${manifestVersion}`);
  }
  const failures = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
  problems.push(...failures.map(describeFailure));
  return [...new Set(problems)];
}

/** The library formats failures as "<path> <message>. Details: <params JSON>"; keep the useful part. */
function describeFailure(failure: string): string {
  const match = /^(.*?)\. Details: (.*)$/s.exec(failure);
  const summary = (match ? match[1] : failure).trim();
  const params = match ? parseParams(match[2]) : {};
  if (typeof params.additionalProperty === 'string') return `${summary}: "${params.additionalProperty}"`;
  return summary;
}

function parseParams(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
