import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPlan, PlanFileError } from '../../plan/load-plan';
import { isIsoCalendarDate } from '../../plan/iso-calendar-date';
import { MAX_LEAD_AGENCY_LENGTH, MAX_LEARNING_LENGTH } from '../../plan/plan-schema';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

type RawAction = { id: string; due?: unknown; lead?: unknown; learningFromReviews?: unknown };
type RawPlan = { priorities: { actions: RawAction[] }[] };

describe('plan schema: target dates and lead agencies', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'plan-schema-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** The shipped plan with action 5.1 (priorities[4].actions[0]) changed, written to a file. */
  function planFileWith(fields: Partial<RawAction>): string {
    const plan = JSON.parse(readFileSync(shippedPlanFile, 'utf8')) as RawPlan;
    Object.assign(plan.priorities[4].actions[0], fields);
    const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(plan));
    return file;
  }

  it('loads the shipped plan, which leaves them out', () => {
    const action = loadPlan(shippedPlanFile).priorities[4].actions[0];
    assert.equal(action.due, undefined);
    assert.equal(action.lead, undefined);
  });

  const loads: [string, Partial<RawAction>, { due?: string; lead?: string }][] = [
    [
      'a due date and a lead',
      { due: '2027-03-31', lead: 'Thames Valley Police' },
      { due: '2027-03-31', lead: 'Thames Valley Police' },
    ],
    ['empty strings, read as absent', { due: '', lead: '  ' }, {}],
    ['a lead with spaces around it', { lead: '  Oxford Health  ' }, { lead: 'Oxford Health' }],
    ['a leap day', { due: '2028-02-29' }, { due: '2028-02-29' }],
    [
      'a lead of the longest length',
      { lead: 'a'.repeat(MAX_LEAD_AGENCY_LENGTH) },
      { lead: 'a'.repeat(MAX_LEAD_AGENCY_LENGTH) },
    ],
  ];
  for (const [name, fields, expected] of loads) {
    it(`loads an action with ${name}`, () => {
      const action = loadPlan(planFileWith(fields)).priorities[4].actions[0];
      assert.deepEqual(
        { due: action.due, lead: action.lead },
        { due: undefined, lead: undefined, ...expected },
      );
    });
  }

  const refused: [string, Partial<RawAction>, string][] = [
    [
      'an impossible date',
      { due: '2027-02-31' },
      'priorities[4].actions[0].due: action 5.1 has due "2027-02-31", which is not a real date written like 2027-03-31',
    ],
    [
      'a date written the UK way',
      { due: '31/03/2027' },
      'priorities[4].actions[0].due: action 5.1 has due "31/03/2027", which is not a real date written like 2027-03-31',
    ],
    [
      'a date with a time',
      { due: '2027-03-31T00:00:00Z' },
      'priorities[4].actions[0].due: action 5.1 has due "2027-03-31T00:00:00Z", which is not a real date written like 2027-03-31',
    ],
    [
      'a number for a date',
      { due: 20270331 },
      'priorities[4].actions[0].due: Expected string, received number',
    ],
    [
      'learning from reviews that is too long',
      { learningFromReviews: 'a'.repeat(MAX_LEARNING_LENGTH + 1) },
      'priorities[4].actions[0].learningFromReviews: learning from reviews is at most 300 characters',
    ],
    [
      'learning from reviews that is not text',
      { learningFromReviews: true },
      'priorities[4].actions[0].learningFromReviews: Expected string, received boolean',
    ],
    [
      'a lead that is too long',
      { lead: 'a'.repeat(MAX_LEAD_AGENCY_LENGTH + 1) },
      'priorities[4].actions[0].lead: a lead agency is at most 120 characters',
    ],
  ];
  for (const [name, fields, problem] of refused) {
    it(`refuses ${name}, naming the action`, () => {
      const file = planFileWith(fields);
      assert.throws(
        () => loadPlan(file),
        (error: unknown) => {
          assert.ok(error instanceof PlanFileError);
          assert.deepEqual(error.problems, [problem]);
          return true;
        },
      );
    });
  }

  it("marks the shipped plan's priority 6 actions, and only those, as learning from reviews", () => {
    const plan = loadPlan(shippedPlanFile);
    const marked = plan.priorities.flatMap((priority) =>
      priority.actions
        .filter((action) => action.learningFromReviews !== undefined)
        .map((action) => action.id),
    );
    assert.deepEqual(marked, ['6.1', '6.2']);
  });

  it('reads blank learning from reviews as absent and keeps a line of it, trimmed', () => {
    assert.equal(
      loadPlan(planFileWith({ learningFromReviews: '  ' })).priorities[4].actions[0].learningFromReviews,
      undefined,
    );
    assert.equal(
      loadPlan(planFileWith({ learningFromReviews: ' Neglect themes from two reviews ' })).priorities[4]
        .actions[0].learningFromReviews,
      'Neglect themes from two reviews',
    );
  });

  const dates: [string, boolean][] = [
    ['2027-03-31', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['0099-12-31', true],
    ['2027-00-10', false],
    ['2027-3-31', false],
    [' 2027-03-31', false],
    ['2027-03-31\n', false],
  ];
  for (const [text, expected] of dates) {
    it(`${JSON.stringify(text)} ${expected ? 'is' : 'is not'} a YYYY-MM-DD date`, () => {
      assert.equal(isIsoCalendarDate(text), expected);
    });
  }
});

describe("plan schema: a priority's lead (a sign-in address)", () => {
  const withLead = (lead: unknown): string => {
    const plan = JSON.parse(readFileSync(shippedPlanFile, 'utf8')) as { priorities: { lead?: unknown }[] };
    plan.priorities[4].lead = lead;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'plan-lead-')), 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    return file;
  };

  it('is empty in the shipped plan', () => {
    for (const priority of loadPlan(shippedPlanFile).priorities) assert.equal(priority.lead, undefined);
  });

  it('reads an address in login form', () => {
    assert.equal(
      loadPlan(withLead(' Lee.Lead@Agency.example ')).priorities[4].lead,
      'lee.lead@agency.example',
    );
  });

  for (const bad of ['Thames Valley Police', 'lee@', 42]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.throws(() => loadPlan(withLead(bad)), PlanFileError);
    });
  }
});
