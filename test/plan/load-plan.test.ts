import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPlan, PlanFileError } from '../../plan/load-plan';
import type { Plan } from '../../plan/plan-schema';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { fixtureFile } from '../support/fixture-file';

describe('loadPlan', () => {
  describe('the shipped OSCB 2017-19 plan', () => {
    let plan: Plan;
    before(() => {
      plan = loadPlan(shippedPlanFile);
    });

    it('has its id, 3 aims and 8 priorities', () => {
      assert.equal(plan.id, 'oscb-2017-19');
      assert.deepEqual(
        plan.aims.map((aim) => aim.number),
        [1, 2, 3],
      );
      assert.equal(plan.priorities.length, 8);
    });

    const priorities: [number, number, string][] = [
      [1, 1, 'Improve board effectiveness'],
      [2, 1, 'Joint work with OSAB'],
      [3, 1, 'Engage local communities'],
      [4, 2, 'Safeguard adolescents'],
      [5, 2, 'Address neglect'],
      [6, 3, 'Act following learning'],
      [7, 3, 'Challenge improvements'],
      [8, 3, 'Assess risk and capacity'],
    ];
    for (const [number, aim, title] of priorities) {
      it(`priority ${number} is "${title}" under aim ${aim}`, () => {
        const priority = plan.priorities[number - 1];
        assert.equal(priority.number, number);
        assert.equal(priority.aim, aim);
        assert.equal(priority.title, title);
        assert.ok(priority.keywords.length > 0, 'has keywords');
      });
    }

    for (const id of ['2.1', '2.2', '2.3', '2.4', '4.1', '4.2', '4.3', '4.4', '6.2', '7.2']) {
      it(`has action ${id}`, () => {
        const actionIds = plan.priorities.flatMap((priority) => priority.actions.map((action) => action.id));
        assert.ok(actionIds.includes(id), `actions are ${actionIds.join(', ')}`);
      });
    }

    it('keeps action titles short', () => {
      const long = plan.priorities
        .flatMap((priority) => priority.actions)
        .filter((action) => action.title.length > 60);
      assert.deepEqual(long, []);
    });

    for (const [label, value] of [
      ['Children on child protection plans', '730'],
      ['Children in care', '691'],
      ['Referrals to CAMHS', '6,794'],
    ]) {
      it(`has the local figure ${label}: ${value}`, () => {
        const figure = plan.localContext.find((candidate) => candidate.label === label);
        assert.equal(figure?.value, value);
      });
    }
  });

  it('loads another plan in the same schema', () => {
    const plan = loadPlan(fixtureFile('plans', 'another-year.json'));
    assert.equal(plan.id, 'example-2020-21');
    assert.equal(plan.aims.length, 2);
    assert.deepEqual(
      plan.priorities.map((priority) => priority.aim),
      [1, 2, 2],
    );
    assert.deepEqual(plan.priorities[0].keywords, ['information sharing', 'data']);
    assert.deepEqual(plan.localContext, []);
  });

  describe('a broken plan file', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'load-plan-'));
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    // The shipped plan as plain JSON, so each case can break a fresh copy.
    type RawPlan = {
      title?: string;
      priorities: { number: number; aim: number; keywords: string[]; actions: { id: string }[] }[];
    };
    const shipped = (): RawPlan => JSON.parse(readFileSync(shippedPlanFile, 'utf8')) as RawPlan;

    const cases: { name: string; contents: () => string; expected: string[] }[] = [
      {
        name: 'missing title',
        contents: () => {
          const plan = shipped();
          delete plan.title;
          return JSON.stringify(plan);
        },
        expected: ['title: Required'],
      },
      {
        name: 'priorities out of order',
        contents: () => {
          const plan = shipped();
          [plan.priorities[3], plan.priorities[4]] = [plan.priorities[4], plan.priorities[3]];
          return JSON.stringify(plan);
        },
        expected: [
          'priorities[3].number: priorities must be numbered 1..n in order; expected 4',
          'priorities[4].number: priorities must be numbered 1..n in order; expected 5',
        ],
      },
      {
        name: 'action numbered wrongly',
        contents: () => {
          const plan = shipped();
          plan.priorities[4].actions[0].id = '5.2';
          return JSON.stringify(plan);
        },
        expected: [
          'priorities[4].actions[0].id: actions are numbered in order within their priority; expected "5.1"',
        ],
      },
      {
        name: 'malformed action id',
        contents: () => {
          const plan = shipped();
          plan.priorities[0].actions[0].id = '1-1';
          return JSON.stringify(plan);
        },
        expected: ['priorities[0].actions[0].id: an action id looks like "5.1"'],
      },
      {
        name: 'priority under a missing aim',
        contents: () => {
          const plan = shipped();
          plan.priorities[7].aim = 4;
          return JSON.stringify(plan);
        },
        expected: ['priorities[7].aim: aim 4 is not in the plan'],
      },
      {
        name: 'keyword shared by two priorities',
        contents: () => {
          const plan = shipped();
          plan.priorities[4].keywords.push('OSAB');
          return JSON.stringify(plan);
        },
        expected: ['priorities[4].keywords[1]: keyword "osab" is already used by priorities[1]'],
      },
      {
        name: 'action id used twice',
        contents: () => {
          const plan = shipped();
          plan.priorities[1].number = 1;
          plan.priorities[1].actions.forEach((action, index) => (action.id = `1.${index + 1}`));
          return JSON.stringify(plan);
        },
        expected: [
          'priorities[1].number: priorities must be numbered 1..n in order; expected 2',
          'priorities[1].actions[0].id: action id "1.1" is already used by priorities[0].actions[0]',
        ],
      },
      {
        name: 'invalid JSON',
        contents: () => '{ "id": "oscb-2017-19", ',
        expected: ['is not valid JSON'],
      },
    ];

    for (const { name, contents, expected } of cases) {
      it(`rejects ${name}, naming the file and the problem`, () => {
        const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
        writeFileSync(file, contents());
        assert.throws(
          () => loadPlan(file),
          (error: unknown) => {
            assert.ok(error instanceof PlanFileError);
            assert.equal(error.filePath, file);
            assert.ok(error.message.startsWith(`Plan file ${file} `), error.message);
            for (const text of expected) {
              assert.ok(error.message.includes(text), `expected "${text}" in:\n${error.message}`);
            }
            return true;
          },
        );
      });
    }

    it('rejects a missing file', () => {
      const file = path.join(dir, 'no-such-plan.json');
      assert.throws(() => loadPlan(file), {
        name: 'PlanFileError',
        message: `Plan file ${file} was not found:\n  - no file at this path`,
      });
    });
  });
});
