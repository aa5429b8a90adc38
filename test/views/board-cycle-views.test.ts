import { strict as assert } from 'node:assert';
import type { ActionStatus } from '../../domain/action-status';
import type { DigestSnapshot } from '../../domain/digest/digest-snapshot';
import type { RagStatus } from '../../domain/rag-status';
import { loadPlan } from '../../plan/load-plan';
import type { Plan } from '../../plan/plan-schema';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { agencyView, leadsOf } from '../../views/agency-views';
import { actionCycleView, travelRollUp, travelView, updatedText } from '../../views/board-cycle-views';
import { buildDigest } from '../../views/digest-view';
import { exceptionsView, firstRows, rowCount } from '../../views/exception-views';
import { planOverviewView, priorityView } from '../../views/plan-views';
import { targetView } from '../../views/target-view';

const LONDON = 'Europe/London';
/** Monday 23 November 2026, 09:00 in London (GMT). */
const NOW = new Date('2026-11-23T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const context = { now: NOW, timeZone: LONDON };
const shipped = loadPlan(shippedPlanFile);

/** The shipped plan with lead agencies and target dates, as a plan file may carry them. */
const plan: Plan = {
  ...shipped,
  priorities: shipped.priorities.map((priority) => ({
    ...priority,
    actions: priority.actions.map((action) =>
      action.id === '5.1'
        ? { ...action, lead: 'Thames Valley Police', due: '2026-11-11' }
        : action.id === '4.1'
          ? { ...action, lead: 'Oxfordshire County Council', due: '2027-03-31' }
          : action.id === '4.2'
            ? { ...action, lead: 'Thames Valley Police' }
            : action,
    ),
  })),
};

const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

function status(actionId: string, fields: Partial<ActionStatus> = {}): ActionStatus {
  return {
    actionId,
    rag: 'green',
    version: 1,
    updatedAt: daysAgo(1),
    ownerEmail: `owner.${actionId}@agency.example`,
    ownerName: `Owner ${actionId}`,
    ...fields,
  };
}

const statusesOf = (...list: ActionStatus[]) => new Map(list.map((item) => [item.actionId, item]));

function snapshot(daysBefore: number, rags: Record<string, RagStatus>): DigestSnapshot {
  return {
    takenAt: daysAgo(daysBefore),
    actions: Object.fromEntries(Object.entries(rags).map(([id, rag]) => [id, { rag, version: 1 }])),
  };
}

const action51 = plan.priorities[4].actions[0];

describe('board-cycle views', () => {
  describe('direction of travel, for every pair of statuses', () => {
    const expected: Record<RagStatus, Record<RagStatus, string>> = {
      red: {
        red: '→ no change',
        amber: '↓ worsening (was Amber)',
        not_started: '↓ worsening (was Not started)',
        green: '↓ worsening (was Green)',
        complete: '↓ worsening (was Complete)',
      },
      amber: {
        red: '↑ improving (was Red)',
        amber: '→ no change',
        not_started: '→ no change (was Not started)',
        green: '↓ worsening (was Green)',
        complete: '↓ worsening (was Complete)',
      },
      not_started: {
        red: '↑ improving (was Red)',
        amber: '→ no change (was Amber)',
        not_started: '→ no change',
        green: '↓ worsening (was Green)',
        complete: '↓ worsening (was Complete)',
      },
      green: {
        red: '↑ improving (was Red)',
        amber: '↑ improving (was Amber)',
        not_started: '↑ improving (was Not started)',
        green: '→ no change',
        complete: '↓ worsening (was Complete)',
      },
      complete: {
        red: '↑ improving (was Red)',
        amber: '↑ improving (was Amber)',
        not_started: '↑ improving (was Not started)',
        green: '↑ improving (was Green)',
        complete: '→ no change',
      },
    };
    for (const [now, row] of Object.entries(expected)) {
      for (const [was, text] of Object.entries(row)) {
        it(`${was} at the last digest, ${now} now: "${text}"`, () => {
          assert.equal(travelView(now as RagStatus, was as RagStatus)?.text, text);
        });
      }
    }

    it('shows nothing before the first digest (no snapshot)', () => {
      assert.equal(travelView('red', undefined), undefined);
      const cycle = actionCycleView(action51, status('5.1', { rag: 'red' }), undefined, context);
      assert.equal(cycle.travel, undefined);
      assert.equal(travelRollUp(['5.1'], statusesOf(status('5.1')), undefined), undefined);
    });

    it('shows nothing for an action the previous digest did not hold (new to the plan)', () => {
      const cycle = actionCycleView(action51, status('5.1'), snapshot(7, { '4.1': 'amber' }), context);
      assert.equal(cycle.travel, undefined);
    });
  });

  describe("an action's cycle line", () => {
    it('says how long the RAG has held, from ragSince, and nothing when that is unknown', () => {
      const since = status('5.1', { rag: 'amber', ragSince: daysAgo(28) });
      assert.equal(actionCycleView(action51, since, undefined, context).persistence, 'Amber for 4 weeks');
      assert.equal(actionCycleView(action51, status('5.1'), undefined, context).persistence, undefined);
    });

    it("is overdue past the plan file's due date, and shows that date, when no target was set", () => {
      const cycle = actionCycleView(action51, status('5.1', { rag: 'amber' }), undefined, context);
      assert.equal(cycle.overdue, 'overdue by 12 days');
      assert.equal(cycle.target, '11 November 2026');
      assert.equal(cycle.lead, 'Thames Valley Police');
    });

    it('uses the revised target over the first, and says what it was revised from', () => {
      const revised = status('5.1', { targetDate: '2026-11-01', revisedTargetDate: '2027-01-31' });
      const cycle = actionCycleView(action51, revised, undefined, context);
      assert.equal(cycle.overdue, undefined);
      assert.equal(cycle.target, '31 January 2027 (revised from 1 November 2026)');
    });

    it('is never overdue when complete; a stored lead wins over the plan file', () => {
      const done = status('5.1', { rag: 'complete', leadAgency: 'Oxford Health' });
      const cycle = actionCycleView(action51, done, undefined, context);
      assert.equal(cycle.overdue, undefined);
      assert.equal(cycle.lead, 'Oxford Health');
    });

    it('leaves out a stored target that is not a real date instead of failing', () => {
      const broken = status('5.1', { rag: 'amber', revisedTargetDate: '2027-02-31' });
      assert.equal(actionCycleView(action51, broken, undefined, context).target, '11 November 2026');
      // The action card's own target line reads the same dates by the same rule.
      assert.equal(targetView(action51, broken, context)?.date, '11 November 2026');
      assert.equal(targetView(action51, broken, context)?.originalDate, undefined);
    });

    it('counts days since the update on the board’s calendar', () => {
      assert.equal(updatedText({ updatedAt: daysAgo(20) }, context), 'updated 20 days ago');
      assert.equal(updatedText({ updatedAt: NOW.toISOString() }, context), 'updated today');
      assert.equal(updatedText({}, context), 'never updated');
    });
  });

  describe('roll-ups on the plan and priority views', () => {
    const previous = snapshot(7, { '4.1': 'green', '4.2': 'red', '4.3': 'amber', '4.4': 'amber' });
    const statuses = statusesOf(
      status('4.1', { rag: 'amber' }),
      status('4.2', { rag: 'amber' }),
      status('4.3', { rag: 'green' }),
      status('4.4', { rag: 'amber' }),
    );

    it('counts improving and worsening actions per priority on the plan', () => {
      const view = planOverviewView(plan, statuses, previous);
      const priority4 = view.aims.flatMap((aim) => aim.priorities).find((p) => p.number === 4);
      assert.equal(priority4?.travel, '↑ 2 improving · ↓ 1 worsening');
      const overview = planOverviewView(plan, statuses);
      assert.ok(overview.aims.flatMap((aim) => aim.priorities).every((p) => p.travel === undefined));
    });

    it('gives each action on the priority card its direction', () => {
      const view = priorityView(plan, plan.priorities[3], statuses, context, previous);
      assert.deepEqual(
        view.actions.map((action) => action.cycle?.travel?.text),
        ['↓ worsening (was Green)', '↑ improving (was Red)', '↑ improving (was Amber)', '→ no change'],
      );
    });
  });

  describe('the exception report', () => {
    const amberFor = (days: number[]) => days.map((d) => snapshot(d, { '4.4': 'amber', '4.3': 'amber' }));

    it('groups red, stuck amber, overdue, stale and never-updated actions by priority, in plan order', () => {
      const statuses = statusesOf(
        status('2.1', { rag: 'red', correctiveAction: 'Extra audit capacity agreed' }),
        status('2.2', { rag: 'red' }),
        status('4.3', { rag: 'amber', updatedAt: daysAgo(2) }),
        status('4.4', { rag: 'amber', updatedAt: daysAgo(2), ragSince: daysAgo(28) }),
        status('5.1', { rag: 'amber' }),
        status('6.1', { rag: 'green', updatedAt: daysAgo(20) }),
      );
      const snapshots = [...amberFor([21, 14, 7]), snapshot(3, { '4.4': 'amber', '4.3': 'green' })];
      const view = exceptionsView({ plan, statuses, snapshots, staleDays: 14 }, context);
      const rows = view.groups.flatMap((group) => group.rows);
      const byId = new Map(rows.map((row) => [row.actionId, row]));
      assert.deepEqual(
        view.groups.map((group) => group.priorityNumber),
        [1, 2, 3, 4, 5, 6, 7, 8],
      );
      assert.deepEqual(byId.get('2.1')?.reasons, ['Red']);
      assert.equal(byId.get('2.1')?.correctiveAction, 'Extra audit capacity agreed');
      assert.equal(byId.get('2.2')?.correctiveAction, 'no corrective action recorded');
      assert.equal(byId.get('2.2')?.correctiveActionMissing, true);
      assert.deepEqual(byId.get('4.4')?.reasons, ['Amber with no change for 4 digests']);
      assert.equal(byId.get('4.4')?.persistence, 'Amber for 4 weeks');
      assert.equal(byId.get('4.4')?.travel?.text, '→ no change');
      assert.equal(byId.has('4.3'), false, 'amber again, but not for 3 digests in a row');
      assert.deepEqual(byId.get('5.1')?.reasons, ['overdue by 12 days']);
      assert.equal(byId.get('5.1')?.lead, 'Thames Valley Police');
      assert.deepEqual(byId.get('6.1')?.reasons, ['no update for 20 days']);
      assert.deepEqual(byId.get('1.1')?.reasons, ['never updated']);
      assert.equal(byId.get('1.1')?.updated, 'never updated');
      assert.equal(view.total, rows.length);
      assert.match(view.basis, /since the digest of/);
    });

    it('before the first digest, says direction and stuck ambers start with it', () => {
      const view = exceptionsView({ plan, statuses: statusesOf(), snapshots: [], staleDays: 14 }, context);
      assert.match(view.basis, /No digest has been posted yet/);
      assert.ok(view.groups.flatMap((group) => group.rows).every((row) => row.travel === undefined));
    });

    it('keeps the first rows in order, with their groups, and counts the rest', () => {
      const view = exceptionsView({ plan, statuses: statusesOf(), snapshots: [], staleDays: 14 }, context);
      const shown = firstRows(view.groups, 6);
      assert.equal(rowCount(shown), 6);
      assert.deepEqual(
        shown.flatMap((group) => group.rows.map((row) => row.actionId)),
        // 5.1 is past its plan date as well as never updated, so it outranks 3.1.
        ['1.1', '2.1', '2.2', '2.3', '2.4', '5.1'],
      );
      assert.equal(rowCount(view.groups) - rowCount(shown), 10);
    });

    it('keeps the most pressing rows when trimming: a red in priority 6 before never-updated ones', () => {
      const statuses = statusesOf(status('6.2', { rag: 'red' }), status('5.1', { rag: 'amber' }));
      const view = exceptionsView({ plan, statuses, snapshots: [], staleDays: 14 }, context);
      const shown = firstRows(view.groups, 3);
      assert.deepEqual(
        shown.flatMap((group) => group.rows.map((row) => row.actionId)),
        ['1.1', '5.1', '6.2'],
      );
    });

    it('puts the same rows in the digest as "Needs the board’s attention", trimmed to 20', () => {
      const digest = buildDigest({ plan, statuses: statusesOf(), now: NOW, staleDays: 14, timeZone: LONDON });
      assert.equal(rowCount(digest.view.attention), 16);
      assert.equal(digest.view.moreAttention, 0);
    });
  });

  describe('agencies', () => {
    it("lists an agency's actions in plan order, with a stored lead counting too", () => {
      const statuses = statusesOf(status('2.1', { leadAgency: 'thames valley police' }));
      assert.deepEqual([...leadsOf(plan, statuses).keys()], ['2.1', '4.1', '4.2', '5.1']);
      const view = agencyView(plan, 'Thames Valley Police', statuses, undefined, context);
      assert.deepEqual(
        view.actions.map((action) => action.id),
        ['2.1', '4.2', '5.1'],
      );
      assert.equal(view.actions[2].cycle.overdue, 'overdue by 12 days');
      assert.equal(view.actions[2].updated, 'never updated');
    });
  });
});
