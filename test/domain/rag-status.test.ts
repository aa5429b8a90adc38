import { strict as assert } from 'node:assert';
import {
  RAG_LABELS,
  RAG_STATUSES,
  parseRagWord,
  ragDirection,
  validateStatusUpdate,
  type RagDirection,
  type RagStatus,
  type StatusUpdateCheck,
} from '../../domain/rag-status';

describe('RAG status', () => {
  describe('parseRagWord', () => {
    const cases: [string, RagStatus | undefined][] = [
      ['red', 'red'],
      ['RED', 'red'],
      ['Amber', 'amber'],
      ['  green  ', 'green'],
      ['complete', 'complete'],
      ['Completed', 'complete'],
      ['done', 'complete'],
      ['blue', 'complete'],
      ['not started', 'not_started'],
      ['Not Started', 'not_started'],
      ['not-started', 'not_started'],
      ['notstarted', 'not_started'],
      ['not_started', 'not_started'],
      ['not  started', 'not_started'],
      ['purple', undefined],
      ['ambr', undefined],
      ['', undefined],
      ['started', undefined],
      ['not', undefined],
      ['red amber', undefined],
      ['greenish', undefined],
    ];
    for (const [word, expected] of cases) {
      it(`${JSON.stringify(word)} → ${String(expected)}`, () => {
        assert.equal(parseRagWord(word), expected);
      });
    }
  });

  it('has a label for every status', () => {
    assert.deepEqual(
      RAG_STATUSES.map((rag) => RAG_LABELS[rag]),
      ['Not started', 'Red', 'Amber', 'Green', 'Complete'],
    );
  });

  describe('validateStatusUpdate', () => {
    const NOTE_NEEDED = 'A note is needed for red and amber: what is wrong and what is being done.';
    const cases: [string, { rag: RagStatus; note: string }, StatusUpdateCheck][] = [
      ['green with no note', { rag: 'green', note: '' }, { ok: true, note: '' }],
      ['complete with no note', { rag: 'complete', note: '   ' }, { ok: true, note: '' }],
      ['red with no note', { rag: 'red', note: '' }, { ok: false, problem: NOTE_NEEDED }],
      ['amber with only spaces', { rag: 'amber', note: ' \n\t ' }, { ok: false, problem: NOTE_NEEDED }],
      [
        'amber with only control characters',
        { rag: 'amber', note: '\u0000\u0007' },
        { ok: false, problem: NOTE_NEEDED },
      ],
      [
        'amber with a note, trimmed',
        { rag: 'amber', note: '  Audit late  ' },
        { ok: true, note: 'Audit late' },
      ],
      [
        'red keeps inner spacing',
        { rag: 'red', note: 'Two  spaces\tand a tab' },
        { ok: true, note: 'Two  spaces\tand a tab' },
      ],
      [
        'control characters are stripped',
        { rag: 'green', note: 'On\u0000 tra\u001bck\u007f' },
        { ok: true, note: 'On track' },
      ],
      [
        'C1 control characters are stripped',
        { rag: 'green', note: 'On\u0085 track' },
        { ok: true, note: 'On track' },
      ],
      [
        'Windows line endings become newlines',
        { rag: 'green', note: 'One\r\nTwo\rThree' },
        { ok: true, note: 'One\nTwo\nThree' },
      ],
      [
        'two blank lines are kept',
        { rag: 'green', note: 'One\n\n\nTwo' },
        { ok: true, note: 'One\n\n\nTwo' },
      ],
      [
        'more blank lines collapse to two',
        { rag: 'green', note: 'One\n\n\n\n\n\nTwo' },
        { ok: true, note: 'One\n\n\nTwo' },
      ],
      [
        'blank lines holding spaces collapse too',
        { rag: 'green', note: 'One\n \n\t\n  \n\nTwo' },
        { ok: true, note: 'One\n\n\nTwo' },
      ],
      ['emoji are kept', { rag: 'green', note: 'On track 👍' }, { ok: true, note: 'On track 👍' }],
      [
        'not started is refused even with a note',
        { rag: 'not_started', note: 'Reset' },
        {
          ok: false,
          problem:
            'An update cannot set an action back to "Not started". Please choose red, amber, green or complete.',
        },
      ],
      [
        'exactly 1,000 characters',
        { rag: 'red', note: 'x'.repeat(1000) },
        { ok: true, note: 'x'.repeat(1000) },
      ],
      [
        '1,001 characters',
        { rag: 'red', note: 'x'.repeat(1001) },
        {
          ok: false,
          problem: 'A note can be at most 1,000 characters; this one has 1,001. Please shorten it.',
        },
      ],
      [
        'length is counted after trimming',
        { rag: 'green', note: `  ${'x'.repeat(1000)}  \n` },
        { ok: true, note: 'x'.repeat(1000) },
      ],
      [
        'length is counted in characters, not UTF-16 units',
        { rag: 'green', note: '👍'.repeat(1000) },
        { ok: true, note: '👍'.repeat(1000) },
      ],
      [
        'a long note says how long it is',
        { rag: 'amber', note: 'y'.repeat(2345) },
        {
          ok: false,
          problem: 'A note can be at most 1,000 characters; this one has 2,345. Please shorten it.',
        },
      ],
    ];
    for (const [name, update, expected] of cases) {
      it(name, () => {
        assert.deepEqual(validateStatusUpdate(update), expected);
      });
    }
  });

  describe('ragDirection', () => {
    const cases: [RagStatus, RagStatus, RagDirection][] = [
      ['red', 'amber', 'up'],
      ['amber', 'green', 'up'],
      ['red', 'green', 'up'],
      ['green', 'amber', 'down'],
      ['amber', 'red', 'down'],
      ['complete', 'green', 'down'],
      ['complete', 'red', 'down'],
      ['green', 'complete', 'completed'],
      ['red', 'complete', 'completed'],
      ['not_started', 'complete', 'completed'],
      ['not_started', 'red', 'up'],
      ['not_started', 'green', 'up'],
      ['red', 'not_started', 'down'],
      ['amber', 'amber', 'same'],
      ['complete', 'complete', 'same'],
      ['not_started', 'not_started', 'same'],
    ];
    for (const [from, to, expected] of cases) {
      it(`${from} → ${to} is ${expected}`, () => {
        assert.equal(ragDirection(from, to), expected);
      });
    }
  });
});
