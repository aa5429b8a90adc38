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

function view(
  history: HistoryEntry[],
  generatedAt = END,
  extra: Partial<Parameters<typeof yearlyReportView>[0]> = {},
) {
  const asAt = extra.asAt ?? END;
  return yearlyReportView({
    plan,
    year,
    asAt,
    draft: false,
    atStart: statusesAsAt(history, new Date(year.startsAt.getTime() - 1)),
    atEnd: statusesAsAt(history, asAt),
    history: history.filter((change) => Date.parse(change.at) <= asAt.getTime()),
    personName: (email) => email,
    partners: [{ agency: 'Thames Valley Police', upn: 'cc@tvp.police.uk' }],
    staleDays: 14,
    marking: 'OFFICIAL-SENSITIVE',
    generatedAt,
    generatedBy: 'test',
    timeZone: 'Europe/London',
    fingerprint: (content) => createHash('sha256').update(content).digest('hex').slice(0, 16),
    ...extra,
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

  it("keeps a draft's fingerprint as days pass with nothing recorded, though its day counts move on", () => {
    const monday = view(BASE, END, { asAt: new Date('2025-12-01T12:00:00Z'), draft: true });
    const tuesday = view(BASE, END, { asAt: new Date('2025-12-02T12:00:00Z'), draft: true });
    assert.notDeepEqual(monday.littleProgress, tuesday.littleProgress, 'the day counts moved on');
    assert.equal(monday.fingerprint, tuesday.fingerprint);
  });

  it('ignores the store row versions (a restored backup has new ETags)', () => {
    const withEtags = BASE.map((change, index) => ({ ...change, etag: `W/"${index}"` }));
    assert.equal(view(withEtags).fingerprint, view(BASE).fingerprint);
  });
});

describe('yearly report view: section 7, sign-offs and comments', () => {
  const fingerprint = view(BASE).fingerprint;
  const signOff = (at: string, print: string, draft = false) => ({
    fingerprint: print,
    draft,
    asAt: '2025-12-01T12:00:00.000Z',
    agency: 'Thames Valley Police',
    byName: 'Colin Chief',
    byEmail: 'CC@tvp.police.uk',
    at,
  });

  it('a partner with no sign-off is "Not yet signed"', () => {
    assert.deepEqual(
      view(BASE).signOffs.map((line) => [line.signed, line.state]),
      [['no', 'Not yet signed']],
    );
  });

  it("shows a sign-off of this content, a draft's as a draft's, matched by sign-in name in any case", () => {
    const [line] = view(BASE, END, {
      signOffs: [signOff('2026-04-20T09:00:00Z', fingerprint, true)],
    }).signOffs;
    assert.equal(line.signed, 'this version');
    assert.match(line.state, /^Signed by Colin Chief on Mon, 20 Apr 2026, 10:00 for this content \(/);
    assert.match(line.state, /a draft's sign-off \(the draft as at 1 Dec(ember)? 2025\)/);
  });

  it('shows the latest sign-off of other content as for an earlier version', () => {
    const [line] = view(BASE, END, {
      signOffs: [signOff('2026-04-20T09:00:00Z', 'aaaa'), signOff('2026-04-21T09:00:00Z', 'bbbb')],
    }).signOffs;
    assert.equal(line.signed, 'an earlier version');
    assert.match(line.state, /for an earlier version \(bbbb\)/);
  });

  it("lists the scrutineer's comments oldest first, by name", () => {
    const comments = view(BASE, END, {
      comments: [
        { at: '2026-05-02T09:00:00Z', byName: 'S', byEmail: 's@x.org', text: 'Second' },
        { at: '2026-05-01T09:00:00Z', byName: 'S', byEmail: 's@x.org', text: 'First' },
      ],
    }).comments;
    assert.deepEqual(
      comments.map((comment) => [comment.by, comment.text]),
      [
        ['s@x.org', 'First'],
        ['s@x.org', 'Second'],
      ],
    );
  });
});
