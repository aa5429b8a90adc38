import { strict as assert } from 'node:assert';
import { changesRecord, COMMAND_HELP, parseCommand, type Command } from '../../domain/commands';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const plan = loadPlan(shippedPlanFile);

describe('show agency and exceptions commands', () => {
  const cases: [string, Command][] = [
    ['show agency police', { kind: 'showAgency', agency: 'police' }],
    ['Show Agency Thames Valley Police', { kind: 'showAgency', agency: 'Thames Valley Police' }],
    ['agency: TVP', { kind: 'showAgency', agency: 'TVP' }],
    ['show the lead agency Oxford Health.', { kind: 'showAgency', agency: 'Oxford Health' }],
    ['show agencies', { kind: 'showAgency', agency: '' }],
    ['agency', { kind: 'showAgency', agency: '' }],
    ['exceptions', { kind: 'exceptions' }],
    ['show exceptions', { kind: 'exceptions' }],
    ['Show the exception report.', { kind: 'exceptions' }],
  ];
  for (const [typed, expected] of cases) {
    it(`reads "${typed}"`, () => assert.deepEqual(parseCommand(typed, plan), expected));
  }

  const notThese: [string, Command['kind']][] = [
    ['show agencyx', 'unknown'],
    ['show neglect', 'showPriority'],
    ['exceptionsss please', 'unknown'],
  ];
  for (const [typed, kind] of notThese) {
    it(`does not take "${typed}" for one`, () => assert.equal(parseCommand(typed, plan).kind, kind));
  }

  it('suggests them for a near miss', () => {
    const command = parseCommand('exeptions', plan);
    assert.equal(command.kind, 'unknown');
    assert.ok(command.kind === 'unknown' && command.suggestions.includes('exceptions'));
  });

  it('are read-only and listed in help', () => {
    assert.equal(changesRecord({ kind: 'showAgency', agency: 'police' }), false);
    assert.equal(changesRecord({ kind: 'exceptions' }), false);
    const listed = COMMAND_HELP.map((item) => item.command);
    assert.ok(listed.includes('show agency police') && listed.includes('exceptions'));
    for (const item of COMMAND_HELP) assert.ok(item.description.length <= 128, item.command);
  });
});
