import { strict as assert } from 'node:assert';
import type { ActionStatus } from '../../domain/action-status';
import {
  decideTarget,
  leadUnchanged,
  readTargetReason,
  type TargetDecision,
} from '../../domain/target-and-lead';

const now = new Date('2026-12-02T12:00:00Z');
const base: ActionStatus = { actionId: '5.1', rag: 'amber', version: 3 };

describe('target dates and lead agencies: the decisions', () => {
  const targets: [string, Partial<ActionStatus>, string | undefined, string, TargetDecision][] = [
    [
      'first, no plan date',
      {},
      undefined,
      '2027-03-31',
      { kind: 'set', revision: false, fields: { targetDate: '2027-03-31' } },
    ],
    [
      'first, plan has a date: a revision keeping the plan date as the original',
      {},
      '2027-01-31',
      '2027-03-31',
      {
        kind: 'set',
        revision: true,
        previousTarget: '2027-01-31',
        fields: { targetDate: '2027-01-31', revisedTargetDate: '2027-03-31' },
      },
    ],
    [
      'second revision keeps the first target',
      { targetDate: '2027-01-31', revisedTargetDate: '2027-03-31' },
      undefined,
      '2027-06-30',
      {
        kind: 'set',
        revision: true,
        previousTarget: '2027-03-31',
        fields: { targetDate: '2027-01-31', revisedTargetDate: '2027-06-30' },
      },
    ],
    [
      'same as the current target',
      { targetDate: '2027-03-31' },
      undefined,
      '2027-03-31',
      { kind: 'unchanged', target: '2027-03-31' },
    ],
    ['same as the plan date', {}, '2027-03-31', '2027-03-31', { kind: 'unchanged', target: '2027-03-31' }],
  ];
  for (const [name, status, planDue, date, expected] of targets) {
    it(name, () => assert.deepEqual(decideTarget({ ...base, ...status }, planDue, date), expected));
  }

  const reasons: [string, string, true | RegExp][] = [
    ['the audit moved', 'the audit moved', true],
    ['x'.repeat(300), 'x'.repeat(300), true],
    ['x'.repeat(301), '', /at most 300/],
    ['x'.repeat(100_000), '', /at most 300/],
    ['moved, NHS 943 476 5919', '', /The reason looks as though it holds an NHS number/],
    ['a \ud800 b', '', /broken character/],
    ['\u200b', '', /type the reason after "because"/],
    ['  \u202e ', '', /type the reason after "because"/],
  ];
  for (const [typed, text, expected] of reasons) {
    it(`reason ${JSON.stringify(typed.slice(0, 30))}`, () => {
      const read = readTargetReason(typed, now);
      if (expected === true) assert.deepEqual(read, { ok: true, text });
      else {
        assert.equal(read.ok, false);
        if (!read.ok) assert.match(read.problem, expected);
      }
    });
  }

  const leads: [string | undefined, string | undefined, string, boolean][] = [
    [undefined, undefined, 'Police', false],
    [undefined, 'Thames Valley Police', 'thames  valley police', true],
    ['NHS Trust', 'Thames Valley Police', 'Thames Valley Police', false],
    ['NHS Trust', undefined, 'NHS trust', true],
  ];
  for (const [set, plan, typed, same] of leads) {
    it(`lead ${String(set)} / plan ${String(plan)} vs ${typed}: ${same ? 'unchanged' : 'a change'}`, () =>
      assert.equal(leadUnchanged({ ...base, leadAgency: set }, plan, typed), same));
  }
});
