import { strict as assert } from 'node:assert';
import { commandText } from '../../bot/mention-text';
import { MAX_MESSAGE_LENGTH, parseCommand, type Command } from '../../domain/commands';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const plan = loadPlan(shippedPlanFile);
const updateStatus = (actionId: string, ragWord: string, note: string): Command => ({
  kind: 'updateStatus',
  actionId,
  ragWord,
  note,
});

/**
 * Teams' markup (the bot's @mention in front, mentions of others, &nbsp;) is read in bot/: the domain's
 * parser gets plain text. These are the mention cases the parser's own tests held before the move.
 */
describe('Teams mention markup, cleaned by the bot before the command parser', () => {
  const cases: [string, Command][] = [
    ['<at>OSCB Plan</at>', { kind: 'help' }],
    ['<at>OSCB Plan</at> help', { kind: 'help' }],
    ['help&nbsp;', { kind: 'help' }],
    ['help\u00a0', { kind: 'help' }],
    ['<at>Plan Bot</at> board pack', { kind: 'boardPack' }],
    ['<at>OSCB Plan Bot</at> show agency police', { kind: 'showAgency', agency: 'police' }],
    ['<at>OSCB Plan Bot</at> show plan', { kind: 'showPlan' }],
    ['<at>OSCB</at> <at>Plan Bot</at>  show plan', { kind: 'showPlan' }],
    ['show <at>Jane</at> plan', { kind: 'showPlan' }],
    ['<at>OSCB Plan</at> update 5.1 amber&nbsp;Late', updateStatus('5.1', 'amber', 'Late')],
    [
      '<at>OSCB Plan</at> update 5.1 amber Waiting on <at>Sam</at> & **Health**',
      updateStatus('5.1', 'amber', 'Waiting on <at>Sam</at> & **Health**'),
    ],
    ['update 5.1 amber: <at>Jane</at> is on it', updateStatus('5.1', 'amber', '<at>Jane</at> is on it')],
    [
      'assign 5.1 to <at>Jane Smith</at>',
      {
        kind: 'incomplete',
        message: 'Who should own 5.1? Give their email address.',
        example: 'assign 5.1 to <their email address>',
      },
    ],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${expected.kind}`, () => {
      assert.deepEqual(parseCommand(commandText({ text }), plan), expected);
    });
  }

  it('hands the parser no mention markup to recognise a command by', () => {
    const { typed, message } = commandText({ text: '<at>OSCB Plan</at> show <at>Jane</at> plan&nbsp;' });
    assert.equal(typed, 'show <at>Jane</at> plan');
    assert.equal(message, 'show   plan');
    assert.doesNotMatch(message, /<\/?at\b|&nbsp;/);
  });

  it('leaves a message longer than Teams allows as it is, for the parser to refuse unread', () => {
    const text = `<at>OSCB Plan</at> ${'x'.repeat(MAX_MESSAGE_LENGTH)}`;
    assert.deepEqual(commandText({ text }), { typed: text, message: text });
    assert.deepEqual(parseCommand(commandText({ text }), plan), {
      kind: 'tooLong',
      maxLength: MAX_MESSAGE_LENGTH,
    });
  });

  it('does not read mention markup in the domain: the parser takes it as the plain text it is', () => {
    assert.equal(parseCommand('<at>OSCB Plan</at> show plan', plan).kind, 'unknown');
  });
});
