import { strict as assert } from 'node:assert';
import { editDistance } from '../../domain/edit-distance';
import { pickSuggestions } from '../../domain/commands/suggestions';
import { parseCommand, type Command } from '../../domain/commands';
import { loadPlan } from '../../plan/load-plan';
import type { Plan } from '../../plan/plan-schema';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const FALLBACK = ['help', 'show plan', 'show priority 1'];
const PRIORITIES_1_TO_8 = 'The plan has priorities 1–8.';
const STATUS_EXAMPLE_NOTE = '<note>';

function updateStatus(actionId: string, ragWord: string, note: string): Command {
  return { kind: 'updateStatus', actionId, ragWord, note };
}

function whichAction(command: string, example: string): Command {
  return {
    kind: 'incomplete',
    message: `Which action? Actions are numbered within their priority, like ${example}.`,
    example: `${command} ${example}`,
  };
}

function notAStatus(
  typed: string,
  example: string,
  draft: { actionId: string; note?: string },
  nearMiss?: string,
): Command {
  const didYouMean = nearMiss ? ` Did you mean ${nearMiss}?` : '';
  return {
    kind: 'incomplete',
    message: `"${typed}" is not a status: use red, amber, green or complete.${didYouMean}`,
    example,
    draft,
  };
}

describe('parseCommand (with the shipped OSCB 2017-19 plan)', () => {
  let plan: Plan;
  before(() => {
    plan = loadPlan(shippedPlanFile);
  });

  const cases: [string, Command][] = [
    // help
    ['help', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['  HELP  ', { kind: 'help' }],
    ['Help!', { kind: 'help' }],
    ['show help', { kind: 'help' }],
    ['', { kind: 'help' }],

    // the plan and its aims
    ['show plan', { kind: 'showPlan' }],
    ['plan', { kind: 'showPlan' }],
    ['Show the plan.', { kind: 'showPlan' }],
    ['show\u00a0\u00a0plan', { kind: 'showPlan' }],
    ['show aim 2', { kind: 'showAim', aim: 2 }],
    ['AIM 3', { kind: 'showAim', aim: 3 }],
    ['show aim 4', { kind: 'notInPlan', what: 'aim', asked: '4', message: 'The plan has aims 1–3.' }],
    ['show aim', { kind: 'incomplete', message: 'Which aim? The plan has aims 1–3.', example: 'show aim 1' }],
    ['aim one', { kind: 'incomplete', message: 'Which aim? The plan has aims 1–3.', example: 'show aim 1' }],

    // priorities by number
    ['show priority 5', { kind: 'showPriority', priority: 5 }],
    ['priority 8', { kind: 'showPriority', priority: 8 }],
    ['p5', { kind: 'showPriority', priority: 5 }],
    ['show p5', { kind: 'showPriority', priority: 5 }],
    ['P 4', { kind: 'showPriority', priority: 4 }],
    ['show 5', { kind: 'showPriority', priority: 5 }],
    ['show priority 05', { kind: 'showPriority', priority: 5 }],
    ['show priority 9', { kind: 'notInPlan', what: 'priority', asked: '9', message: PRIORITIES_1_TO_8 }],
    ['p0', { kind: 'notInPlan', what: 'priority', asked: '0', message: PRIORITIES_1_TO_8 }],
    ['show 12', { kind: 'notInPlan', what: 'priority', asked: '12', message: PRIORITIES_1_TO_8 }],
    [
      'show priority',
      { kind: 'incomplete', message: `Which priority? ${PRIORITIES_1_TO_8}`, example: 'show priority 1' },
    ],
    ['show', { kind: 'incomplete', message: 'Show what?', example: 'show plan' }],

    // priorities by keyword or title words
    ['show neglect', { kind: 'showPriority', priority: 5 }],
    ['show adolescents', { kind: 'showPriority', priority: 4 }],
    ['Show Adolescent', { kind: 'showPriority', priority: 4 }],
    ['show board effectiveness', { kind: 'showPriority', priority: 1 }],
    ['show board', { kind: 'showPriority', priority: 1 }],
    ['show early help', { kind: 'showPriority', priority: 7 }],
    ['show priority neglect', { kind: 'showPriority', priority: 5 }],
    ['show domestic abuse', { kind: 'showPriority', priority: 2 }],
    ['show peer abuse', { kind: 'showPriority', priority: 4 }],
    ['show self-assessment', { kind: 'showPriority', priority: 8 }],
    ['show audits', { kind: 'showPriority', priority: 7 }],
    ['show the local communities', { kind: 'showPriority', priority: 3 }],
    ['show abuse', { kind: 'unknown', suggestions: ['show priority 2', 'show priority 4'] }],
    ['show neglct', { kind: 'unknown', suggestions: ['show priority 5'] }],
    ['show zebras', { kind: 'unknown', suggestions: FALLBACK }],

    // actions
    ['show action 5.1', { kind: 'showAction', actionId: '5.1' }],
    ['action 4.4', { kind: 'showAction', actionId: '4.4' }],
    ['show 2.3', { kind: 'showAction', actionId: '2.3' }],
    ['6.2', { kind: 'showAction', actionId: '6.2' }],
    ['show action 05.01', { kind: 'showAction', actionId: '5.1' }],
    ['show action 7.2.', { kind: 'showAction', actionId: '7.2' }],
    [
      'show action 5.9',
      { kind: 'notInPlan', what: 'action', asked: '5.9', message: 'Priority 5 has one action, 5.1.' },
    ],
    [
      'action 4.7',
      { kind: 'notInPlan', what: 'action', asked: '4.7', message: 'Priority 4 has actions 4.1–4.4.' },
    ],
    [
      'show action 9.1',
      {
        kind: 'notInPlan',
        what: 'action',
        asked: '9.1',
        message: `There is no action 9.1. ${PRIORITIES_1_TO_8}`,
      },
    ],
    ['show action', whichAction('show action', '1.1')],
    ['action 5', whichAction('show action', '5.1')],

    // status updates: the note keeps its case and inner spacing
    [
      'update 5.1 amber Audit report delayed; chasing Health',
      updateStatus('5.1', 'amber', 'Audit report delayed; chasing Health'),
    ],
    ['Update 4.2 GREEN', updateStatus('4.2', 'GREEN', '')],
    ['update 5.1 amber: Waiting on Police data', updateStatus('5.1', 'amber', 'Waiting on Police data')],
    ['update 5.1 amber - Waiting on Police data', updateStatus('5.1', 'amber', 'Waiting on Police data')],
    ['update 5.1 Amber – Waiting', updateStatus('5.1', 'Amber', 'Waiting')],
    ['update 5.1: red, no reply from schools', updateStatus('5.1', 'red', 'no reply from schools')],
    ['update 5.1 not started', updateStatus('5.1', 'not started', '')],
    ['update 5.1 Not-Started because reset', updateStatus('5.1', 'Not-Started', 'because reset')],
    [
      'update 5.1 complete\n- item one\n- item two',
      updateStatus('5.1', 'complete', '- item one\n- item two'),
    ],
    ['update 5.1 red   Two  spaces   kept  ', updateStatus('5.1', 'red', 'Two  spaces   kept')],
    ['update 5.1 to green on track', updateStatus('5.1', 'green', 'on track')],
    ['update action 2.3 done', updateStatus('2.3', 'done', '')],
    ['update 05.01 blue', updateStatus('5.1', 'blue', '')],
    [
      'update 5.9 amber late',
      { kind: 'notInPlan', what: 'action', asked: '5.9', message: 'Priority 5 has one action, 5.1.' },
    ],
    [
      'update 5.1',
      {
        kind: 'incomplete',
        message: 'What is the status of 5.1? Give red, amber, green or complete, then a note.',
        example: `update 5.1 amber ${STATUS_EXAMPLE_NOTE}`,
        draft: { actionId: '5.1' },
      },
    ],
    [
      'update',
      {
        kind: 'incomplete',
        message: 'Which action? Give its number, then the status and a note.',
        example: `update 1.1 amber ${STATUS_EXAMPLE_NOTE}`,
      },
    ],
    [
      'update amber late',
      {
        kind: 'incomplete',
        message: 'Which action? Give its number, then the status and a note.',
        example: `update 1.1 amber ${STATUS_EXAMPLE_NOTE}`,
      },
    ],
    [
      'update 5.1 purple',
      notAStatus('purple', `update 5.1 amber ${STATUS_EXAMPLE_NOTE}`, { actionId: '5.1' }),
    ],
    [
      'update 5.1 ambr late report',
      notAStatus('ambr', 'update 5.1 amber late report', { actionId: '5.1', note: 'late report' }, 'amber'),
    ],
    [
      'update 4.1 Grene',
      notAStatus('Grene', `update 4.1 green ${STATUS_EXAMPLE_NOTE}`, { actionId: '4.1' }, 'green'),
    ],
    ['update 5.1 50% done', notAStatus('50%', 'update 5.1 amber done', { actionId: '5.1', note: 'done' })],

    // owners
    [
      'assign 5.1 to jane.smith@agency.example',
      { kind: 'assignOwner', actionId: '5.1', ownerEmail: 'jane.smith@agency.example' },
    ],
    ['assign 5.1 Jane@X.org', { kind: 'assignOwner', actionId: '5.1', ownerEmail: 'jane@x.org' }],
    [
      'Assign action 2.3 to mailto:Sam.Jones@oxfordshire.gov.uk.',
      { kind: 'assignOwner', actionId: '2.3', ownerEmail: 'sam.jones@oxfordshire.gov.uk' },
    ],
    ['assign jane@x.org to 4.1', { kind: 'assignOwner', actionId: '4.1', ownerEmail: 'jane@x.org' }],
    ['assign 5.1 tom@x.org', { kind: 'assignOwner', actionId: '5.1', ownerEmail: 'tom@x.org' }],
    [
      'assign 5.1',
      {
        kind: 'incomplete',
        message: 'Who should own 5.1? Give their email address.',
        example: 'assign 5.1 to <their email address>',
      },
    ],
    [
      'assign 5.1 to jane@',
      {
        kind: 'incomplete',
        message: '"jane@" does not look like an email address.',
        example: 'assign 5.1 to <their email address>',
      },
    ],
    [
      'assign 5.1 to Jane Smith',
      {
        kind: 'incomplete',
        message: '"Jane Smith" does not look like an email address.',
        example: 'assign 5.1 to <their email address>',
      },
    ],
    [
      'assign 5.1 to jane..smith@x.org',
      {
        kind: 'incomplete',
        message: '"jane..smith@x.org" does not look like an email address.',
        example: 'assign 5.1 to <their email address>',
      },
    ],
    [
      'assign 5.9 to jane@x.org',
      { kind: 'notInPlan', what: 'action', asked: '5.9', message: 'Priority 5 has one action, 5.1.' },
    ],
    [
      'assign',
      {
        kind: 'incomplete',
        message: 'Which action, and who should own it? Give the action number and their email address.',
        example: 'assign 1.1 to <their email address>',
      },
    ],

    // the rest
    ['my actions', { kind: 'myActions' }],
    ['My Actions!', { kind: 'myActions' }],
    ['show my actions', { kind: 'myActions' }],
    ['history 5.1', { kind: 'history', actionId: '5.1' }],
    ['history of 4.2', { kind: 'history', actionId: '4.2' }],
    ['show history for action 2.4', { kind: 'history', actionId: '2.4' }],
    [
      'history 5.9',
      { kind: 'notInPlan', what: 'action', asked: '5.9', message: 'Priority 5 has one action, 5.1.' },
    ],
    ['history', whichAction('history', '1.1')],
    ['history 4', whichAction('history', '4.1')],
    ['preview digest', { kind: 'previewDigest' }],
    ['post digest', { kind: 'postDigest' }],
    ['Post the digest', { kind: 'postDigest' }],
    ['set board channel', { kind: 'setBoardChannel' }],
    ['set the board channel here', { kind: 'setBoardChannel' }],

    // near misses: closest first, keeping what was typed after the command words
    ['shwo priority 5', { kind: 'unknown', suggestions: ['show priority 5'] }],
    ['hlep', { kind: 'unknown', suggestions: ['help'] }],
    ['help me', { kind: 'unknown', suggestions: ['help'] }],
    ['histroy 5.1', { kind: 'unknown', suggestions: ['history 5.1'] }],
    ['my action', { kind: 'unknown', suggestions: ['my actions'] }],
    ['updte 5.1 amber Late report', { kind: 'unknown', suggestions: ['update 5.1 amber Late report'] }],
    ['show acton 5.1', { kind: 'unknown', suggestions: ['show action 5.1'] }],
    ['sho plan', { kind: 'unknown', suggestions: ['show plan'] }],
    ['pots digest', { kind: 'unknown', suggestions: ['post digest'] }],
    ['previwe digest', { kind: 'unknown', suggestions: ['preview digest'] }],
    ['neglect', { kind: 'unknown', suggestions: ['show priority 5'] }],
    ['what is going on', { kind: 'unknown', suggestions: FALLBACK }],
    ['<b>bold</b>', { kind: 'unknown', suggestions: FALLBACK }],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected.kind}`, () => {
      assert.deepEqual(parseCommand(text, plan), expected);
    });
  }

  it('keeps a long mistyped update within a button payload', () => {
    const note = 'word '.repeat(40).trim();
    const parsed = parseCommand(`updat 5.1 amber ${note}`, plan);
    assert.equal(parsed.kind, 'unknown');
    const [suggestion] = parsed.kind === 'unknown' ? parsed.suggestions : [];
    assert.ok(suggestion.startsWith('update 5.1 amber word'));
    assert.ok(suggestion.length <= 100);
  });
});

describe('editDistance', () => {
  const cases: [string, string, number][] = [
    ['help', 'help', 0],
    ['hlep', 'help', 1],
    ['histroy', 'history', 1],
    ['shwo', 'show', 1],
    ['my action', 'my actions', 1],
    ['', 'plan', 4],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
  ];
  for (const [a, b, expected] of cases) {
    it(`${JSON.stringify(a)} ↔ ${JSON.stringify(b)} = ${expected}`, () => {
      assert.equal(editDistance(a, b), expected);
      assert.equal(editDistance(b, a), expected);
    });
  }
});

describe('pickSuggestions', () => {
  it('orders by distance, keeps the given order on ties, drops duplicates and what was typed', () => {
    const picked = pickSuggestions(
      [
        { command: 'show priority 2', distance: 2 },
        { command: 'show aim 2', distance: 1 },
        { command: 'Show Aim 2', distance: 1 },
        { command: 'shw aim 2', distance: 0 },
        { command: 'show action 2.1', distance: 1 },
        { command: 'history 2.1', distance: 3 },
      ],
      'shw  aim 2',
    );
    assert.deepEqual(picked, ['show aim 2', 'show action 2.1', 'show priority 2']);
  });

  it('falls back to help, the plan and the first priority', () => {
    assert.deepEqual(pickSuggestions([], 'zzz'), FALLBACK);
  });
});
