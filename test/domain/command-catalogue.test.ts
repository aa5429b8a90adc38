import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import {
  changesRecord,
  COMMAND_FAMILIES,
  COMMAND_HELP,
  menuCommandLists,
  NEAR_MISSES,
  parseCommand,
} from '../../domain/commands';
import type { CommandFamily } from '../../domain/commands/command-family';
import { suggestCommands } from '../../domain/commands/suggestions';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const plan = loadPlan(shippedPlanFile);
const families: readonly CommandFamily<{ kind: string }>[] = COMMAND_FAMILIES;

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

/** A help line as someone would type it: its placeholders filled with plausible words. */
function typedExample(command: string): string {
  return command
    .replace('<note>', 'Report delayed')
    .replace('<email>', 'jane@x.org')
    .replace('<agency>', 'Thames Valley Police')
    .replace('<why>', 'it named a child');
}

describe('the command catalogue: help, the typo table, changesRecord and the Teams menus agree', () => {
  it('no two families parse to the same kind', () => {
    const kinds = families.flatMap((family) => Object.keys(family.changesRecord));
    assert.deepEqual(kinds, [...new Set(kinds)]);
  });

  it('every family module in domain/commands/ is listed in the catalogue', async () => {
    const folder = path.join(__dirname, '..', '..', 'domain', 'commands');
    const listed = new Set<unknown>(families);
    for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.js'))) {
      const exports = (await import(path.join(folder, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        const isFamily =
          typeof value === 'object' && value !== null && 'changesRecord' in value && 'parse' in value;
        if (isFamily)
          assert.ok(listed.has(value), `${file} exports family "${name}": add it to COMMAND_FAMILIES`);
      }
    }
  });

  for (const family of families) {
    const kinds = Object.keys(family.changesRecord);
    for (const { command } of family.help) {
      it(`help's "${command}" parses to its own family's command (${kinds.join(', ')})`, () => {
        const parsed = parseCommand(typedExample(command), plan);
        assert.ok(kinds.includes(parsed.kind), JSON.stringify(parsed));
        assert.equal(changesRecord(parsed), family.changesRecord[parsed.kind as never]);
      });

      it(`a typo of "${headOf(command)}" is answered with "${headOf(command)}" among the suggestions`, () => {
        const head = headOf(command);
        const suggested = suggestCommands(withTypo(head), NEAR_MISSES).map(
          (suggestion) => suggestion.command,
        );
        assert.ok(
          suggested.some((typed) => typed.startsWith(head)),
          `"${withTypo(head)}" suggested ${JSON.stringify(suggested)}: add "${head}" to the family's nearMisses`,
        );
      });
    }

    for (const { title } of family.menu ?? []) {
      it(`the Teams menu's "${title}" is this family's command, and help describes it`, () => {
        const parsed = parseCommand(title, plan);
        // A bare verb ("update") gets the family's own "which action?" prompt.
        assert.ok(kinds.includes(parsed.kind) || parsed.kind === 'incomplete', JSON.stringify(parsed));
        assert.ok(
          family.help.some((line) => line.command.startsWith(title)),
          title,
        );
      });
    }
  }

  it("help lines and menu entries fit Teams' limits (title 32, description 128 characters)", () => {
    for (const { command, description } of COMMAND_HELP) {
      assert.ok(command.length <= 32, command);
      assert.ok(description.length <= 128, description);
    }
    for (const list of menuCommandLists()) {
      assert.ok(list.commands.length <= 10, `${list.scopes.join()} has ${list.commands.length} commands`);
      for (const { title, description } of list.commands) {
        assert.ok(title.length <= 32, title);
        assert.ok(description.length <= 128, description);
      }
    }
  });
});
