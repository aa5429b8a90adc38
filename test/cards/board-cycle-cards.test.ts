import { strict as assert } from 'node:assert';
import * as cards from '../../cards';
import { CARD_BYTE_BUDGET, cardBytes, runCommandPayload } from '../../cards';
import { digestText } from '../../cards/digest-text';
import type { DigestView } from '../../views/digest-view-model';
import { buttons, ofType, visibleText } from './card-walk';
import * as fixtures from './fixtures';

/** What a reader sees, one line per TextBlock and per RichTextBlock (its runs joined). */
function lines(card: cards.AdaptiveCardJson): string {
  return [
    ...ofType(card, 'TextBlock').map((block) => String(block.text)),
    ...ofType(card, 'RichTextBlock').map((block) =>
      (block.inlines as { text: string }[]).map((inline) => inline.text).join(''),
    ),
  ].join('\n');
}

function commands(card: cards.AdaptiveCardJson): string[] {
  return buttons(card).map((button) => runCommandPayload.parse(button.data).command);
}

const digestView: DigestView = {
  title: 'OSCB Business Plan',
  weekLabel: 'Week 48, 23–29 Nov 2026',
  changesSince: 'Since the last digest, Mon 16 Nov 2026, 08:00',
  totals: fixtures.counts({ red: 1, amber: 1 }),
  perPriority: [
    { number: 2, title: 'Joint work', counts: fixtures.counts({ red: 1 }), travel: '↓ 1 worsening' },
    { number: 4, title: 'Adolescents', counts: fixtures.counts({ amber: 1 }) },
  ],
  attention: fixtures.fullExceptions.groups,
  moreAttention: 0,
  changes: [],
  moreChanges: 0,
  redAndAmber: [],
  moreRedAmber: 0,
  staleDays: 14,
  stale: [],
  moreStale: 0,
};

describe('board-cycle cards', () => {
  describe('exceptions', () => {
    it('shows each row: action, reasons, owner, lead, update, direction, persistence, target, corrective action', () => {
      const text = lines(cards.buildExceptionsCard(fixtures.fullExceptions));
      for (const expected of [
        'Priority 2: Joint work with OSAB',
        '2.1 Audit the use of the neglect toolkit',
        'overdue by 12 days',
        'Owner: Jane Smith',
        'Lead: Thames Valley Police',
        'updated 20 days ago',
        '↓ worsening (was Amber)',
        'Red for 3 weeks',
        'target 30 June 2027 (revised from 31 March 2027)',
        'Corrective action: Extra audit capacity agreed with the CCG.',
        'no corrective action recorded',
        'Amber with no change for 3 digests',
        'never updated',
        '4 actions, by priority',
      ]) {
        assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
      }
    });

    it('says plainly when nothing needs attention', () => {
      assert.match(
        visibleText(cards.buildExceptionsCard(fixtures.emptyExceptions)),
        /Nothing needs the board/,
      );
    });

    it('trims the worst case to fit and says how many actions, in which priorities, were left off', () => {
      const card = cards.buildExceptionsCard(fixtures.worstExceptions);
      assert.ok(cardBytes(card) <= CARD_BYTE_BUDGET);
      const shown = ofType(card, 'RichTextBlock').filter((block) =>
        JSON.stringify(block).includes('Corrective action: '),
      ).length;
      assert.ok(shown > 0 && shown < 64, `${shown} shown`);
      const more = new RegExp(`and ${64 - shown} more actions, in priorities [0-9, and]+, do not fit`);
      assert.match(visibleText(card), more);
      assert.ok(
        commands(card).every((command) => command === 'show plan' || command.startsWith('show action')),
      );
    });
  });

  describe('agency', () => {
    it("lists the agency's actions with status, owner, update, direction and dates", () => {
      const text = lines(cards.buildAgencyCard(fixtures.fullAgency));
      for (const expected of [
        'Thames Valley Police',
        '2 actions in the plan',
        '4.2 Tackle child sexual exploitation',
        'Jane Smith (jane@police.example)',
        '↑ improving (was Red)',
        'Amber for 3 days',
        'overdue by 12 days',
        'target 11 November 2026',
        'No owner yet',
        'never updated',
      ]) {
        assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
      }
      assert.deepEqual(commands(cards.buildAgencyCard(fixtures.fullAgency)), [
        'show action 4.2',
        'show action 5.1',
        'exceptions',
        'show plan',
      ]);
    });

    it('shows as many actions as fit and counts the rest', () => {
      const card = cards.buildAgencyCard(fixtures.worstAgency);
      assert.ok(cardBytes(card) <= CARD_BYTE_BUDGET);
      const shown = commands(card).filter((command) => command.startsWith('show action')).length;
      assert.ok(shown > 0 && shown < 60);
      assert.match(visibleText(card), new RegExp(`and ${60 - shown} more actions not shown`));
    });
  });

  describe('priority card', () => {
    it('puts direction, persistence, overdue, target and lead under each action', () => {
      const text = lines(cards.buildPriorityCard(fixtures.cyclePriority));
      assert.match(
        text,
        /↓ worsening \(was Green\) · Amber for 4 weeks · overdue by 12 days · target 31 March 2027 · lead /,
      );
    });
  });

  describe('digest', () => {
    it('has "Needs the board’s attention" with a button to the full report, and the travel per priority', () => {
      const card = cards.buildDigestCard(digestView);
      const text = lines(card);
      assert.match(text, /Needs the board's attention/);
      assert.match(text, /no corrective action recorded/);
      assert.match(text, /2 Joint work: ↓ 1 worsening/);
      assert.ok(commands(card).includes('exceptions'));
    });

    it('counts the attention rows it had to leave off', () => {
      const card = cards.buildDigestCard({
        ...digestView,
        attention: fixtures.worstExceptions.groups,
        moreAttention: 3,
      });
      assert.ok(cardBytes(card) <= CARD_BYTE_BUDGET);
      const more = /and (\d+) more actions: the full report has every one/.exec(visibleText(card));
      assert.ok(more && Number(more[1]) > 3, visibleText(card).slice(0, 400));
    });

    it('says the same in its text form', () => {
      const text = digestText(digestView);
      assert.match(text, /Priority 2 Joint work: .* · ↓ 1 worsening/);
      assert.match(text, /Needs the board's attention\n {2}Priority 2: Joint work with OSAB\n {4}Red 2\.1/);
      assert.match(text, /Corrective action: Extra audit capacity/);
      assert.match(text, /Full report: exceptions/);
    });
  });
});
