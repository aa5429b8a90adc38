import { strict as assert } from 'node:assert';
import { changesRecord, parseCommand, type Command } from '../../domain/commands';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const plan = loadPlan(shippedPlanFile);

describe('yearly report commands', () => {
  const cases: [string, Command][] = [
    ['yearly report 2026-27', { kind: 'yearlyReport', year: '2026-27' }],
    ['Yearly Report 2026/27.', { kind: 'yearlyReport', year: '2026/27' }],
    ['yearly report 2025-2026', { kind: 'yearlyReport', year: '2025-2026' }],
    ['sign off yearly report 2026-27', { kind: 'signOffYearlyReport', year: '2026-27' }],
    ['Sign-off the yearly report 2026-27', { kind: 'signOffYearlyReport', year: '2026-27' }],
    ['signoff yearly report 2026-27', { kind: 'signOffYearlyReport', year: '2026-27' }],
    [
      'scrutineer comment yearly report 2026-27 Impact evidence is thin.\nAsk for audits.',
      { kind: 'scrutineerComment', year: '2026-27', text: 'Impact evidence is thin.\nAsk for audits.' },
    ],
    [
      'Scrutineer comment on the yearly report 2026-27 Keeps Its Case',
      { kind: 'scrutineerComment', year: '2026-27', text: 'Keeps Its Case' },
    ],
    [
      'scrutineer comment 2026-27 Short form',
      { kind: 'scrutineerComment', year: '2026-27', text: 'Short form' },
    ],
  ];
  for (const [typed, expected] of cases) {
    it(`reads "${typed.replace('\n', ' ')}"`, () => assert.deepEqual(parseCommand(typed, plan), expected));
  }

  for (const typed of [
    'yearly report',
    'sign off yearly report',
    'scrutineer comment yearly report',
    'scrutineer comment yearly report 2026-27',
  ]) {
    it(`asks for what is missing in "${typed}"`, () => {
      const command = parseCommand(typed, plan);
      assert.equal(command.kind, 'incomplete');
    });
  }

  it('a sign-off and a comment change the record; asking for the report does not', () => {
    assert.equal(changesRecord({ kind: 'yearlyReport', year: '2026-27' }), false);
    assert.equal(changesRecord({ kind: 'signOffYearlyReport', year: '2026-27' }), true);
    assert.equal(changesRecord({ kind: 'scrutineerComment', year: '2026-27', text: 'x' }), true);
  });
});
