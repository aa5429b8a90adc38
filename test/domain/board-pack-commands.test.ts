import { strict as assert } from 'node:assert';
import { changesRecord, parseCommand, type Command } from '../../domain/commands';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const plan = loadPlan(shippedPlanFile);

describe('board pack commands', () => {
  const cases: [string, Command][] = [
    ['board pack', { kind: 'boardPack' }],
    ['Board Pack.', { kind: 'boardPack' }],
    ['boardpack', { kind: 'boardPack' }],
    ['board packs', { kind: 'boardPacks' }],
    [
      'board pack from 1 Jan 2026 to 31 Mar 2026',
      { kind: 'boardPack', from: '1 jan 2026', to: '31 mar 2026' },
    ],
    ['board pack since 1 April 2026', { kind: 'boardPack', from: '1 april 2026' }],
    [
      'board pack between 2026-01-01 and 2026-03-31',
      { kind: 'boardPack', from: '2026-01-01', to: '2026-03-31' },
    ],
    ['board pack as at 31 Mar 2026', { kind: 'boardPack', asAt: '31 mar 2026' }],
    ['board pack as of 31/03/2026', { kind: 'boardPack', asAt: '31/03/2026' }],
    [
      'board pack from 1 Jan 2026 to 31 Mar 2026 as at 30 Apr 2026',
      { kind: 'boardPack', from: '1 jan 2026', to: '31 mar 2026', asAt: '30 apr 2026' },
    ],
  ];
  for (const [typed, expected] of cases) {
    it(`reads "${typed}"`, () => assert.deepEqual(parseCommand(typed, plan), expected));
  }

  for (const typed of ['board pack for the quarter', 'board pack 31 March']) {
    it(`says how dates are written for "${typed}"`, () => {
      const command = parseCommand(typed, plan);
      assert.equal(command.kind, 'incomplete');
      assert.match(command.kind === 'incomplete' ? command.message : '', /from 1 Jan 2026 to 31 Mar 2026/);
    });
  }

  it('suggests it for a near miss', () => {
    const command = parseCommand('bord pack', plan);
    assert.ok(command.kind === 'unknown' && command.suggestions.includes('board pack'));
  });

  it('changes nothing in the record: only offers files', () => {
    assert.equal(changesRecord({ kind: 'boardPack' }), false);
    assert.equal(changesRecord({ kind: 'boardPacks' }), false);
  });
});
