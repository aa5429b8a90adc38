import { strict as assert } from 'node:assert';
import { digestText } from '../../cards/digest-text';
import type { DigestView } from '../../views/digest-view-model';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { counts } from './fixtures';

const plan = loadPlan(shippedPlanFile);

const view: DigestView = {
  title: plan.title,
  weekLabel: 'Week 48, 23–29 Nov 2026',
  changesSince: 'Since the last digest, Mon 16 Nov 2026, 08:00',
  totals: counts({ red: 1, amber: 1, green: 1, not_started: 13 }),
  perPriority: plan.priorities.map((priority) => ({
    number: priority.number,
    title: priority.title,
    counts: counts(priority.number === 5 ? { red: 1 } : { not_started: priority.actions.length }),
  })),
  changes: [
    {
      actionId: '5.1',
      title: 'Neglect',
      kind: 'newlyRed',
      fromRag: 'amber',
      toRag: 'red',
      owner: 'Jane Smith',
      by: 'Sam Jones',
      note: 'Audit shows gaps\nplan agreed',
    },
    { actionId: '4.1', title: 'Transitions', kind: 'updated', fromRag: 'green', toRag: 'green' },
  ],
  moreChanges: 3,
  redAndAmber: [
    { actionId: '5.1', title: 'Neglect', rag: 'red', owner: 'Jane Smith', updatedAgo: '3 days ago' },
  ],
  moreRedAmber: 0,
  staleDays: 14,
  stale: [
    { actionId: '8.1', title: 'Risk', rag: 'not_started', ownerNotReachable: false },
    {
      actionId: '6.1',
      title: 'Learning',
      rag: 'green',
      owner: 'Sam',
      ownerNotReachable: true,
      daysSinceUpdate: 20,
    },
  ],
  moreStale: 0,
  attention: [],
  moreAttention: 0,
};

describe('the digest as text (npm run digest -- --dry-run)', () => {
  const text = digestText(view);

  it('reads like the card: headings, counts per priority, what moved, red and amber, stale', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], `Weekly digest · Week 48, 23–29 Nov 2026 · ${plan.title}`);
    assert.ok(lines.includes('Red 1 · Amber 1 · Green 1 · Complete 0 · Not started 13'));
    for (const priority of plan.priorities) {
      assert.ok(lines.some((line) => line.startsWith(`  Priority ${priority.number} ${priority.title}: `)));
    }
    assert.ok(
      lines.includes('  Priority 5 Address neglect: 1 red, 0 amber, 0 green, 0 complete, 0 not started'),
    );
    assert.ok(lines.includes('What moved (Since the last digest, Mon 16 Nov 2026, 08:00)'));
    assert.ok(lines.includes('    ▼ Newly red: Amber → Red · owner Jane Smith · by Sam Jones'));
    assert.ok(lines.includes('      Audit shows gaps'), 'each line of a note indented under its action');
    assert.ok(lines.includes('    New note, still Green · no owner'));
    assert.ok(lines.includes('  and 3 more'));
    assert.ok(lines.includes('  Red 5.1 Neglect'));
    assert.ok(lines.includes('    Owner: Jane Smith · updated 3 days ago'));
    assert.ok(lines.includes('  8.1 Risk · no owner · never updated'));
    assert.ok(
      lines.includes('  6.1 Learning · owner Sam (not reachable in Teams) · last updated 20 days ago'),
    );
    assert.doesNotMatch(text, /[{}[\]"]/, 'no JSON');
  });

  it('says so when a list is empty', () => {
    const empty = digestText({ ...view, changes: [], moreChanges: 0, redAndAmber: [], stale: [] });
    assert.match(empty, /What moved .*\n {2}Nothing moved\./);
    assert.match(empty, /Red and amber\n {2}Nothing is red or amber\./);
    assert.match(empty, /Not updated in 14 days\n {2}Every action has a recent update\./);
  });
});
