import { strict as assert } from 'node:assert';
import { checkRedactionReason, redactedNoteText, withoutRemovedText } from '../../domain/redaction';

const NOW = new Date('2026-12-02T10:00:00Z');

describe('redaction rules', () => {
  const reasons: [string, boolean, RegExp?][] = [
    ['Identified a child', true],
    ['  two\nlines  ', true],
    ['', false, /needs a reason/],
    [' \u200b ', false, /needs a reason/],
    ['x'.repeat(301), false, /300/],
    ['it held 943 476 5919', false, /NHS number/],
  ];
  for (const [typed, ok, problem] of reasons) {
    it(`reason ${JSON.stringify(typed.slice(0, 30))} is ${ok ? 'accepted' : 'refused'}`, () => {
      const checked = checkRedactionReason(typed, NOW);
      assert.equal(checked.ok, ok, JSON.stringify(checked));
      if (!checked.ok && problem) assert.match(checked.problem, problem);
    });
  }

  it('says who, when (board date) and why', () => {
    assert.equal(
      redactedNoteText('Chris Chair', new Date('2026-12-01T23:30:00Z'), 'Europe/London', 'Named a child'),
      '[redacted by Chris Chair, 1 Dec 2026: Named a child]',
    );
  });

  describe('removing copies from stored JSON', () => {
    const removed = 'child 943 476 5919 seen at home, plan agreed';
    const replacement = '[redacted]';

    it('replaces whole copies, copies inside longer text and copies cut short with "…"', () => {
      const card = {
        body: [
          { type: 'TextRun', text: removed },
          { type: 'TextBlock', text: `Note: ${removed} (owner)` },
          { type: 'TextRun', text: 'child 943 476 5919 seen…' },
          { type: 'TextRun', text: 'unrelated note' },
          { type: 'TextRun', text: 'child…' },
        ],
        count: 3,
      };
      assert.deepEqual(withoutRemovedText(card, removed, replacement), {
        body: [
          { type: 'TextRun', text: replacement },
          { type: 'TextBlock', text: `Note: ${replacement} (owner)` },
          { type: 'TextRun', text: replacement },
          { type: 'TextRun', text: 'unrelated note' },
          { type: 'TextRun', text: 'child…' },
        ],
        count: 3,
      });
    });

    it('says when there was nothing to remove', () => {
      assert.equal(withoutRemovedText({ text: 'other' }, removed, replacement), undefined);
    });
  });
});
