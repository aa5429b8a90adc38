import { strict as assert } from 'node:assert';
import type { HistoryEntry } from '../../../domain/action-status';
import type { ChangeOf } from '../../../domain/history-entry';
import { statusesAsAt } from '../../../domain/board-cycle/status-as-at';

const OWNER = { byEmail: 'jane@health.example.org', byName: 'Jane Smith' };
const at = (day: number) => new Date(Date.UTC(2026, 2, day, 10)).toISOString();

function status(
  version: number,
  day: number,
  fromRag: HistoryEntry['fromRag'],
  toRag: HistoryEntry['toRag'],
  note: string,
): ChangeOf<'status'> {
  return { actionId: '5.1', version, kind: 'status', at: at(day), ...OWNER, fromRag, toRag, note };
}

describe('statusesAsAt: the plan as it stood, rebuilt from history', () => {
  const history: HistoryEntry[] = [
    {
      actionId: '5.1',
      version: 1,
      kind: 'owner',
      at: at(1),
      byEmail: 'admin@x.org',
      byName: 'Admin',
      fromRag: 'not_started',
      toRag: 'not_started',
      ownerEmail: 'jane@health.example.org',
    },
    status(2, 5, 'not_started', 'amber', 'Audit booked'),
    status(3, 20, 'amber', 'red', 'Audit postponed'),
    {
      actionId: '5.1',
      version: 4,
      kind: 'owner',
      at: at(25),
      byEmail: 'admin@x.org',
      byName: 'Admin',
      fromRag: 'red',
      toRag: 'red',
      ownerEmail: 'sam@police.example.org',
      previousOwnerEmail: 'jane@health.example.org',
    },
    status(5, 40, 'red', 'green', 'Audit done'),
  ];

  it('leaves out every change after the as-at instant', () => {
    const statuses = statusesAsAt(history, new Date(at(21)));
    const rebuilt = statuses.get('5.1');
    assert.equal(rebuilt?.rag, 'red');
    assert.equal(rebuilt?.note, 'Audit postponed');
    assert.equal(rebuilt?.version, 3);
    assert.equal(rebuilt?.updatedAt, at(20));
    assert.equal(rebuilt?.ragSince, at(20));
  });

  it('counts a change made at the as-at instant itself', () => {
    assert.equal(statusesAsAt(history, new Date(at(20))).get('5.1')?.rag, 'red');
    assert.equal(statusesAsAt(history, new Date(Date.parse(at(20)) - 1)).get('5.1')?.rag, 'amber');
  });

  it('follows owner changes: the owner then, not the owner now', () => {
    assert.equal(statusesAsAt(history, new Date(at(21))).get('5.1')?.ownerEmail, 'jane@health.example.org');
    assert.equal(statusesAsAt(history, new Date(at(26))).get('5.1')?.ownerEmail, 'sam@police.example.org');
  });

  it('is absent for an action with no change by then, and the same whatever order history comes in', () => {
    assert.equal(statusesAsAt(history, new Date(at(0))).size, 0);
    const forwards = statusesAsAt(history, new Date(at(30)));
    const backwards = statusesAsAt([...history].reverse(), new Date(at(30)));
    assert.deepEqual(backwards, forwards);
  });

  it('shows a redacted note as its redaction text, never what it said', () => {
    const redacted = history.map((entry) =>
      entry.version === 3
        ? { ...entry, note: '[redacted by Admin on 22 Mar 2026: named a child]', redacted: true }
        : entry,
    );
    redacted.push({
      actionId: '5.1',
      version: 6,
      kind: 'redaction',
      at: at(45),
      byEmail: 'admin@x.org',
      byName: 'Admin',
      fromRag: 'green',
      toRag: 'green',
      redactsVersion: 3,
      reason: 'named a child',
    });
    const rebuilt = statusesAsAt(redacted, new Date(at(21))).get('5.1');
    assert.equal(rebuilt?.note, '[redacted by Admin on 22 Mar 2026: named a child]');
    assert.equal(rebuilt?.rag, 'red');
  });

  it("keeps impact and evidence an update does not restate; the corrective action is each update's own", () => {
    const detailed: HistoryEntry[] = [
      {
        ...status(1, 1, 'not_started', 'red', 'Stuck'),
        impact: 'Fewer referrals',
        evidenceUrl: 'https://example.org/a',
        correctiveAction: 'Escalate',
      },
      status(2, 2, 'red', 'amber', 'Moving'),
    ];
    const rebuilt = statusesAsAt(detailed, new Date(at(3))).get('5.1');
    assert.equal(rebuilt?.impact, 'Fewer referrals');
    assert.equal(rebuilt?.evidenceUrl, 'https://example.org/a');
    assert.equal(rebuilt?.correctiveAction, undefined);
    assert.equal(statusesAsAt(detailed, new Date(at(1))).get('5.1')?.correctiveAction, 'Escalate');
  });

  it('reads target dates and lead agencies from the changes that carry them', () => {
    const fact = (version: number, day: number, fields: Partial<HistoryEntry>): HistoryEntry =>
      ({
        actionId: '5.1',
        version,
        kind: 'target',
        at: at(day),
        ...OWNER,
        fromRag: 'amber',
        toRag: 'amber',
        ...fields,
      }) as unknown as HistoryEntry;
    const facts = [
      fact(1, 1, { targetDate: '2026-06-30' }),
      fact(2, 2, { targetDate: '2026-09-30', previousTargetDate: '2026-06-30', reason: 'audit moved' }),
      { ...fact(3, 3, { leadAgency: 'Thames Valley Police' }), kind: 'lead' } as unknown as HistoryEntry,
    ];
    const first = statusesAsAt(facts, new Date(at(1))).get('5.1');
    assert.equal(first?.targetDate, '2026-06-30');
    assert.equal(first?.revisedTargetDate, undefined);
    const later = statusesAsAt(facts, new Date(at(3))).get('5.1');
    assert.equal(later?.targetDate, '2026-06-30');
    assert.equal(later?.revisedTargetDate, '2026-09-30');
    assert.equal(later?.leadAgency, 'Thames Valley Police');
  });

  it('replays a target by the rule that set it: with a date in the plan file, the first `due` is a revision', () => {
    const target: HistoryEntry = {
      actionId: '5.1',
      version: 1,
      kind: 'target',
      at: at(1),
      ...OWNER,
      fromRag: 'amber',
      toRag: 'amber',
      targetDate: '2026-09-30',
      previousTargetDate: '2026-06-30',
    };
    const rebuilt = statusesAsAt([target], new Date(at(2)), () => '2026-06-30').get('5.1');
    assert.equal(rebuilt?.targetDate, '2026-06-30');
    assert.equal(rebuilt?.revisedTargetDate, '2026-09-30');
  });
});
