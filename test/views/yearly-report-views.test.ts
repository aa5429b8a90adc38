import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { HistoryEntry } from '../../domain/action-status';
import type { ChangeOf } from '../../domain/history-entry';
import { statusesAsAt } from '../../domain/board-cycle/status-as-at';
import { reportYear } from '../../domain/yearly-report/report-year';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { yearlyReportView } from '../../views/yearly-report-views';

const plan = loadPlan(shippedPlanFile);
const year = reportYear(2025, 4, 'Europe/London');
const END = new Date(year.endsBefore.getTime() - 1);

function entry(
  at: string,
  actionId: string,
  version: number,
  toRag: HistoryEntry['toRag'],
  note: string,
  extra: Partial<ChangeOf<'status'>> = {},
): ChangeOf<'status'> {
  return {
    actionId,
    version,
    kind: 'status',
    at,
    byEmail: 'dana.lee@tvp.police.uk',
    byName: 'Dana Lee',
    fromRag: 'not_started',
    toRag,
    note,
    ...extra,
  };
}

function view(history: HistoryEntry[], generatedAt = END) {
  return yearlyReportView({
    plan,
    year,
    asAt: END,
    draft: false,
    atStart: statusesAsAt(history, new Date(year.startsAt.getTime() - 1)),
    atEnd: statusesAsAt(history, END),
    history: history.filter((change) => Date.parse(change.at) <= END.getTime()),
    personName: (email) => email,
    partners: [{ agency: 'Thames Valley Police', upn: 'cc@tvp.police.uk' }],
    staleDays: 14,
    marking: 'OFFICIAL-SENSITIVE',
    generatedAt,
    generatedBy: 'test',
    timeZone: 'Europe/London',
    fingerprint: (content) => createHash('sha256').update(content).digest('hex').slice(0, 16),
  });
}

const BASE = [
  entry('2025-05-01T09:00:00Z', '4.3', 1, 'red', 'Pilot paused', {
    correctiveAction: 'Escalated to the chair.',
  }),
  entry('2025-06-01T09:00:00Z', '5.1', 1, 'green', 'Audit done', { impact: 'Earlier help' }),
];

describe('yearly report view: content and its fingerprint', () => {
  it('gives the same fingerprint for the same record, whoever made the file and when', () => {
    assert.equal(view(BASE).fingerprint, view(BASE, new Date()).fingerprint);
  });

  it('gives a new fingerprint after a late update dated inside the year, or a redaction', () => {
    const late = [...BASE, entry('2026-03-20T09:00:00Z', '6.1', 1, 'amber', 'Late entry')];
    const redacted = [
      { ...BASE[0], note: '[redacted by Chris Chair, 2 Dec 2026: a name]', redacted: true },
      BASE[1],
    ];
    assert.notEqual(view(late).fingerprint, view(BASE).fingerprint);
    assert.notEqual(view(redacted).fingerprint, view(BASE).fingerprint);
  });

  it('keeps the fingerprint when a change lands after the year', () => {
    const after = [...BASE, entry('2026-04-02T09:00:00Z', '6.1', 1, 'amber', 'Next year')];
    assert.equal(view(after).fingerprint, view(BASE).fingerprint);
  });

  it('shows redacted text as redacted, and the little-progress row with its corrective action', () => {
    const redacted = [
      { ...BASE[0], note: '[redacted by Chris Chair, 2 Dec 2026: a name]', redacted: true },
      BASE[1],
    ];
    const built = view(redacted);
    const notes = built.priorities
      .flatMap((priority) => priority.actions)
      .find((action) => action.actionId === '4.3')?.notes;
    assert.deepEqual(
      notes?.map((note) => note.text),
      ['[redacted by Chris Chair, 2 Dec 2026: a name]'],
    );
    const row = built.littleProgress.find((candidate) => candidate.actionId === '4.3');
    assert.equal(row?.correctiveAction, 'Escalated to the chair.');
    assert.match(row?.why.join(' ') ?? '', /red or amber for \d+% of the year/);
    assert.deepEqual(
      built.impact.statements.map((statement) => statement.actionId),
      ['5.1'],
    );
    assert.equal(built.impact.without.length, 15);
  });
});
