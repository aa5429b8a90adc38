import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { ConfigError, loadPackagingConfig, type PackagingConfig } from '../../bot/config';
import {
  buildAppPackage,
  PACKAGE_FILE,
  type AppPackageResult,
} from '../../scripts/app-package/build-app-package';
import { menuCommandLists, parseCommand } from '../../domain/commands';
import { checkTeamsUploadRules } from '../../scripts/app-package/teams-upload-rules';
import { loadPlan } from '../../plan/load-plan';
import { bundledManifestVersions } from '../../scripts/app-package/manifest-schema';
import { checkColourIcon, checkOutlineIcon } from '../../scripts/app-package/icon-checks';
import { repoRoot, shippedPlanFile } from '../../scripts/support/repo-paths';
import { readZipEntries } from '../support/zip-entries';

const manifestDir = path.join(repoRoot, 'manifest');
const packageScript = path.join(repoRoot, 'dist', 'scripts', 'package-app.js');

const settings: PackagingConfig = {
  botId: '7c3e1a52-0d4b-4f7e-9a61-2b8f5c0e9d13',
  teamsAppId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  botDomain: 'oscb-bot.azurewebsites.net',
};

const appVersion = '1.4.2';

type JsonObject = Record<string, unknown>;
type Rgba = [number, number, number, number];

/** A PNG whose pixel (x, y) is paint(x, y), written by pngjs as RGBA. */
function pngOf(size: number, paint: (x: number, y: number) => Rgba): Buffer {
  const image = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) image.data.set(paint(x, y), (y * size + x) * 4);
  }
  return PNG.sync.write(image);
}

const NAVY: Rgba = [31, 58, 104, 255];
const RED: Rgba = [224, 57, 62, 255];
const CLEAR_WHITE: Rgba = [255, 255, 255, 0];
const WHITE: Rgba = [255, 255, 255, 255];

/** A navy square with a red block over [from, to) on both axes. */
function squareWithBlock(from: number, to: number): Buffer {
  return pngOf(192, (x, y) => (x >= from && x < to && y >= from && y < to ? RED : NAVY));
}

