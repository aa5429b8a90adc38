import { strict as assert } from 'node:assert';
import * as cards from '../../cards';
import type { AdaptiveCardJson } from '../../cards';
import type { CardNode } from './card-walk';
import * as fixtures from './fixtures';

/** Places where people's own words (notes, names, typed text) reach a card. */
const SLOTS: readonly { slot: string; build: (text: string) => AdaptiveCardJson }[] = [
  {
    slot: 'priority card: note',
    build: (note) =>
      cards.buildPriorityCard(
        fixtures.priority([fixtures.actionSummary({ status: { rag: 'red', note, updatedAgo: 'today' } })]),
      ),
  },
  {
    slot: 'priority card: owner and updated by',
    build: (name) =>
      cards.buildPriorityCard(
        fixtures.priority([fixtures.actionSummary({ owner: name, status: { rag: 'red', updatedBy: name } })]),
      ),
  },
  {
    slot: 'action card: note',
    build: (note) =>
      cards.buildActionCard({ ...fixtures.fullAction, status: { ...fixtures.fullAction.status, note } }),
  },
  {
    slot: 'action card: owner and updated by',
    build: (name) =>
      cards.buildActionCard({
        ...fixtures.fullAction,
        owner: name,
        status: { ...fixtures.fullAction.status, updatedBy: name },
      }),
  },
  {
    slot: 'action card: draft note',
    build: (draftNote) =>
      cards.buildActionCard({
        ...fixtures.fullAction,
        form: { baseVersion: 1, draftNote, submitLabel: 'Save update' },
      }),
  },
  {
    slot: 'action card: notice',
    build: (text) => cards.buildActionCard({ ...fixtures.fullAction, notice: { tone: 'warning', text } }),
  },
  {
    slot: 'my actions card: owner name and note',
    build: (text) =>
      cards.buildMyActionsCard({
        ownerName: text,
        actions: [{ ...fixtures.actionSummary({ status: { rag: 'green', note: text } }), priorityNumber: 5 }],
      }),
  },
  {
    slot: 'history card: note, who and new owner',
    build: (text) =>
      cards.buildHistoryCard({
        ...fixtures.fullHistory,
        entries: [
          { number: 3, kind: 'status', when: 'Mon', ago: 'today', who: text, to: 'red', note: text },
          { number: 2, kind: 'owner', when: 'Mon', ago: 'today', who: 'Admin', newOwner: text },
          { number: 1, kind: 'redaction', when: 'Mon', ago: 'today', who: 'Admin', reason: text },
        ],
      }),
  },
  {
    slot: 'action card: impact, corrective action and lead agency',
    build: (text) =>
      cards.buildActionCard({
        ...fixtures.fullAction,
        lead: text,
        status: { ...fixtures.fullAction.status, impact: text, correctiveAction: text },
      }),
  },
  {
    slot: 'action card: draft impact, evidence link and corrective action',
    build: (text) =>
      cards.buildActionCard({
        ...fixtures.fullAction,
        form: {
          baseVersion: 1,
          draftImpact: text,
          draftEvidenceLink: text,
          draftCorrectiveAction: text,
          submitLabel: 'Save update',
        },
      }),
  },
  {
    slot: 'history card: impact, corrective action, target reason, lead agencies',
    build: (text) =>
      cards.buildHistoryCard({
        ...fixtures.boardCycleHistory,
        entries: [
          {
            number: 4,
            kind: 'status',
            when: 'Mon',
            ago: 'today',
            who: 'A',
            to: 'red',
            impact: text,
            correctiveAction: text,
          },
          {
            number: 3,
            kind: 'target',
            when: 'Mon',
            ago: 'today',
            who: 'A',
            targetDate: '1 May 2027',
            reason: text,
          },
          {
            number: 2,
            kind: 'lead',
            when: 'Mon',
            ago: 'today',
            who: 'A',
            leadAgency: text,
            previousLeadAgency: text,
          },
        ],
      }),
  },
  {
    slot: 'notice card: title and text',
    build: (text) => cards.buildNoticeCard({ tone: 'attention', title: text, text, suggestions: [] }),
  },
  {
    slot: 'personal-data check card: note',
    build: (note) => cards.buildPersonalDataCheckCard({ ...fixtures.personalDataCheck, note }),
  },
];

const SENTINEL = 'SENTINEL-TEXT-7f3a';

describe('people’s words on cards', () => {
  for (const { slot, build } of SLOTS) {
    describe(slot, () => {
      for (const text of fixtures.HOSTILE_TEXTS) {
        it(`shows ${JSON.stringify(text)} literally and changes nothing else`, () => {
          const expected = JSON.stringify(build(SENTINEL))
            .split(SENTINEL)
            .join(JSON.stringify(text).slice(1, -1));
          assert.equal(JSON.stringify(build(text)), expected);
        });
      }

      it('puts them only where nothing is rendered as Markdown: TextRuns, input values, button data', () => {
        const holders = holdersOf(build(SENTINEL), SENTINEL);
        assert.ok(holders.length > 0);
        for (const holder of holders) {
          assert.ok(
            ['TextRun.text', 'Input.Text.value', 'action data'].includes(holder),
            `the text is in ${holder}`,
          );
        }
      });
    });
  }

  it('the templating engine does not evaluate expressions in data', () => {
    const card = cards.buildNoticeCard({
      tone: 'default',
      title: '${text}',
      text: '${title}',
      suggestions: [],
    });
    assert.match(JSON.stringify(card), /"text":"\$\{text\}"/);
    assert.match(JSON.stringify(card), /"text":"\$\{title\}"/);
  });
});

/** Where each string containing `text` sits: "TextRun.text", "Input.Text.value", "action data" or other. */
function holdersOf(value: unknown, text: string, holder?: CardNode, key?: string, inData = false): string[] {
  if (typeof value === 'string') {
    if (!value.includes(text)) return [];
    if (inData) return ['action data'];
    return [`${String(holder?.type)}.${key}`];
  }
  if (Array.isArray(value)) return value.flatMap((item) => holdersOf(item, text, holder, key, inData));
  if (typeof value !== 'object' || value === null) return [];
  const node = value as CardNode;
  const isAction = typeof node.type === 'string' && node.type.startsWith('Action.');
  return Object.entries(node).flatMap(([childKey, child]) =>
    holdersOf(child, text, node, childKey, inData || (isAction && childKey === 'data')),
  );
}
