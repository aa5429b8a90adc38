import { strict as assert } from 'node:assert';
import {
  AMBER_UNCHANGED_DIGESTS,
  NO_CORRECTIVE_ACTION,
  amberRunsOf,
  describeExceptionReason,
  exceptionReport,
  type ExceptionReason,
  type ExceptionStatus,
  type SnapshotRags,
} from '../../../domain/board-cycle/exception-rules';
import type { RagStatus } from '../../../domain/rag-status';
import type { Plan, PlanAction } from '../../../plan/plan-schema';

const NOW = new Date('2026-12-02T10:00:00Z');
const STALE_DAYS = 14;
const LONDON = 'Europe/London';
const RECENT = '2026-12-01T09:00:00Z';

function planOf(priorities: PlanAction[][]): Plan {
  return {
    id: 'test-plan',
    title: 'Test plan',
    period: '2026-27',
    source: 'test',
    aims: [{ number: 1, title: 'Aim', summary: 'Aim' }],
    priorities: priorities.map((actions, index) => ({
      number: index + 1,
      aim: 1,
      title: `Priority ${index + 1}`,
      keywords: [],
      why: 'why',
      boardWill: 'will',
      actions,
    })),
    localContext: [],
  };
}

function action(id: string, extra: Partial<PlanAction> = {}): PlanAction {
  return { id, title: `Action ${id}`, description: 'description', ...extra };
}

/** Digests a week apart, newest first, each holding only action 1.1 at the given RAG. */
function digestsOf(rags: RagStatus[]): SnapshotRags[] {
  return rags.map((rag, index) => ({
    takenAt: new Date(Date.parse('2026-11-30T08:00:00Z') - index * 7 * 86_400_000).toISOString(),
    actions: { '1.1': { rag } },
  }));
}

function reasonsFor(
  status: ExceptionStatus | undefined,
  options: { plan?: Partial<PlanAction>; digests?: RagStatus[]; snapshots?: SnapshotRags[] } = {},
): ExceptionReason[] | undefined {
  const groups = exceptionReport({
    plan: planOf([[action('1.1', options.plan)]]),
    statuses: new Map(status ? [['1.1', status]] : []),
    snapshots: options.snapshots ?? digestsOf(options.digests ?? []),
    now: NOW,
    staleDays: STALE_DAYS,
    timeZone: LONDON,
  });
  return groups[0]?.rows[0]?.reasons;
}

const updated = (
  rag: RagStatus,
  updatedAt = RECENT,
  extra: Partial<ExceptionStatus> = {},
): ExceptionStatus => ({
  rag,
  version: 3,
  updatedAt,
  ...extra,
});

