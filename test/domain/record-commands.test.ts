import { strict as assert } from 'node:assert';
import { parseCommand, type Command } from '../../domain/commands';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const plan = loadPlan(shippedPlanFile);

describe('parseCommand: history pages and redaction', () => {
  const cases: [string, Command][] = [
    ['history 5.1', { kind: 'history', actionId: '5.1' }],
    ['history 5.1 page 2', { kind: 'history', actionId: '5.1', page: 2 }],
    ['History of 5.1 Page 11', { kind: 'history', actionId: '5.1', page: 11 }],
    ['history 5.1 p3', { kind: 'history', actionId: '5.1', page: 3 }],
    [
      'redact 5.1 #7 because Named a child',
      { kind: 'redact', actionId: '5.1', version: 7, reason: 'Named a child' },
    ],
    [
      'Redact 5.1 7 because: wrong family',
      { kind: 'redact', actionId: '5.1', version: 7, reason: 'wrong family' },
    ],
    [
      'redact action 05.01 change #12 because  two\nlines ',
      { kind: 'redact', actionId: '5.1', version: 12, reason: 'two\nlines' },
    ],
    ...['redact 5.1 #3.5 because typo', 'redact 5.1 #3,4 because typo', 'redact 5.1 #3x because typo'].map(
      (text): [string, Command] => [
        text,
        {
          kind: 'incomplete',
          message:
            'Which change? Give its number from the history, e.g. redact 5.1 #7 because it named a child.',
          example: 'history 5.1',
        },
      ],
    ),
    ...[
      'history 6.2 page 0',
      'history 6.2 page -1',
      'history 6.2 page 1e3',
      'history 6.2 page 1.5',
      'history 6.2 page 99999999999999999999',
    ].map((text): [string, Command] => [
      text,
      {
        kind: 'incomplete',
        message: 'Pages are whole numbers from 1, e.g. history 6.2 page 2.',
        example: 'history 6.2',
      },
    ]),
    [
      'redact 5.1 #7 because',
      {
        kind: 'incomplete',
        message:
          'Why is change #7 being redacted? Type the reason after "because", e.g. redact 5.1 #7 because it named a child. Or use Redact on the change in the history.',
        example: 'history 5.1',
      },
    ],
    [
      'redact 5.1 #7',
      {
        kind: 'incomplete',
        message:
          'Why is change #7 being redacted? Type the reason after "because", e.g. redact 5.1 #7 because it named a child. Or use Redact on the change in the history.',
        example: 'history 5.1',
      },
    ],
    [
      'redact 5.1',
      {
        kind: 'incomplete',
        message:
          'Which change? Give its number from the history, e.g. redact 5.1 #7 because it named a child.',
        example: 'history 5.1',
      },
    ],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(parseCommand(text, plan), expected));
  }

  it('a redact of an action not in the plan says so', () => {
    assert.equal(parseCommand('redact 9.9 #1 because x', plan).kind, 'notInPlan');
  });

  it('page 0 is not a page', () => {
    assert.notDeepEqual(parseCommand('history 5.1 page 0', plan), {
      kind: 'history',
      actionId: '5.1',
      page: 0,
    });
  });
});
