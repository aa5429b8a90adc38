import { strict as assert } from 'node:assert';
import { buildDigestCard, CARD_BYTE_BUDGET, cardBytes, runCommandPayload } from '../../cards';
import type { DigestChangeView, DigestView } from '../../views/digest-view-model';
import type { ActionStatus } from '../../domain/action-status';
import { buildDigest } from '../../views/digest-view';
import { snapshotOf } from '../../domain/digest/digest-snapshot';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { buttons, ofType, visibleText } from './card-walk';
import { assertNoUnboundFields, assertValidCard, TEAMS_CARD_BYTE_LIMIT } from './card-validation';
import { isChart, parseWithSdk, withChartsFallenBack } from './chart-fallback';
import { costlyText, counts, HOSTILE_TEXTS, words } from './fixtures';

const plan = loadPlan(shippedPlanFile);
const NOW = new Date('2026-11-23T08:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const actions = plan.priorities.flatMap((priority) => priority.actions);

/** Every action of the shipped plan moved to red this week with a 1,000-character note, and all stale. */
function worstCaseView(): DigestView {
  const longAgo = new Date(NOW.getTime() - 60 * DAY);
  const previous = snapshotOf(
    new Map(actions.map((action) => [action.id, { actionId: action.id, rag: 'green', version: 1 }])),
    plan,
    longAgo,
  );
  const statuses = new Map<string, ActionStatus>(
    actions.map((action, index) => [
      action.id,
      {
        actionId: action.id,
        rag: index % 2 === 0 ? 'red' : 'amber',
        version: 2,
        note: costlyText(1000),
        updatedAt: new Date(longAgo.getTime() + DAY).toISOString(),
        updatedByName: costlyText(60),
        ownerEmail: `owner${index}@agency.example`,
        ownerName: costlyText(60),
      },
    ]),
  );
  return buildDigest({
    plan,
    statuses,
    previous,
    now: NOW,
    staleDays: 14,
    timeZone: 'Europe/London',
    unreachableOwners: new Set(actions.map((_, index) => `owner${index}@agency.example`)),
  }).view;
}

function change(index: number, fields: Partial<DigestChangeView> = {}): DigestChangeView {
  return {
    actionId: `${(index % 8) + 1}.${index + 1}`,
    title: `Action ${index + 1}`,
    kind: 'up',
    fromRag: 'red',
    toRag: 'amber',
    owner: 'Jane Smith',
    by: 'Sam Jones',
    note: words(300),
    ...fields,
  };
}

const typicalView: DigestView = {
  title: plan.title,
  weekLabel: 'Week 48, 23–29 Nov 2026',
  changesSince: 'Since the last digest, Mon 16 Nov 2026, 08:00',
  totals: counts({ red: 2, amber: 1, green: 5, complete: 1, not_started: 7 }),
  perPriority: plan.priorities.map((priority) => ({
    number: priority.number,
    title: priority.title,
    counts: counts(
      priority.number === 5
        ? { red: 1 }
        : priority.number === 2
          ? { red: 1, amber: 1, green: 2 }
          : { not_started: priority.actions.length },
    ),
  })),
  changes: [
    change(0, { actionId: '2.3', kind: 'newlyRed', fromRag: 'amber', toRag: 'red' }),
    change(1, { actionId: '4.1', kind: 'updated', fromRag: 'green', toRag: 'green', note: undefined }),
  ],
  moreChanges: 0,
  redAndAmber: [
    {
      actionId: '2.3',
      title: 'Housing',
      rag: 'red',
      owner: 'Jane Smith',
      note: words(300),
      updatedAgo: '3 days ago',
    },
    { actionId: '5.1', title: 'Neglect', rag: 'red', note: 'Short note' },
    { actionId: '2.1', title: 'OSAB', rag: 'amber', owner: 'Ann Lee', note: 'Slipping' },
  ],
  moreRedAmber: 0,
  staleDays: 14,
  stale: [
    { actionId: '8.1', title: 'Risk', rag: 'not_started', ownerNotReachable: false },
    {
      actionId: '6.1',
      title: 'Learning',
      rag: 'green',
      owner: 'Sam Jones',
      ownerNotReachable: true,
      daysSinceUpdate: 20,
    },
  ],
  moreStale: 0,
  attention: [],
  moreAttention: 0,
};

const emptyView: DigestView = {
  ...typicalView,
  changesSince: 'Since the plan started',
  totals: counts({ not_started: 16 }),
  perPriority: typicalView.perPriority.map((priority) => ({ ...priority, counts: counts() })),
  changes: [],
  redAndAmber: [],
  stale: [],
};

function chartOf(card: ReturnType<typeof buildDigestCard>) {
  const charts = [...ofType(card, 'Chart.HorizontalBar.Stacked')];
  assert.equal(charts.length, 1);
  return charts[0] as {
    data: { title: string; data: { legend: string; value: number; color: string }[] }[];
    fallback: ReturnType<typeof buildDigestCard>;
  };
}

describe('digest card', () => {
  const samples: [string, () => DigestView][] = [
    ['typical', () => typicalView],
    ['empty', () => emptyView],
    ['worst case', worstCaseView],
  ];

  for (const [sample, view] of samples) {
    describe(sample, () => {
      it('is valid Adaptive Cards 1.5, full width, under 28 KB, once its chart falls back', () => {
        assertValidCard(withChartsFallenBack(buildDigestCard(view())));
      });

      it('parses in Microsoft’s SDK with only the chart unknown, which it replaces by the fallback', () => {
        const card = buildDigestCard(view());
        const { events, understood } = parseWithSdk(card);
        assert.deepEqual(events, [
          'UnknownElementType: Unknown element type "Chart.HorizontalBar.Stacked". Fallback will be used if present.',
        ]);
        assert.deepEqual(understood, parseWithSdk(withChartsFallenBack(card)).understood);
      });

      it('has no template expressions left unbound', () => {
        assertNoUnboundFields(buildDigestCard(view()));
      });
    });
  }

  describe('chart', () => {
    const card = buildDigestCard(typicalView);
    const chart = chartOf(card);

    it('has one stacked bar per priority, a segment per RAG in Teams’ colour names', () => {
      assert.deepEqual(
        chart.data.map((bar) => bar.title),
        plan.priorities.map((priority) => `${priority.number} ${priority.title}`),
      );
      assert.deepEqual(chart.data[1].data, [
        { legend: 'Red', value: 1, color: 'attention' },
        { legend: 'Amber', value: 1, color: 'warning' },
        { legend: 'Green', value: 2, color: 'good' },
        { legend: 'Complete', value: 0, color: 'categoricalBlue' },
        { legend: 'Not started', value: 0, color: 'neutral' },
      ]);
    });

    it('falls back to a table with a row per priority', () => {
      assert.equal(chart.fallback.type, 'Container');
      const rows = ofType(chart.fallback, 'ColumnSet');
      assert.equal(rows.length, plan.priorities.length);
      const fifth = ofType({ ...card, body: [rows[4]] } as ReturnType<typeof buildDigestCard>, 'TextRun');
      assert.deepEqual(
        fifth.map((run) => [run.text, run.color]),
        [
          ['5 Address neglect', undefined],
          ['● 1 red', 'Attention'],
          ['  ● 0 amber', 'Warning'],
          ['  ● 0 green', 'Good'],
          ['  ● 0 complete', 'Accent'],
          ['  ● 0 not started', undefined],
        ],
      );
    });

    it('is the only element that needs a fallback', () => {
      const elements = JSON.stringify(card).match(/"type":"Chart\.[^"]*"/g) ?? [];
      assert.deepEqual(elements, ['"type":"Chart.HorizontalBar.Stacked"']);
      assert.ok(ofType(card, 'Chart.HorizontalBar.Stacked').every((node) => isChart(node) && node.fallback));
    });
  });

  describe('sections', () => {
    it('shows the week, the totals and the three sections with the view’s staleness threshold', () => {
      const text = visibleText(buildDigestCard({ ...typicalView, staleDays: 21 }));
      for (const expected of [
        'Weekly digest',
        'Week 48, 23–29 Nov 2026',
        '● Red 2',
        '● Not started 7',
        'What moved',
        'Since the last digest, Mon 16 Nov 2026, 08:00',
        'Red and amber',
        'Not updated in 21 days',
      ]) {
        assert.ok(text.includes(expected), `missing "${expected}" in\n${text}`);
      }
    });

    it('says how each action moved and who moved it', () => {
      const text = visibleText(buildDigestCard(typicalView));
      assert.ok(text.includes('▼ Newly red\n: \n● Amber\n → \n● Red'), text);
      assert.ok(text.includes('New note\n, still \n● Green'), text);
      assert.ok(text.includes(' · owner \nJane Smith\n · by \nSam Jones'), text);
    });

    it('marks actions with no owner and owners Teams cannot reach, and how long each has been silent', () => {
      const text = visibleText(buildDigestCard(typicalView));
      assert.ok(text.includes('8.1 Risk\n · \nNo owner\n · never updated'), text);
      assert.ok(
        text.includes(
          '6.1 Learning\n · owner \nSam Jones\n (not reachable in Teams)\n · last updated 20 days ago',
        ),
        text,
      );
    });

    it('says so when a section is empty', () => {
      const text = visibleText(buildDigestCard(emptyView));
      assert.ok(text.includes('Nothing moved.'));
      assert.ok(text.includes('No action is red or amber.'));
      assert.ok(text.includes('Every action in progress has been updated.'));
      assert.ok(!/and \d+ more/.test(text));
    });
  });

  describe('text from people', () => {
    for (const hostile of HOSTILE_TEXTS) {
      it(`shows ${JSON.stringify(hostile)} literally, as a TextRun`, () => {
        const card = buildDigestCard({
          ...typicalView,
          changes: [change(0, { note: hostile, owner: hostile, by: hostile })],
          redAndAmber: [{ actionId: '5.1', title: 'Neglect', rag: 'red', owner: hostile, note: hostile }],
          stale: [
            { actionId: '5.1', title: 'Neglect', rag: 'red', owner: hostile, ownerNotReachable: false },
          ],
        });
        const literal = ofType(card, 'TextRun').filter((run) => run.text === hostile);
        assert.equal(literal.length, 6);
        assert.ok(!ofType(card, 'TextBlock').some((block) => String(block.text).includes(hostile)));
      });
    }
  });

  describe('size', () => {
    it('the worst case (16 changed, red or amber and stale, 1,000-character notes) fits', () => {
      const card = buildDigestCard(worstCaseView());
      assert.ok(cardBytes(card) <= CARD_BYTE_BUDGET, String(cardBytes(card)));
      assert.ok(cardBytes(card) < TEAMS_CARD_BYTE_LIMIT);
      const text = visibleText(card);
      assert.ok(
        text.includes('What moved') &&
          text.includes('Red and amber') &&
          text.includes('Not updated in 14 days'),
      );
    });

    it('cuts notes to 200 characters, ending in "…"', () => {
      const card = buildDigestCard({
        ...typicalView,
        changes: [change(0, { actionId: '6.1', kind: 'up', fromRag: 'green', toRag: 'complete' })],
      });
      const cut = ofType(card, 'TextRun').filter((run) => String(run.text).startsWith(words(50)));
      assert.equal(cut.length, 2);
      for (const run of cut) {
        assert.equal(Array.from(String(run.text)).length, 200);
        assert.ok(String(run.text).endsWith('…'));
      }
      assert.ok(!JSON.stringify(card).includes(words(300)));
    });

    it('shows a red or amber action’s note once, under "Red and amber"', () => {
      const card = buildDigestCard(typicalView);
      const notes = ofType(card, 'TextRun').filter((run) => String(run.text).startsWith(words(50)));
      assert.equal(notes.length, 1);
    });

    it('shows as many as fit and says how many more there are, counting what the view left off', () => {
      const many = Array.from({ length: 40 }, (_, index) => change(index, { note: costlyText(1000) }));
      const card = buildDigestCard({ ...typicalView, changes: many, moreChanges: 3 });
      assert.ok(cardBytes(card) <= CARD_BYTE_BUDGET);
      const shown = ofType(card, 'TextRun').filter((run) =>
        /^\d+\.\d+ Action \d+$/.test(String(run.text)),
      ).length;
      assert.ok(shown > 0 && shown < 40, String(shown));
      assert.ok(visibleText(card).includes(`and ${40 - shown + 3} more`), visibleText(card));
    });

    it('passes on the view’s own "more" counts when nothing needs trimming', () => {
      const text = visibleText(
        buildDigestCard({ ...typicalView, moreChanges: 2, moreRedAmber: 4, moreStale: 6 }),
      );
      assert.ok(text.includes('and 2 more') && text.includes('and 4 more') && text.includes('and 6 more'));
    });
  });

  describe('buttons', () => {
    it('opens each priority with red or amber, most red first, at most five', () => {
      const view: DigestView = {
        ...typicalView,
        perPriority: plan.priorities.map((priority) => ({
          number: priority.number,
          title: priority.title,
          counts: counts({ red: priority.number === 7 ? 2 : priority.number % 2, amber: 1 }),
        })),
      };
      const payloads = buttons(buildDigestCard(view))
        .filter((button) => String(button.title).startsWith('Show priority'))
        .map((button) => [button.title, runCommandPayload.parse(button.data).command]);
      assert.deepEqual(payloads, [
        ['Show priority 7', 'show priority 7'],
        ['Show priority 1', 'show priority 1'],
        ['Show priority 3', 'show priority 3'],
        ['Show priority 5', 'show priority 5'],
        ['Show priority 2', 'show priority 2'],
      ]);
    });

    it('has none for a plan with nothing red or amber, but still offers the plan', () => {
      const titles = buttons(buildDigestCard(emptyView)).map((button) => button.title);
      assert.deepEqual(titles, ['Show plan']);
    });
  });

  it('is the same card every time', () => {
    assert.deepEqual(buildDigestCard(worstCaseView()), buildDigestCard(worstCaseView()));
  });
});
