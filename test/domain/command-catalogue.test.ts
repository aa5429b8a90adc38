import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { suggestCommands } from '../../domain/command-suggestions';
import { COMMAND_HELP } from '../../domain/commands';
import { repoRoot } from '../../scripts/support/repo-paths';

/** "show priority 5" → "show priority"; "update 5.1 amber <note>" → "update". */
function headOf(command: string): string {
  return command.split(/\s+(?=[\d<#]|to\b|from\b|since\b)/)[0];
}

/** One adjacent pair of letters swapped in the first word: the commonest typo. */
function withTypo(head: string): string {
  const [first, ...rest] = head.split(' ');
  const swapped = first.length < 3 ? first : first[0] + first[2] + first[1] + first.slice(3);
  return [swapped, ...rest].join(' ');
}

interface ManifestCommand {
  title: string;
}

describe('the command catalogue: help, the typo table and the Teams manifest agree', () => {
  const heads = [...new Set(COMMAND_HELP.map((item) => headOf(item.command)))];

  for (const head of heads) {
    it(`a typo of "${head}" is answered with "${head}" among the suggestions`, () => {
      const suggested = suggestCommands(withTypo(head)).map((suggestion) => suggestion.command);
      assert.ok(
        suggested.some((command) => command.startsWith(head)),
        `"${withTypo(head)}" suggested ${JSON.stringify(suggested)}: add "${head}" to COMMAND_SHAPES`,
      );
    });
  }

  it("every command the manifest offers in Teams' command menu is one help describes", () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'manifest', 'manifest.json'), 'utf8'),
    ) as {
      bots: { commandLists?: { commands: ManifestCommand[] }[] }[];
    };
    const titles = manifest.bots.flatMap((bot) =>
      (bot.commandLists ?? []).flatMap((list) => list.commands.map((command) => command.title)),
    );
    assert.ok(titles.length > 0);
    for (const title of titles) {
      assert.ok(
        COMMAND_HELP.some((item) => item.command.startsWith(title)),
        `the manifest offers "${title}", which help does not describe`,
      );
    }
  });
});
