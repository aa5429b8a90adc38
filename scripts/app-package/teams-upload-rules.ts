/**
 * Rules Teams enforces when the package is uploaded that the JSON schema does not: the schema allows 12
 * commands a list and 128-character titles, and any string as the app version. Also refuses the legacy
 * `permissions` list, which the schema still accepts but Teams no longer uses: a bot needs none of it.
 */
export const MAX_COMMANDS_PER_LIST = 10;
export const MAX_COMMAND_TITLE_LENGTH = 32;
export const MAX_COMMAND_DESCRIPTION_LENGTH = 128;

interface CommandListShape {
  commands?: { title?: unknown; description?: unknown }[];
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function checkTeamsUploadRules(manifest: unknown): string[] {
  return [
    ...checkAppVersion(manifest),
    ...checkCommandLists(manifest),
    ...checkNoLegacyPermissions(manifest),
  ];
}

function checkNoLegacyPermissions(manifest: unknown): string[] {
  return (manifest as { permissions?: unknown } | null)?.permissions === undefined
    ? []
    : [
        '/permissions is a legacy list Teams no longer uses; remove it (resource-specific consent goes in /authorization)',
      ];
}

function checkAppVersion(manifest: unknown): string[] {
  const version = (manifest as { version?: unknown } | null)?.version;
  return typeof version === 'string' && !SEMVER.test(version)
    ? [`/version must be major.minor.patch, e.g. 1.0.0, is "${version}"`]
    : [];
}

function checkCommandLists(manifest: unknown): string[] {
  const bots = (manifest as { bots?: { commandLists?: CommandListShape[] }[] } | null)?.bots;
  if (!Array.isArray(bots)) return [];
  const problems: string[] = [];
  bots.forEach((bot, botIndex) => {
    if (!Array.isArray(bot?.commandLists)) return;
    bot.commandLists.forEach((list, listIndex) => {
      const commands = Array.isArray(list?.commands) ? list.commands : [];
      const at = `/bots/${botIndex}/commandLists/${listIndex}/commands`;
      if (commands.length > MAX_COMMANDS_PER_LIST) {
        problems.push(`${at} has ${commands.length} commands; Teams allows at most ${MAX_COMMANDS_PER_LIST}`);
      }
      commands.forEach((command, commandIndex) => {
        for (const [field, limit] of [
          ['title', MAX_COMMAND_TITLE_LENGTH],
          ['description', MAX_COMMAND_DESCRIPTION_LENGTH],
        ] as const) {
          const value = command?.[field];
          if (typeof value === 'string' && value.length > limit) {
            problems.push(
              `${at}/${commandIndex}/${field} is ${value.length} characters; Teams allows at most ${limit}`,
            );
          }
        }
      });
    });
  });
  return problems;
}