describe('Teams app package', () => {
  let workDir: string;

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscb-app-package-'));
  });

  afterEach(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  /** A copy of manifest/ to break, so the committed one is never touched. */
  function copyOfManifestDir(): string {
    const copy = path.join(workDir, 'manifest');
    fs.cpSync(manifestDir, copy, { recursive: true });
    return copy;
  }

  function editManifest(dir: string, edit: (manifest: JsonObject) => void): void {
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
    edit(manifest);
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  }

  function build(dir = manifestDir, version = appVersion): Promise<AppPackageResult> {
    return buildAppPackage({
      manifestDir: dir,
      outDir: path.join(workDir, 'build'),
      settings,
      appVersion: version,
    });
  }

  async function problemsOf(dir: string, version = appVersion): Promise<string[]> {
    const result = await build(dir, version);
    assert.equal(result.ok, false, 'expected the package to be refused');
    return result.ok ? [] : result.problems;
  }

  describe('from the committed manifest', () => {
    it('writes manifest.json and both icons at the root of the zip, with the ids filled in', async () => {
      const result = await build();
      assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
      assert.equal(result.zipPath, path.join(workDir, 'build', PACKAGE_FILE));

      const entries = await readZipEntries(fs.readFileSync(result.zipPath));
      assert.deepEqual(entries.map((entry) => entry.name).sort(), [
        'color.png',
        'manifest.json',
        'outline.png',
      ]);
      for (const entry of entries) assert.equal(entry.crc32, zlib.crc32(entry.data), `${entry.name} CRC`);

      const byName = new Map(entries.map((entry) => [entry.name, entry.data]));
      const manifest = JSON.parse(byName.get('manifest.json')!.toString('utf8')) as JsonObject;
      assert.equal(manifest.id, settings.teamsAppId);
      assert.equal(manifest.version, appVersion);
      assert.equal(manifest.permissions, undefined);
      assert.equal((manifest.bots as JsonObject[])[0].botId, settings.botId);
      assert.deepEqual(manifest.validDomains, [settings.botDomain]);
      assert.doesNotMatch(byName.get('manifest.json')!.toString('utf8'), /\$\{\{/);
      assert.deepEqual(byName.get('color.png'), fs.readFileSync(path.join(manifestDir, 'color.png')));
      assert.deepEqual(byName.get('outline.png'), fs.readFileSync(path.join(manifestDir, 'outline.png')));
    });

    it('targets the newest manifest version @microsoft/app-manifest bundles a schema for', () => {
      const manifest = JSON.parse(
        fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'),
      ) as JsonObject;
      assert.equal(manifest.manifestVersion, bundledManifestVersions().at(-1));
    });

    it('offers only commands the bot understands in its command menus, taken from the catalogue', async () => {
      const result = await build();
      assert.ok(result.ok);
      const entries = await readZipEntries(fs.readFileSync(result.zipPath));
      const manifest = JSON.parse(
        entries.find((entry) => entry.name === 'manifest.json')!.data.toString('utf8'),
      ) as { bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[] };
      const plan = loadPlan(shippedPlanFile);
      const lists = manifest.bots[0].commandLists;
      assert.deepEqual(lists, menuCommandLists());
      assert.deepEqual(
        lists
          .map((list) => list.scopes)
          .flat()
          .sort(),
        ['groupChat', 'personal', 'team'],
      );
      for (const { commands } of lists) {
        assert.ok(commands.length > 0);
        for (const { title } of commands) {
          // Teams sends the title as typed; a bare verb gets the bot's "which action?" prompt.
          assert.notEqual(parseCommand(title, plan).kind, 'unknown', title);
        }
      }
    });

    it('gives a zip that unzip accepts, when unzip is installed', async function () {
      if (spawnSync('unzip', ['-v']).error) this.skip();
      const result = await build();
      assert.ok(result.ok);
      const test = spawnSync('unzip', ['-t', result.zipPath], { encoding: 'utf8' });
      assert.equal(test.status, 0, test.stdout + test.stderr);
    });

    it('gives the same bytes for the same inputs', async () => {
      const first = await build();
      assert.ok(first.ok);
      const bytes = fs.readFileSync(first.zipPath);
      const second = await build();
      assert.ok(second.ok);
      assert.deepEqual(fs.readFileSync(second.zipPath), bytes);
    });
  });

  describe('refuses a broken manifest, naming the problem', () => {
    it('a manifestVersion without a bundled schema', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        manifest.manifestVersion = '1.99';
      });
      assert.deepEqual(await problemsOf(dir), [
        `manifest.json: /manifestVersion "1.99" has no bundled schema (newest bundled is ${bundledManifestVersions().at(-1)})`,
      ]);
    });

    it('a package.json version Teams does not accept (only major.minor.patch)', async () => {
      assert.deepEqual(await problemsOf(manifestDir, '1.5.0-beta.1'), [
        'manifest.json: /version must be major.minor.patch, e.g. 1.0.0, is "1.5.0-beta.1"',
      ]);
    });

    it('a version typed into the manifest instead of taken from package.json', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        manifest.version = '1.0.0';
      });
      assert.deepEqual(await problemsOf(dir), [
        `manifest.json: /version must be \${{APP_VERSION}} (package.json's version, ${appVersion}), is "1.0.0"`,
      ]);
    });

    it('the legacy permissions list', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        manifest.permissions = ['identity', 'messageTeamMembers'];
      });
      assert.deepEqual(await problemsOf(dir), [
        'manifest.json: /permissions is a legacy list Teams no longer uses; remove it (resource-specific consent goes in /authorization)',
      ]);
    });

    it('a $schema that does not match manifestVersion', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        manifest.$schema =
          'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json';
      });
      const expected = `https://developer.microsoft.com/json-schemas/teams/v${bundledManifestVersions().at(-1)}/MicrosoftTeams.schema.json`;
      assert.deepEqual(await problemsOf(dir), [
        `manifest.json: /$schema must be ${expected} for manifestVersion ${bundledManifestVersions().at(-1)}`,
      ]);
    });

    it('a missing name', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        delete manifest.name;
      });
      assert.deepEqual(await problemsOf(dir), ["manifest.json: must have required property 'name'"]);
    });

    it('an unknown bot scope', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        (manifest.bots as { scopes: string[] }[])[0].scopes[1] = 'channel';
      });
      assert.deepEqual(await problemsOf(dir), [
        'manifest.json: /bots/0/scopes/1 must be equal to one of the allowed values',
      ]);
    });

    it('an unknown property', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        manifest.botDomain = 'x';
      });
      assert.deepEqual(await problemsOf(dir), [
        'manifest.json: must NOT have additional properties: "botDomain"',
      ]);
    });

    it('a placeholder nothing fills', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        (manifest.name as JsonObject).short = '${{BOT_NAME}}';
      });
      assert.deepEqual(await problemsOf(dir), [
        'manifest.json: ${{BOT_NAME}} was not filled; the placeholders filled are ${{TEAMS_APP_ID}}, ${{BOT_ID}}, ${{BOT_DOMAIN}}, ${{APP_VERSION}}',
      ]);
    });

    it('command lists of its own: the menus come from the command catalogue', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        (manifest.bots as JsonObject[])[0].commandLists = [
          { scopes: ['personal'], commands: [{ title: 'help', description: 'What I can do' }] },
        ];
      });
      assert.deepEqual(await problemsOf(dir), [
        'manifest.json: /bots/0/commandLists is written from the command catalogue (domain/commands): remove it from manifest.json',
      ]);
    });

    it('more commands in a list than Teams shows, or a title too long for its menu', () => {
      const lists = menuCommandLists();
      lists[0].commands.push(
        ...Array.from({ length: 11 - lists[0].commands.length }, () => ({
          title: 'one more',
          description: 'x',
        })),
      );
      lists[1].commands[0].title = 'a command title of thirty-three c';
      assert.deepEqual(checkTeamsUploadRules({ bots: [{ commandLists: lists }] }), [
        '/bots/0/commandLists/0/commands has 11 commands; Teams allows at most 10',
        '/bots/0/commandLists/1/commands/0/title is 33 characters; Teams allows at most 32',
      ]);
    });

    it('text that is not JSON', async () => {
      const dir = copyOfManifestDir();
      fs.writeFileSync(path.join(dir, 'manifest.json'), '{ "manifestVersion": ');
      const problems = await problemsOf(dir);
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^manifest\.json is not valid JSON: /);
    });

    it('and removes a package left from an earlier build', async () => {
      const good = await build();
      assert.ok(good.ok);
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        delete manifest.name;
      });
      await problemsOf(dir);
      assert.equal(fs.existsSync(good.zipPath), false);
    });
  });

  describe('refuses icons Teams would reject', () => {
    it('passes the committed icons', () => {
      assert.deepEqual(
        checkColourIcon('color.png', fs.readFileSync(path.join(manifestDir, 'color.png'))),
        [],
      );
      assert.deepEqual(
        checkOutlineIcon('outline.png', fs.readFileSync(path.join(manifestDir, 'outline.png'))),
        [],
      );
    });

    it('a colour icon of the wrong size', async () => {
      const dir = copyOfManifestDir();
      fs.writeFileSync(
        path.join(dir, 'color.png'),
        pngOf(48, () => NAVY),
      );
      assert.deepEqual(await problemsOf(dir), ['color.png must be 192×192, is 48×48']);
    });

    it('a colour icon with transparent rounded corners', () => {
      const rounded = pngOf(192, (x, y) => {
        const corner = Math.hypot(Math.max(40 - x, x - 151, 0), Math.max(40 - y, y - 151, 0)) > 40;
        return corner ? CLEAR_WHITE : x >= 60 && x < 132 && y >= 60 && y < 132 ? RED : NAVY;
      });
      assert.deepEqual(checkColourIcon('color.png', rounded), [
        'color.png must be a full-bleed square with no transparency: 1536 pixels are not opaque, first (0, 0) is rgba(255, 255, 255, 0)',
      ]);
    });

    it('a colour icon with a translucent background', () => {
      const translucent = pngOf(192, (x, y) =>
        x >= 60 && x < 132 && y >= 60 && y < 132 ? RED : [31, 58, 104, 254],
      );
      assert.deepEqual(checkColourIcon('color.png', translucent), [
        'color.png must be a full-bleed square with no transparency: 31680 pixels are not opaque, first (0, 0) is rgba(31, 58, 104, 254)',
      ]);
    });

    it('a colour icon whose symbol leaves the central 96×96 safe area, by one pixel or by a lot', () => {
      assert.deepEqual(checkColourIcon('color.png', squareWithBlock(48, 144)), []);
      assert.deepEqual(checkColourIcon('color.png', squareWithBlock(47, 144)), [
        'color.png must keep its symbol inside the central 96×96 area on a plain rgba(31, 58, 104, 255) background: 193 pixels outside it differ, first (47, 47) is rgba(224, 57, 62, 255)',
      ]);
      assert.deepEqual(checkColourIcon('color.png', squareWithBlock(36, 156)), [
        'color.png must keep its symbol inside the central 96×96 area on a plain rgba(31, 58, 104, 255) background: 5184 pixels outside it differ, first (36, 36) is rgba(224, 57, 62, 255)',
      ]);
    });

    it('a colour icon with no symbol', () => {
      assert.deepEqual(
        checkColourIcon(
          'color.png',
          pngOf(192, () => NAVY),
        ),
        ['color.png is blank: every pixel is rgba(31, 58, 104, 255)'],
      );
    });

    it('the colour icon the project had before, refused through the packager too', async () => {
      const dir = copyOfManifestDir();
      fs.writeFileSync(path.join(dir, 'color.png'), squareWithBlock(36, 156));
      const problems = await problemsOf(dir);
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^color\.png must keep its symbol inside the central 96×96 area/);
    });

    it('an outline icon of the wrong size', async () => {
      const dir = copyOfManifestDir();
      fs.writeFileSync(
        path.join(dir, 'outline.png'),
        pngOf(48, (x, y) => (x + y === 0 ? WHITE : CLEAR_WHITE)),
      );
      assert.deepEqual(await problemsOf(dir), ['outline.png must be 32×32, is 48×48']);
    });

    it('an outline icon with a coloured pixel', async () => {
      const dir = copyOfManifestDir();
      const icon = pngOf(32, (x, y) =>
        x === 0 && y === 0 ? WHITE : x === 5 && y === 2 ? [224, 57, 62, 128] : CLEAR_WHITE,
      );
      fs.writeFileSync(path.join(dir, 'outline.png'), icon);
      assert.deepEqual(await problemsOf(dir), [
        'outline.png must be white on a transparent background: 1 of 1024 pixels are neither, first (5, 2) is rgba(224, 57, 62, 128)',
      ]);
    });

    it('an outline icon with no transparent background', async () => {
      const dir = copyOfManifestDir();
      fs.writeFileSync(
        path.join(dir, 'outline.png'),
        pngOf(32, () => WHITE),
      );
      assert.deepEqual(await problemsOf(dir), [
        'outline.png must have a transparent background: no pixel is transparent',
      ]);
    });

    it('an outline icon that is blank', () => {
      assert.deepEqual(
        checkOutlineIcon(
          'outline.png',
          pngOf(32, () => CLEAR_WHITE),
        ),
        ['outline.png is blank: every pixel is transparent'],
      );
    });

    it('a file that is not a PNG, or is missing', async () => {
      const dir = copyOfManifestDir();
      fs.writeFileSync(path.join(dir, 'color.png'), 'GIF89a');
      fs.rmSync(path.join(dir, 'outline.png'));
      assert.deepEqual(await problemsOf(dir), [
        'color.png is not a PNG file',
        `outline.png not found in ${dir}`,
      ]);
    });

    it('a PNG whose data is damaged', () => {
      const damaged = pngOf(192, () => NAVY);
      damaged.fill(0, 40, 80);
      const problems = checkColourIcon('color.png', damaged);
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^color\.png is not a readable PNG file: ./);
    });

    it('an icon path outside the manifest folder', async () => {
      const dir = copyOfManifestDir();
      editManifest(dir, (manifest) => {
        (manifest.icons as JsonObject).color = '../color.png';
      });
      assert.deepEqual(await problemsOf(dir), [
        `manifest.json: /icons/color must name a file inside ${dir}, is "../color.png"`,
      ]);
    });
  });

  describe('settings', () => {
    it('names BOT_ID and BOT_DOMAIN when they are missing', () => {
      assert.throws(
        () => loadPackagingConfig({ BOT_ID: '', TEAMS_APP_ID: undefined }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.deepEqual(error.problems, ['BOT_ID is required', 'BOT_DOMAIN is required']);
          return true;
        },
      );
    });

    it('refuses a BOT_ID that is not a GUID and a BOT_DOMAIN with a scheme', () => {
      assert.throws(
        () => loadPackagingConfig({ BOT_ID: 'oscb-bot', BOT_DOMAIN: 'https://oscb-bot.azurewebsites.net' }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.deepEqual(error.problems, [
            `BOT_ID must be the bot's Microsoft app id (a GUID) (got "oscb-bot")`,
            'BOT_DOMAIN must be a host name without scheme, port or path, e.g. oscb-bot.azurewebsites.net (got "https://oscb-bot.azurewebsites.net")',
          ]);
          return true;
        },
      );
    });

    it('uses BOT_ID as the Teams app id unless TEAMS_APP_ID is set', () => {
      assert.deepEqual(loadPackagingConfig({ BOT_ID: settings.botId, BOT_DOMAIN: 'Example.org' }), {
        botId: settings.botId,
        teamsAppId: settings.botId,
        botDomain: 'example.org',
      });
      assert.equal(
        loadPackagingConfig({
          BOT_ID: settings.botId,
          TEAMS_APP_ID: settings.teamsAppId,
          BOT_DOMAIN: 'example.org',
        }).teamsAppId,
        settings.teamsAppId,
      );
    });
  });

  describe('npm run package', () => {
    function runPackager(env: Record<string, string>): ReturnType<typeof spawnSync> {
      const inherited = { ...process.env };
      for (const name of ['BOT_ID', 'TEAMS_APP_ID', 'BOT_DOMAIN']) delete inherited[name];
      // Run from the temp folder so a developer's .env cannot change the outcome.
      return spawnSync(
        process.execPath,
        [packageScript, '--manifest-dir', manifestDir, '--out-dir', path.join(workDir, 'out')],
        { cwd: workDir, env: { ...inherited, ...env }, encoding: 'utf8' },
      );
    }

    it('prints the path of the package it wrote', () => {
      const run = runPackager({ BOT_ID: settings.botId, BOT_DOMAIN: 'example.org' });
      assert.equal(run.status, 0, String(run.stderr));
      assert.equal(String(run.stdout).trim(), path.join(workDir, 'out', PACKAGE_FILE));
      assert.ok(fs.existsSync(path.join(workDir, 'out', PACKAGE_FILE)));
    });

    it("stamps the manifest with package.json's version", async () => {
      const run = runPackager({ BOT_ID: settings.botId, BOT_DOMAIN: 'example.org' });
      assert.equal(run.status, 0, String(run.stderr));
      const entries = await readZipEntries(fs.readFileSync(path.join(workDir, 'out', PACKAGE_FILE)));
      const manifest = JSON.parse(
        entries.find((entry) => entry.name === 'manifest.json')!.data.toString('utf8'),
      ) as JsonObject;
      const packageJson = JSON.parse(
        fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
      ) as JsonObject;
      assert.equal(manifest.version, packageJson.version);
    });

    it('exits 1 naming BOT_ID when it is missing', () => {
      const run = runPackager({ BOT_DOMAIN: 'example.org' });
      assert.equal(run.status, 1);
      assert.match(String(run.stderr), /BOT_ID is required/);
      assert.equal(fs.existsSync(path.join(workDir, 'out')), false);
    });
  });
});
