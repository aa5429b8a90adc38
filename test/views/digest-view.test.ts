import { strict as assert } from 'node:assert';
import type { ActionStatus } from '../../domain/action-status';
import { buildDigest, type DigestInput } from '../../views/digest-view';
import { changeKind } from '../../domain/digest/digest-changes';
import { parseDigestSnapshot, snapshotOf } from '../../domain/digest/digest-snapshot';
import type { RagStatus } from '../../domain/rag-status';
import { formatBoardTime } from '../../domain/relative-time';
import type { DigestChangeKind } from '../../views/digest-view-model';
import { loadPlan } from '../../plan/load-plan';
import type { Plan } from '../../plan/plan-schema';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

const LONDON = 'Europe/London';
/** Monday 23 November 2026, 08:00 in London (GMT). */
const NOW = new Date('2026-11-23T08:00:00Z');
const LAST_WEEK = new Date('2026-11-16T08:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

const plan = loadPlan(shippedPlanFile);

function daysBefore(days: number, from: Date = NOW): string {
  return new Date(from.getTime() - days * DAY).toISOString();
}

function status(actionId: string, fields: Partial<ActionStatus> = {}): ActionStatus {
  return {
    actionId,
    rag: 'green',
    version: 1,
    note: `Note for ${actionId}`,
    updatedAt: daysBefore(1),
    updatedByName: 'Sam Jones',
    updatedByEmail: 'sam.jones@agency.example',
    ownerEmail: `owner.${actionId}@agency.example`,
    ownerName: `Owner ${actionId}`,
    ...fields,
  };
}

function statusesOf(...list: ActionStatus[]): Map<string, ActionStatus> {
  return new Map(list.map((item) => [item.actionId, item]));
}

function digest(input: Partial<DigestInput> & Pick<DigestInput, 'statuses'>) {
  return buildDigest({ plan, now: NOW, staleDays: 14, timeZone: LONDON, ...input });
}

/** One priority holding `count` actions, for lists longer than the shipped plan's. */
function planWithActions(count: number): Plan {
  return {
    ...plan,
    priorities: [
      {
        ...plan.priorities[0],
        actions: Array.from({ length: count }, (_, index) => ({
          id: `1.${index + 1}`,
          title: `Action ${index + 1}`,
          description: 'Described.',
        })),
      },
    ],
  };
}

describe('changeKind', () => {
  const cases: [RagStatus, RagStatus, DigestChangeKind][] = [
    ['red', 'amber', 'up'],
    ['amber', 'green', 'up'],
    ['red', 'green', 'up'],
    ['not_started', 'amber', 'up'],
    ['green', 'amber', 'down'],
    ['complete', 'green', 'down'],
    ['amber', 'red', 'newlyRed'],
    ['green', 'red', 'newlyRed'],
    ['not_started', 'red', 'newlyRed'],
    ['complete', 'red', 'newlyRed'],
    ['green', 'complete', 'completed'],
    ['red', 'complete', 'completed'],
    ['amber', 'amber', 'updated'],
  ];
  for (const [from, to, kind] of cases) {
    it(`${from} → ${to} is ${kind}`, () => {
      assert.equal(changeKind(from, to), kind);
    });
  }
});

describe('buildDigest', () => {
  describe('what moved since the last digest', () => {
    const before = statusesOf(
      status('1.1', { rag: 'red', version: 3, updatedAt: daysBefore(10) }),
      status('2.1', { rag: 'amber', version: 2, updatedAt: daysBefore(10) }),
      status('2.2', { rag: 'green', version: 2, updatedAt: daysBefore(10) }),
      status('2.3', { rag: 'amber', version: 2, updatedAt: daysBefore(10) }),
      status('2.4', { rag: 'green', version: 2, updatedAt: daysBefore(10) }),
      status('3.1', { rag: 'green', version: 2, updatedAt: daysBefore(10) }),
      status('4.1', { rag: 'amber', version: 2, updatedAt: daysBefore(10), note: 'Old note' }),
      status('4.2', { rag: 'amber', version: 2, updatedAt: daysBefore(10) }),
      status('4.4', { rag: 'green', version: 2, updatedAt: daysBefore(10) }),
    );
    const previous = snapshotOf(before, plan, LAST_WEEK);
    const moved = (actionId: string, fields: Partial<ActionStatus>) => {
      const old = before.get(actionId) ?? status(actionId, { rag: 'not_started', version: 0 });
      return { ...old, version: old.version + 1, updatedAt: daysBefore(2), ...fields };
    };
    const now = statusesOf(
      moved('1.1', { rag: 'amber', note: 'Recovering', updatedByName: 'Ann Lee' }),
      moved('2.1', { rag: 'green' }),
      moved('2.2', { rag: 'amber' }),
      moved('2.3', { rag: 'red' }),
      moved('2.4', { rag: 'red' }),
      moved('3.1', { rag: 'complete' }),
      moved('4.1', { note: 'New note' }),
      // The owner changed, nothing else: the version moves but updatedAt does not.
      { ...before.get('4.2')!, version: 3, ownerEmail: 'new.owner@agency.example', ownerName: 'New Owner' },
      moved('4.3', { rag: 'amber' }),
      before.get('4.4')!,
    );
    const { view } = digest({ statuses: now, previous });

    it('classifies every change, worst first, in plan order within a kind', () => {
      assert.deepEqual(
        view.changes.map((change) => [change.actionId, change.kind, change.fromRag, change.toRag]),
        [
          ['2.3', 'newlyRed', 'amber', 'red'],
          ['2.4', 'newlyRed', 'green', 'red'],
          ['2.2', 'down', 'green', 'amber'],
          ['1.1', 'up', 'red', 'amber'],
          ['2.1', 'up', 'amber', 'green'],
          ['4.3', 'up', 'not_started', 'amber'],
          ['3.1', 'completed', 'green', 'complete'],
          ['4.1', 'updated', 'amber', 'amber'],
        ],
      );
      assert.equal(view.moreChanges, 0);
    });

    it('says who owns the action, who updated it and what they wrote', () => {
      const change = view.changes.find((item) => item.actionId === '1.1');
      assert.deepEqual(change, {
        actionId: '1.1',
        title: plan.priorities[0].actions[0].title,
        kind: 'up',
        fromRag: 'red',
        toRag: 'amber',
        owner: 'Owner 1.1',
        by: 'Ann Lee',
        note: 'Recovering',
      });
    });

    it('leaves out an owner change that did not touch the RAG or note', () => {
      assert.ok(!view.changes.some((change) => change.actionId === '4.2'));
    });

    it('says since when', () => {
      assert.equal(view.changesSince, `Since the last digest, ${formatBoardTime(LAST_WEEK, LONDON)}`);
      assert.match(view.changesSince, /16 Nov 2026, 08:00$/);
    });

    it('reports nothing when nothing moved', () => {
      const again = digest({ statuses: now, previous: snapshotOf(now, plan, NOW) });
      assert.deepEqual(again.view.changes, []);
      assert.match(again.summary, / · 0 changes · /);
    });
  });

  describe('without a previous digest', () => {
    const statuses = statusesOf(
      status('1.1', { rag: 'red', version: 1 }),
      status('2.1', { rag: 'complete', version: 4 }),
      // An owner was assigned but no status given yet.
      status('2.2', { rag: 'not_started', version: 1, updatedAt: undefined, note: undefined }),
    );
    const { view } = digest({ statuses });

    it('lists everything that has started, as moves from not started', () => {
      assert.deepEqual(
        view.changes.map((change) => [change.actionId, change.kind, change.fromRag, change.toRag]),
        [
          ['1.1', 'newlyRed', 'not_started', 'red'],
          ['2.1', 'completed', 'not_started', 'complete'],
        ],
      );
      assert.equal(view.changesSince, 'Since the plan started');
    });
  });

  describe('counts', () => {
    const statuses = statusesOf(
      status('1.1', { rag: 'red' }),
      status('2.1', { rag: 'red' }),
      status('2.2', { rag: 'amber' }),
      status('2.3', { rag: 'green' }),
      status('2.4', { rag: 'complete' }),
      status('5.1', { rag: 'amber' }),
    );
    const { view } = digest({ statuses });

    it('counts the whole plan, never-updated actions as not started', () => {
      assert.deepEqual(view.totals, { red: 2, amber: 2, green: 1, complete: 1, not_started: 10 });
    });

    it('counts each priority', () => {
      assert.deepEqual(
        view.perPriority.map((priority) => [priority.number, priority.title, priority.counts]),
        plan.priorities.map((priority) => [
          priority.number,
          priority.title,
          {
            1: { red: 1, amber: 0, green: 0, complete: 0, not_started: 0 },
            2: { red: 1, amber: 1, green: 1, complete: 1, not_started: 0 },
            5: { red: 0, amber: 1, green: 0, complete: 0, not_started: 0 },
          }[priority.number] ?? {
            red: 0,
            amber: 0,
            green: 0,
            complete: 0,
            not_started: priority.actions.length,
          },
        ]),
      );
    });
  });

  describe('red and amber', () => {
    it('lists every red then every amber action, in plan order, with its note and owner', () => {
      const statuses = statusesOf(
        status('1.1', { rag: 'amber', note: 'Slipping' }),
        status('2.3', { rag: 'red', note: 'Blocked on data', updatedAt: daysBefore(3) }),
        status('5.1', { rag: 'red', note: '   ', ownerEmail: undefined, ownerName: undefined }),
        status('6.1', { rag: 'green' }),
      );
      const { view } = digest({ statuses });
      assert.deepEqual(view.redAndAmber, [
        {
          actionId: '2.3',
          title: plan.priorities[1].actions[2].title,
          rag: 'red',
          owner: 'Owner 2.3',
          note: 'Blocked on data',
          updatedAgo: '3 days ago',
        },
        {
          actionId: '5.1',
          title: plan.priorities[4].actions[0].title,
          rag: 'red',
          owner: undefined,
          note: undefined,
          updatedAgo: 'yesterday',
        },
        {
          actionId: '1.1',
          title: plan.priorities[0].actions[0].title,
          rag: 'amber',
          owner: 'Owner 1.1',
          note: 'Slipping',
          updatedAgo: 'yesterday',
        },
      ]);
    });
  });

  describe('stale actions', () => {
    // Days are calendar days in London: the digest at 08:00 on Monday 23 Nov counts Monday 9 Nov as 14 days ago.
    const cases: [string, string | undefined, RagStatus, number, number | undefined | 'fresh'][] = [
      ['updated 14 days ago', daysBefore(14), 'amber', 14, 14],
      ['updated on Monday 9 Nov, last thing', '2026-11-09T23:59:00Z', 'amber', 14, 14],
      ['updated on Tuesday 10 Nov, first thing', '2026-11-10T00:00:00Z', 'amber', 14, 'fresh'],
      ['updated 13 days ago', daysBefore(13), 'green', 14, 'fresh'],
      ['updated 30 days ago, across the October clock change', daysBefore(30), 'red', 14, 30],
      ['never updated', undefined, 'not_started', 14, undefined],
      ['complete long ago (needs no update)', daysBefore(90), 'complete', 14, 'fresh'],
      ['updated 7 days ago, 7-day threshold', daysBefore(7), 'green', 7, 7],
      ['updated 6 days ago, 7-day threshold', daysBefore(6), 'green', 7, 'fresh'],
    ];
    for (const [name, updatedAt, rag, staleDays, expected] of cases) {
      it(`${name}: ${expected === 'fresh' ? 'not stale' : `stale, ${String(expected)} days`}`, () => {
        const statuses = statusesOf(status('1.1', { rag, updatedAt, version: updatedAt ? 1 : 0 }));
        const { view, staleActions } = digest({ statuses, staleDays });
        const found = staleActions.find((action) => action.actionId === '1.1');
        if (expected === 'fresh') {
          assert.equal(found, undefined);
        } else {
          assert.deepEqual(found, {
            actionId: '1.1',
            ownerEmail: 'owner.1.1@agency.example',
            daysSinceUpdate: expected,
          });
          assert.equal(view.stale.find((action) => action.actionId === '1.1')?.daysSinceUpdate, expected);
        }
      });
    }

    // Neither 24-hour periods nor UTC dates give 14 here; the board's calendar does.
    const clockChanges: [string, string, string, number | 'fresh'][] = [
      [
        'Mon 12 Oct 00:30 BST to Mon 26 Oct 08:00 GMT (UTC dates say 15)',
        '2026-10-11T23:30:00Z',
        '2026-10-26T08:00:00Z',
        14,
      ],
      [
        'Tue 13 Oct 00:00 BST to Mon 26 Oct 08:00 GMT (UTC dates say 14)',
        '2026-10-12T23:00:00Z',
        '2026-10-26T08:00:00Z',
        'fresh',
      ],
      [
        'Mon 16 Mar 00:30 GMT to Mon 30 Mar 00:15 BST (24-hour periods say 13)',
        '2026-03-16T00:30:00Z',
        '2026-03-29T23:15:00Z',
        14,
      ],
    ];
    for (const [name, updatedAt, now, expected] of clockChanges) {
      it(`${name}: ${expected === 'fresh' ? '13 days, not stale' : `${expected} days, stale`}`, () => {
        const statuses = statusesOf(status('1.1', { updatedAt }));
        const { staleActions } = digest({ statuses, now: new Date(now) });
        const found = staleActions.find((action) => action.actionId === '1.1');
        if (expected === 'fresh') assert.equal(found, undefined);
        else assert.equal(found?.daysSinceUpdate, expected);
      });
    }

    it('lists never-updated actions first, then the longest silent', () => {
      const statuses = statusesOf(
        status('1.1', { updatedAt: daysBefore(20) }),
        status('2.1', { updatedAt: daysBefore(40) }),
        status('2.2', { updatedAt: daysBefore(1) }),
      );
      const { view, staleActions } = digest({ statuses });
      const ids = staleActions.map((action) => action.actionId);
      assert.deepEqual(ids.slice(0, 2), ['2.3', '2.4']);
      assert.deepEqual(ids.slice(-2), ['2.1', '1.1']);
      assert.ok(!ids.includes('2.2'));
      assert.equal(ids.length, 15);
      assert.deepEqual(
        view.stale.map((action) => action.actionId),
        ids,
      );
    });

    it('names owners, leaves the owner out where there is none, and marks owners Teams cannot reach', () => {
      const statuses = statusesOf(
        status('1.1', {
          updatedAt: daysBefore(20),
          ownerEmail: 'Jane.Smith@Agency.example',
          ownerName: 'Jane Smith',
        }),
        status('2.1', { updatedAt: daysBefore(20), ownerEmail: 'sam@agency.example', ownerName: undefined }),
        status('2.2', { updatedAt: daysBefore(20), ownerEmail: undefined, ownerName: undefined }),
      );
      const { view } = digest({ statuses, unreachableOwners: new Set(['jane.smith@agency.example']) });
      const byId = new Map(view.stale.map((action) => [action.actionId, action]));
      assert.deepEqual(
        ['1.1', '2.1', '2.2'].map((id) => [byId.get(id)?.owner, byId.get(id)?.ownerNotReachable]),
        [
          ['Jane Smith', true],
          ['sam@agency.example', false],
          [undefined, false],
        ],
      );
    });
  });

  describe('summary', () => {
    it('is one plain line: where the plan stands, how much moved, how much is stale', () => {
      const previous = snapshotOf(new Map(), plan, LAST_WEEK);
      const statuses = statusesOf(
        status('1.1', { rag: 'red' }),
        status('2.1', { rag: 'red', updatedAt: daysBefore(20) }),
        status('2.2', { rag: 'amber' }),
        status('2.3', { rag: 'green' }),
        status('2.4', { rag: 'complete' }),
      );
      const { summary } = digest({ statuses, previous });
      assert.equal(
        summary,
        'OSCB Business Plan 2017-19 (refresh June 2018), week 48: 2 red, 1 amber, 1 green, 1 complete, 11 not started · 5 changes · 12 stale',
      );
    });

    it('says "1 change"', () => {
      const { summary } = digest({ statuses: statusesOf(status('1.1')) });
      assert.match(summary, / · 1 change · /);
    });
  });

  describe('snapshot', () => {
    const statuses = statusesOf(
      status('1.1', { rag: 'red', version: 3 }),
      status('2.1', { rag: 'not_started', version: 1, updatedAt: undefined }),
    );
    const { snapshot } = digest({ statuses });

    it('holds every action of the plan and when it was taken', () => {
      assert.equal(snapshot.takenAt, NOW.toISOString());
      assert.equal(Object.keys(snapshot.actions).length, 16);
      assert.deepEqual(snapshot.actions['1.1'], { rag: 'red', version: 3, updatedAt: daysBefore(1) });
      assert.deepEqual(snapshot.actions['2.1'], { rag: 'not_started', version: 1 });
      assert.deepEqual(snapshot.actions['8.1'], { rag: 'not_started', version: 0 });
    });

    it('survives being stored as JSON and read back', () => {
      const readBack = parseDigestSnapshot(JSON.parse(JSON.stringify(snapshot)));
      assert.deepEqual(readBack, snapshot);
      const next = digest({ statuses, previous: readBack, now: new Date(NOW.getTime() + 7 * DAY) });
      assert.deepEqual(next.view.changes, []);
    });

    it('refuses a stored value that is not a snapshot', () => {
      assert.throws(() => parseDigestSnapshot({ takenAt: 'yesterday', actions: {} }));
      assert.throws(() =>
        parseDigestSnapshot({ takenAt: NOW.toISOString(), actions: { '1.1': { rag: 'blue', version: 1 } } }),
      );
    });
  });

  describe('long lists', () => {
    it('keeps at most 20 of each and counts the rest', () => {
      const big = planWithActions(25);
      const statuses = new Map(
        big.priorities[0].actions.map((action) => [
          action.id,
          status(action.id, { rag: 'red', updatedAt: daysBefore(20) }),
        ]),
      );
      const result = buildDigest({ plan: big, statuses, now: NOW, staleDays: 14, timeZone: LONDON });
      assert.deepEqual([result.view.changes.length, result.view.moreChanges], [20, 5]);
      assert.deepEqual([result.view.redAndAmber.length, result.view.moreRedAmber], [20, 5]);
      assert.deepEqual([result.view.stale.length, result.view.moreStale], [20, 5]);
      assert.equal(result.staleActions.length, 25);
    });
  });

  it('labels the week on the board’s calendar', () => {
    const { view } = digest({ statuses: new Map() });
    assert.equal(view.weekLabel, 'Week 48, 23–29 Nov 2026');
    assert.equal(view.title, plan.title);
    assert.equal(view.staleDays, 14);
  });

  it('is the same digest every time for the same input', () => {
    const statuses = statusesOf(status('1.1', { rag: 'red' }));
    assert.deepEqual(digest({ statuses }), digest({ statuses }));
  });
});
