import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { MAX_MESSAGE_LENGTH, parseCommand, type Command } from '../../domain/commands';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const plan = loadPlan(shippedPlanFile);

/** Linear parsing takes milliseconds here; a quadratic pattern took 13 s at 28 KB and a minute at 250 KB. */
const GENEROUS_BOUND_MS = 1500;

/** Fills the text up to `length` characters by repeating `unit` between a head and a tail. */
function worstCase(head: string, unit: string, tail: string, length: number): string {
  const count = Math.max(0, Math.floor((length - head.length - tail.length) / unit.length));
  return `${head}${unit.repeat(count)}${tail}`;
}

const SHAPES: { name: string; head: string; unit: string; tail: string }[] = [
  { name: 'assign followed by @s', head: 'assign ', unit: '@', tail: '' },
  { name: 'assign, @s, then "to"', head: 'assign ', unit: '@', tail: ' to 5.1' },
  { name: 'assign with one token of many @s', head: 'assign a', unit: '@a', tail: ' to' },
  { name: 'assign to an address of hyphens', head: 'assign 5.1 to a@', unit: 'a-', tail: '!' },
  { name: 'assign to a long address', head: 'assign 5.1 to a@', unit: 'a', tail: '' },
  { name: 'assign to a long local part', head: 'assign 5.1 to ', unit: 'a.', tail: '@x' },
  { name: 'opening mention tags without end', head: '', unit: '<at', tail: '' },
  { name: 'mentions without closing tags', head: '', unit: '<at>x', tail: ' show plan' },
  { name: 'closing tags without openings', head: 'show ', unit: '</at', tail: '' },
  { name: 'leading mentions without end', head: '', unit: ' <at>', tail: '' },
  { name: 'dots before the end', head: 'show plan', unit: '.', tail: 'x' },
  { name: 'question marks then a letter', head: '', unit: '?!.', tail: 'a' },
  { name: 'a whitespace run', head: 'show', unit: ' \t', tail: 'x' },
  { name: 'update with a whitespace run', head: 'update 5.1', unit: ' ', tail: 'x' },
  { name: 'update with a long number', head: 'update ', unit: '1', tail: '' },
  { name: 'update with separators', head: 'update 5.1 amber', unit: ' :', tail: 'x' },
  { name: 'update "not" then spaces', head: 'update 5.1 not', unit: ' ', tail: 'x' },
  { name: 'update to spaces', head: 'update 5.1 to', unit: ' ', tail: '' },
  { name: 'assign with a whitespace run', head: 'assign 5.1', unit: ' ', tail: 'to' },
  { name: 'show and many words', head: 'show ', unit: 'neglect ', tail: '' },
  { name: 'one long word', head: '', unit: 'x', tail: '' },
  { name: 'history with a long id', head: 'history ', unit: '9', tail: '.1' },
  { name: 'non-breaking spaces', head: 'show', unit: '&nbsp;', tail: 'plan' },
];

function timedParse(text: string): { command: Command; ms: number } {
  const started = performance.now();
  const command = parseCommand(text, plan);
  return { command, ms: performance.now() - started };
}

describe('bounded input: the command parser', () => {
  for (const { name, head, unit, tail } of SHAPES) {
    it(`parses a Teams-sized (28 KB) worst case in linear time: ${name}`, () => {
      const text = worstCase(head, unit, tail, MAX_MESSAGE_LENGTH);
      assert.ok(text.length <= MAX_MESSAGE_LENGTH && text.length > MAX_MESSAGE_LENGTH - 10);
      const { command, ms } = timedParse(text);
      assert.ok(ms < GENEROUS_BOUND_MS, `${Math.round(ms)} ms`);
      assert.notEqual(command.kind, 'tooLong');
      // Whatever it says back quotes at most a short piece of what was typed.
      if (command.kind === 'incomplete' || command.kind === 'notInPlan') {
        assert.ok(command.message.length < 300, `message of ${command.message.length} characters`);
        assert.ok(!('example' in command) || command.example.length < 300);
      }
      if (command.kind === 'unknown') assert.ok(command.suggestions.every((s) => s.length <= 100));
    });

    it(`answers a 250 KB worst case "too long" without parsing it: ${name}`, () => {
      const text = worstCase(head, unit, tail, 250 * 1024);
      const { command, ms } = timedParse(text);
      assert.deepEqual(command, { kind: 'tooLong', maxLength: MAX_MESSAGE_LENGTH });
      assert.ok(ms < GENEROUS_BOUND_MS, `${Math.round(ms)} ms`);
    });
  }

  it('parses a message of exactly the limit, and answers one character more "too long"', () => {
    const pad = ' '.repeat(MAX_MESSAGE_LENGTH - 'show plan'.length);
    assert.deepEqual(parseCommand(`show plan${pad}`, plan), { kind: 'showPlan' });
    assert.deepEqual(parseCommand(`show plan${pad} `, plan), {
      kind: 'tooLong',
      maxLength: MAX_MESSAGE_LENGTH,
    });
  });

  it('still reads the commands whose patterns were rewritten', () => {
    const cases: [string, Command][] = [
      ['show plan?!.', { kind: 'showPlan' }],
      [
        'update 5.1: amber - waiting',
        { kind: 'updateStatus', actionId: '5.1', ragWord: 'amber', note: 'waiting' },
      ],
      [
        'update action 5.1, to red — late',
        { kind: 'updateStatus', actionId: '5.1', ragWord: 'red', note: 'late' },
      ],
      ['update 5.1 not started', { kind: 'updateStatus', actionId: '5.1', ragWord: 'not started', note: '' }],
      ['assign jane@x.org to action 4.1', { kind: 'assignOwner', actionId: '4.1', ownerEmail: 'jane@x.org' }],
      ['assign 4.1 to   jane@x.org', { kind: 'assignOwner', actionId: '4.1', ownerEmail: 'jane@x.org' }],
      ['assign action 4.1 jane@x.org', { kind: 'assignOwner', actionId: '4.1', ownerEmail: 'jane@x.org' }],
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseCommand(text, plan), expected, text);
  });
});

describe('identity in "assign … to <address>"', () => {
  const cases: [string, Command][] = [
    [
      'assign 5.1 to Jane.Smith@Agency.Example',
      { kind: 'assignOwner', actionId: '5.1', ownerEmail: 'jane.smith@agency.example' },
    ],
    // A guest named by the UPN Entra gave them is stored as the address people know them by.
    [
      'assign 5.1 to Jane_Police.uk#EXT#@board.onmicrosoft.com',
      { kind: 'assignOwner', actionId: '5.1', ownerEmail: 'jane@police.uk' },
    ],
    ['assign 5.1 to jane@police.uk', { kind: 'assignOwner', actionId: '5.1', ownerEmail: 'jane@police.uk' }],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => assert.deepEqual(parseCommand(text, plan), expected));
  }

  // JavaScript's toLowerCase turns U+212A KELVIN SIGN into "k": "\u212Aate" would have become "kate".
  for (const lookalike of [
    '\u212Aate@example.org',
    'kate\uFF20example.org',
    'kate@ex\u0430mple.org',
    'ＫＡＴＥ@example.org',
  ]) {
    it(`refuses a look-alike address: ${JSON.stringify(lookalike)}`, () => {
      const command = parseCommand(`assign 5.1 to ${lookalike}`, plan);
      assert.equal(command.kind, 'incomplete');
    });
  }
});