describe('board cycle: exception rules', () => {
  const cases: [
    string,
    ExceptionStatus | undefined,
    Parameters<typeof reasonsFor>[1],
    ExceptionReason[] | undefined,
  ][] = [
    ['green, recently updated', updated('green'), {}, undefined],
    ['red', updated('red'), {}, [{ kind: 'red' }]],
    ['never updated (absent)', undefined, {}, [{ kind: 'neverUpdated' }]],
    [
      'never updated (owner assigned only)',
      { rag: 'not_started', version: 1 },
      {},
      [{ kind: 'neverUpdated' }],
    ],
    // Amber unchanged: the boundary is at AMBER_UNCHANGED_DIGESTS (3) digests in a row.
    ['amber at 2 digests', updated('amber'), { digests: ['amber', 'amber'] }, undefined],
    [
      'amber at 3 digests',
      updated('amber'),
      { digests: ['amber', 'amber', 'amber'] },
      [{ kind: 'amberUnchanged', digests: 3 }],
    ],
    [
      'amber at 5 digests',
      updated('amber'),
      { digests: ['amber', 'amber', 'amber', 'amber', 'amber', 'green'] },
      [{ kind: 'amberUnchanged', digests: 5 }],
    ],
    [
      'amber, a break in the run',
      updated('amber'),
      { digests: ['amber', 'amber', 'green', 'amber'] },
      undefined,
    ],
    [
      'amber now, red at the last digest',
      updated('amber'),
      { digests: ['red', 'amber', 'amber', 'amber'] },
      undefined,
    ],
    [
      'green now after 3 amber digests',
      updated('green'),
      { digests: ['amber', 'amber', 'amber'] },
      undefined,
    ],
    ['amber with no digest yet', updated('amber'), {}, undefined],
    [
      'amber at 3 digests given oldest first',
      updated('amber'),
      { snapshots: digestsOf(['amber', 'amber', 'amber', 'red']).reverse() },
      [{ kind: 'amberUnchanged', digests: 3 }],
    ],
    // Stale: the boundary is at STALE_DAYS (14) calendar days in London.
    ['updated 13 days ago', updated('green', '2026-11-19T00:30:00Z'), {}, undefined],
    [
      'updated 14 days ago, late in the day',
      updated('green', '2026-11-18T23:30:00Z'),
      {},
      [{ kind: 'noRecentUpdate', days: 14 }],
    ],
    [
      'updated 30 days ago',
      updated('amber', '2026-11-02T09:00:00Z'),
      {},
      [{ kind: 'noRecentUpdate', days: 30 }],
    ],
    // Overdue: past the current target date and not complete.
    ['due today', updated('green'), { plan: { due: '2026-12-02' } }, undefined],
    [
      'due yesterday (plan file)',
      updated('green'),
      { plan: { due: '2026-12-01' } },
      [{ kind: 'overdue', days: 1 }],
    ],
    [
      'target set later, now passed',
      updated('green', RECENT, { targetDate: '2026-11-20' }),
      { plan: { due: '2027-03-31' } },
      [{ kind: 'overdue', days: 12 }],
    ],
    [
      'revised to a later date',
      updated('green', RECENT, { targetDate: '2026-11-01', revisedTargetDate: '2027-06-30' }),
      { plan: { due: '2026-11-01' } },
      undefined,
    ],
    [
      'revised to an earlier date that has passed',
      updated('green', RECENT, { revisedTargetDate: '2026-11-30' }),
      { plan: { due: '2027-06-30' } },
      [{ kind: 'overdue', days: 2 }],
    ],
    [
      'never updated and overdue',
      undefined,
      { plan: { due: '2026-11-30' } },
      [{ kind: 'overdue', days: 2 }, { kind: 'neverUpdated' }],
    ],
    [
      'red, overdue and stale, in that order',
      updated('red', '2026-10-01T09:00:00Z'),
      { plan: { due: '2026-11-01' } },
      [{ kind: 'red' }, { kind: 'overdue', days: 31 }, { kind: 'noRecentUpdate', days: 62 }],
    ],
    [
      'complete, overdue and stale',
      updated('complete', '2025-01-01T09:00:00Z'),
      { plan: { due: '2025-01-01' } },
      undefined,
    ],
    [
      'amber at 3 digests and overdue',
      updated('amber'),
      { plan: { due: '2026-11-01' }, digests: ['amber', 'amber', 'amber'] },
      [
        { kind: 'amberUnchanged', digests: 3 },
        { kind: 'overdue', days: 31 },
      ],
    ],
  ];
  for (const [name, status, options, expected] of cases) {
    it(`${name}: ${expected ? expected.map((reason) => reason.kind).join(', ') : 'not an exception'}`, () => {
      assert.deepEqual(reasonsFor(status, options), expected);
    });
    // The exception report reads a kept record (the newest digest and the amber runs), not every digest.
    it(`${name}, from the amber runs and the newest digest only: the same`, () => {
      const snapshots = options?.snapshots ?? digestsOf(options?.digests ?? []);
      const newest = [...snapshots].sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt))[0];
      const groups = exceptionReport({
        plan: planOf([[action('1.1', options?.plan)]]),
        statuses: new Map(status ? [['1.1', status]] : []),
        snapshots: newest ? [newest] : [],
        amberRuns: amberRunsOf(snapshots),
        now: NOW,
        staleDays: STALE_DAYS,
        timeZone: LONDON,
      });
      assert.deepEqual(groups[0]?.rows[0]?.reasons, expected);
    });
  }

  it('has its amber threshold at 3 digests', () => {
    assert.equal(AMBER_UNCHANGED_DIGESTS, 3);
  });

  it('says when a red has no corrective action, and shows one that was recorded', () => {
    const [group] = exceptionReport({
      plan: planOf([[action('1.1'), action('1.2'), action('1.3')]]),
      statuses: new Map<string, ExceptionStatus>([
        ['1.1', updated('red')],
        ['1.2', updated('red', RECENT, { correctiveAction: 'Escalated to the chair; audit booked.' })],
        ['1.3', updated('amber', '2026-10-01T09:00:00Z')],
      ]),
      snapshots: [],
      now: NOW,
      staleDays: STALE_DAYS,
      timeZone: LONDON,
    });
    assert.deepEqual(
      group.rows.map((row) => [row.actionId, row.correctiveAction, row.correctiveActionLine]),
      [
        ['1.1', undefined, NO_CORRECTIVE_ACTION],
        ['1.2', 'Escalated to the chair; audit booked.', 'Escalated to the chair; audit booked.'],
        ['1.3', undefined, undefined],
      ],
    );
    assert.equal(NO_CORRECTIVE_ACTION, 'no corrective action recorded');
  });

  it('groups rows by priority in plan order, leaving out priorities with none, with every field a row shows', () => {
    const groups = exceptionReport({
      plan: planOf([
        [action('1.1', { lead: 'Thames Valley Police', due: '2026-11-30' }), action('1.2')],
        [action('2.1')],
        [action('3.1'), action('3.2', { lead: 'Oxfordshire County Council' })],
      ]),
      statuses: new Map<string, ExceptionStatus>([
        [
          '1.1',
          {
            rag: 'red',
            version: 4,
            updatedAt: '2026-11-25T09:00:00Z',
            ownerEmail: 'lead@example.org',
            ownerName: 'Lead Officer',
            correctiveAction: 'Extra staff from January.',
          },
        ],
        ['1.2', updated('green')],
        ['2.1', updated('complete')],
        ['3.1', updated('green')],
        [
          '3.2',
          updated('red', RECENT, {
            leadAgency: 'Oxford Health',
            revisedTargetDate: '2027-01-31',
            targetDate: '2026-10-31',
          }),
        ],
      ]),
      // Given oldest first: the newest (30 Nov) is the one direction of travel compares with.
      snapshots: [
        { takenAt: '2026-11-23T08:00:00Z', actions: { '1.1': { rag: 'red' }, '3.2': { rag: 'red' } } },
        { takenAt: '2026-11-30T08:00:00Z', actions: { '1.1': { rag: 'amber' }, '3.2': { rag: 'red' } } },
      ],
      now: NOW,
      staleDays: STALE_DAYS,
      timeZone: LONDON,
    });
    assert.deepEqual(groups, [
      {
        priorityNumber: 1,
        priorityTitle: 'Priority 1',
        rows: [
          {
            actionId: '1.1',
            title: 'Action 1.1',
            rag: 'red',
            travel: { direction: 'worsening', was: 'amber' },
            ownerEmail: 'lead@example.org',
            ownerName: 'Lead Officer',
            leadAgency: 'Thames Valley Police',
            daysSinceUpdate: 7,
            targetDate: '2026-11-30',
            daysOverdue: 2,
            correctiveAction: 'Extra staff from January.',
            correctiveActionLine: 'Extra staff from January.',
            reasons: [{ kind: 'red' }, { kind: 'overdue', days: 2 }],
          },
        ],
      },
      {
        priorityNumber: 3,
        priorityTitle: 'Priority 3',
        rows: [
          {
            actionId: '3.2',
            title: 'Action 3.2',
            rag: 'red',
            travel: { direction: 'same' },
            leadAgency: 'Oxford Health',
            daysSinceUpdate: 1,
            targetDate: '2026-10-31',
            revisedTargetDate: '2027-01-31',
            correctiveActionLine: NO_CORRECTIVE_ACTION,
            reasons: [{ kind: 'red' }],
          },
        ],
      },
    ]);
  });

  it('marks every row new on the first digest', () => {
    const groups = exceptionReport({
      plan: planOf([[action('1.1'), action('1.2')]]),
      statuses: new Map<string, ExceptionStatus>([['1.2', updated('red')]]),
      snapshots: [],
      now: NOW,
      staleDays: STALE_DAYS,
      timeZone: LONDON,
    });
    assert.deepEqual(
      groups[0].rows.map((row) => row.travel),
      [{ direction: 'new' }, { direction: 'new' }],
    );
  });

  const texts: [ExceptionReason, string][] = [
    [{ kind: 'red' }, 'Red'],
    [{ kind: 'amberUnchanged', digests: 3 }, 'Amber with no change for 3 digests'],
    [{ kind: 'overdue', days: 1 }, 'overdue by 1 day'],
    [{ kind: 'overdue', days: 12 }, 'overdue by 12 days'],
    [{ kind: 'noRecentUpdate', days: 21 }, 'no update for 21 days'],
    [{ kind: 'neverUpdated' }, 'never updated'],
  ];
  for (const [reason, text] of texts) {
    it(`describes ${reason.kind} as "${text}"`, () => {
      assert.equal(describeExceptionReason(reason), text);
    });
  }
});
