import { strict as assert } from 'node:assert';
import { decideAssign } from '../../../domain/changes/owner-change';
import type { StoredStatus } from '../../../domain/action-status';
import type { PlanAction } from '../../../plan/plan-schema';

const action = { id: '6.1', title: 'An action' } as PlanAction;
const manager = { email: 'beth.manager@oscb.example', name: 'Beth Manager' };
const escalatedAt = '2026-12-07T09:00:00.000Z';
const at = '2026-12-07T10:00:00.000Z';

/** The business manager's right to assign holds only while the escalation stands in the row being replaced. */
describe("the business manager's assignment, decided against the row it replaces", () => {
  const cases: [string, StoredStatus, 'write' | 'noLongerEscalated'][] = [
    [
      'still silent since the escalation',
      { actionId: '6.1', rag: 'amber', version: 3, updatedAt: '2026-10-01T00:00:00Z' },
      'write',
    ],
    [
      'updated after the escalation (a race with the owner)',
      { actionId: '6.1', rag: 'green', version: 4, updatedAt: '2026-12-07T09:30:00Z' },
      'noLongerEscalated',
    ],
    [
      'given a new owner after the escalation',
      {
        actionId: '6.1',
        rag: 'amber',
        version: 4,
        ownerEmail: 'sam@agency.example',
        ownerSince: '2026-12-07T09:30:00Z',
      },
      'noLongerEscalated',
    ],
    [
      'completed',
      { actionId: '6.1', rag: 'complete', version: 4, updatedAt: '2026-11-01T00:00:00Z' },
      'noLongerEscalated',
    ],
  ];
  for (const [name, previous, expected] of cases)
    it(`${name}: ${expected}`, () => {
      const decision = decideAssign(
        action,
        { actionId: '6.1', ownerEmail: 'kim@agency.example', by: manager, escalatedAt },
        previous,
        at,
      );
      const kind = decision.kind === 'refuse' ? (decision.refusal as { kind: string }).kind : decision.kind;
      assert.equal(kind, expected);
    });
});
