import { strict as assert } from 'node:assert';
import { parseCommand, MAX_MESSAGE_LENGTH, type Command } from '../../domain/commands';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const plan = loadPlan(shippedPlanFile);

describe('parseCommand: due, lead and history by period', () => {
  const cases: [string, Command][] = [
    ['due 5.1 31 March 2027', { kind: 'setTarget', actionId: '5.1', dateText: '31 March 2027' }],
    ['Due 05.01 2027-03-31', { kind: 'setTarget', actionId: '5.1', dateText: '2027-03-31' }],
    ['due action 5.1 31/03/2027.', { kind: 'setTarget', actionId: '5.1', dateText: '31/03/2027.' }],
    [
      'due 5.1 30 June 2027 because the audit moved',
      { kind: 'setTarget', actionId: '5.1', dateText: '30 June 2027', reason: 'the audit moved' },
    ],
    [
      'due 5.1 30 June 2027 Because: Audit moved to June\nby the panel',
      {
        kind: 'setTarget',
        actionId: '5.1',
        dateText: '30 June 2027',
        reason: 'Audit moved to June\nby the panel',
      },
    ],
    [
      'due 5.1',
      {
        kind: 'incomplete',
        message: 'When is 5.1 due? Give a date, e.g. due 5.1 31 March 2027.',
        example: 'due 5.1 <date>',
      },
    ],
    [
      'due 5.1 because reasons',
      {
        kind: 'incomplete',
        message: 'When is 5.1 due? Give a date, e.g. due 5.1 31 March 2027.',
        example: 'due 5.1 <date>',
      },
    ],
    [
      'due 5.1 30 June 2027 because',
      {
        kind: 'incomplete',
        message: 'Why is the date changing? Type the reason after "because", or leave "because" out.',
        example: 'due 5.1 30 June 2027 because <reason>',
      },
    ],
    [
      'due',
      {
        kind: 'incomplete',
        message: 'Which action, and when is it due? e.g. due 1.1 31 March 2027.',
        example: 'due 1.1 <date>',
      },
    ],
    ['lead 5.1 Thames Valley Police', { kind: 'setLead', actionId: '5.1', agency: 'Thames Valley Police' }],
    ['Lead action 5.1: NHS  Trust ', { kind: 'setLead', actionId: '5.1', agency: 'NHS  Trust' }],
    [
      'lead 5.1',
      {
        kind: 'incomplete',
        message: 'Which agency leads 5.1? e.g. lead 5.1 Thames Valley Police.',
        example: 'lead 5.1 <agency>',
      },
    ],
    [
      'history 5.1 since 1 April 2026',
      { kind: 'historyInPeriod', scope: { actionId: '5.1' }, periodText: 'since 1 april 2026' },
    ],
    [
      'history priority 5 from 1 Jan 2026 to 31 Mar 2026',
      { kind: 'historyInPeriod', scope: { priority: 5 }, periodText: 'from 1 jan 2026 to 31 mar 2026' },
    ],
    [
      'History of p5 between 1/1/2026 and 31/3/2026',
      { kind: 'historyInPeriod', scope: { priority: 5 }, periodText: 'between 1/1/2026 and 31/3/2026' },
    ],
    // Unchanged: a plain history still pages.
    ['history 5.1 page 2', { kind: 'history', actionId: '5.1', page: 2 }],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(parseCommand(text, plan), expected));
  }

  const notInPlan = ['due 9.9 31 March 2027', 'lead 9.9 Police', 'history 9.9 since 1 April 2026'];
  for (const text of notInPlan) {
    it(`${text}: not in the plan`, () => assert.equal(parseCommand(text, plan).kind, 'notInPlan'));
  }

  it('history of a priority not in the plan says so', () => {
    assert.equal(parseCommand('history priority 99 since 1 April 2026', plan).kind, 'notInPlan');
  });

  const huge: string[] = [
    `due 5.1 ${'1'.repeat(10_000)}`,
    `due 5.1 31 March 2027 because ${'x'.repeat(20_000)}`,
    `lead 5.1 ${'Police '.repeat(3000)}`,
    `history 5.1 since ${'1 '.repeat(10_000)}`,
  ];
  for (const text of huge) {
    it(`huge input (${text.slice(0, 12)}…, ${text.length} characters) reads without throwing`, () => {
      const command = parseCommand(text, plan);
      assert.ok(['setTarget', 'setLead', 'historyInPeriod'].includes(command.kind), command.kind);
    });
  }

  it('past the message limit nothing is parsed', () => {
    assert.equal(parseCommand(`due 5.1 ${'x'.repeat(MAX_MESSAGE_LENGTH)}`, plan).kind, 'tooLong');
  });
});
