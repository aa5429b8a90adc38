import { strict as assert } from 'node:assert';
import type { IssuedBoardPack } from '../../app/board-pack-ports';
import { BoardPackNotAllowed, BoardPacks, type BoardPackParams } from '../../app/board-packs';
import type { HistoryEntry } from '../../domain/action-status';
import type { PostedDigestRecord } from '../../domain/digest-ports';
import type { Person } from '../../domain/person';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import type { BoardPackView } from '../../views/board-pack-view-model';

const plan = loadPlan(shippedPlanFile);
const ADMIN: Person = { name: 'Board Admin', email: 'admin@oscb.example.org' };
const MEMBER: Person = { name: 'Sam Member', email: 'sam@police.example.org' };
const ZONE = 'Europe/London';

function update(
  actionId: string,
  version: number,
  at: string,
  toRag: HistoryEntry['toRag'],
  note: string,
): HistoryEntry {
  return {
    actionId,
    version,
    kind: 'status',
    at,
    byEmail: 'jane@health.example.org',
    byName: 'Jane Smith',
    fromRag: 'amber',
    toRag,
    note,
  };
}

const HISTORY: HistoryEntry[] = [
  update('5.1', 1, '2025-12-20T10:00:00.000Z', 'amber', 'Before the quarter'),
  update('5.1', 2, '2026-01-01T00:30:00.000Z', 'red', 'First day of the quarter'),
  update('5.1', 3, '2026-03-31T22:59:59.000Z', 'amber', 'Last minute of the quarter, London summer time'),
  update('5.1', 4, '2026-03-31T23:00:00.000Z', 'green', 'After the quarter'),
  update('2.3', 1, '2026-02-10T09:00:00.000Z', 'green', 'Mid quarter'),
];

function setUp(options: { now?: string; issued?: IssuedBoardPack[]; digests?: PostedDigestRecord[] } = {}) {
  const issued = [...(options.issued ?? [])];
  const accepts = new Set<string>();
  const reads: string[] = [];
  const views: BoardPackView[] = [];
  const packs = new BoardPacks({
    plan,
    history: {
      changesUpTo: async (asAt) => {
        reads.push(asAt.toISOString());
        return HISTORY.filter((entry) => Date.parse(entry.at) <= asAt.getTime());
      },
    },
    postedDigests: { list: async () => options.digests ?? [] },
    issued: {
      record: async (pack) => void issued.unshift(pack),
      latest: async (limit) => issued.slice(0, limit),
      claimAccept: async (delivery) => !accepts.has(delivery) && Boolean(accepts.add(delivery)),
    },
    renderer: {
      render: async (view, format) => {
        views.push(view);
        return Buffer.from(`${format}:${JSON.stringify(view)}`);
      },
      waiting: () => 0,
    },
    isAdmin: (person) => person.email === ADMIN.email,
    clock: () => new Date(options.now ?? '2026-06-15T12:00:00.000Z'),
    timeZone: ZONE,
    staleDays: 21,
  });
  return { packs, issued, reads, views };
}

async function offered(packs: BoardPacks, typed: { from?: string; to?: string; asAt?: string }) {
  const request = await packs.request({ by: ADMIN, place: 'personal', ...typed });
  assert.equal(request.kind, 'offer', request.kind === 'answer' ? JSON.stringify(request.answer) : '');
  return request as Extract<typeof request, { kind: 'offer' }>;
}

const notes = (view: BoardPackView) => view.changes.map((change) => change.note);

describe('BoardPacks (use case)', () => {
  it('offers both files, named by the as-at day, with a summary card', async () => {
    const { packs } = setUp();
    const offer = await offered(packs, { from: '1 Jan 2026', to: '31 Mar 2026' });
    assert.deepEqual(
      offer.files.map((file) => file.name),
      ['OSCB board pack 2026-06-15.docx', 'OSCB board pack 2026-06-15.xlsx'],
    );
    assert.ok(offer.files.every((file) => file.size > 0 && file.description.length > 0));
    assert.deepEqual(
      { from: offer.params.from, to: offer.params.to },
      { from: '2026-01-01', to: '2026-03-31' },
    );
    assert.equal(offer.answer.screen.card, 'notice');
    const text = offer.answer.screen.card === 'notice' ? offer.answer.screen.view.text : '';
    assert.match(text, /Period 1 Jan 2026 to 31 Mar 2026\. Red \d+, Amber \d+, Green \d+/);
    assert.match(text, /\d+ exceptions?/);
  });

  it('puts every change in the period in the appendix, oldest first, and nothing outside it', async () => {
    const { packs, views } = setUp();
    await offered(packs, { from: '1 Jan 2026', to: '31 Mar 2026' });
    assert.deepEqual(notes(views[0]), [
      'First day of the quarter',
      'Mid quarter',
      'Last minute of the quarter, London summer time',
    ]);
  });

  it('as at a past day: statuses as they stood then, and later updates absent everywhere', async () => {
    const { packs, views, reads } = setUp();
    const offer = await offered(packs, { asAt: '31 Mar 2026', from: '1 Jan 2026' });
    assert.equal(offer.params.asAt, '2026-03-31T22:59:59.999Z');
    assert.equal(offer.files[0].name, 'OSCB board pack 2026-03-31.docx');
    assert.deepEqual(reads, ['2026-03-31T22:59:59.999Z']);
    const view = views[0];
    const action = view.aims
      .flatMap((aim) => aim.priorities)
      .flatMap((p) => p.actions)
      .find((a) => a.id === '5.1');
    assert.equal(action?.status, 'amber');
    assert.equal(action?.latestNote, 'Last minute of the quarter, London summer time');
    assert.ok(!JSON.stringify(view).includes('After the quarter'));
  });

  it('gives the same file later for the same params: history is append-only', async () => {
    const { packs } = setUp();
    const offer = await offered(packs, { asAt: '31 Mar 2026', from: '1 Jan 2026' });
    const first = await packs.file(offer.params, 'docx', ADMIN);
    const later = setUp({ now: '2027-01-01T09:00:00.000Z' });
    const again = await later.packs.file(offer.params, 'docx', ADMIN);
    assert.deepEqual(Buffer.from(again.bytes), Buffer.from(first.bytes));
    assert.equal(again.name, 'OSCB board pack 2026-03-31.docx');
  });

  describe('period by default', () => {
    it("the first pack runs from the plan's first change to the as-at day", async () => {
      const { packs } = setUp();
      const offer = await offered(packs, {});
      assert.deepEqual(
        { from: offer.params.from, to: offer.params.to },
        { from: '2025-12-20', to: '2026-06-15' },
      );
    });

    it('later ones start the day after the previous pack issued ended', async () => {
      const { packs, issued } = setUp();
      const quarter = await offered(packs, { from: '1 Jan 2026', to: '31 Mar 2026' });
      await packs.issued(quarter.params, quarter.files[0], ADMIN);
      assert.equal(issued[0].fileName, 'OSCB board pack 2026-06-15.docx');
      const next = await offered(packs, {});
      assert.deepEqual(
        { from: next.params.from, to: next.params.to },
        { from: '2026-04-01', to: '2026-06-15' },
      );
    });

    it('a pack as at an earlier day ignores packs that end on or after it', async () => {
      const previous: IssuedBoardPack = {
        issuedAt: '2026-06-01T10:00:00.000Z',
        byName: 'Board Admin',
        asAt: '2026-06-01T10:00:00.000Z',
        from: '2026-04-01',
        to: '2026-06-01',
        format: 'docx',
        fileName: 'OSCB board pack 2026-06-01.docx',
      };
      const { packs } = setUp({ issued: [previous] });
      const offer = await offered(packs, { asAt: '31 Mar 2026' });
      assert.equal(offer.params.from, '2025-12-20');
    });
  });

  describe('refuses, offering nothing', () => {
    const cases: [string, Person, 'personal' | 'shared', Record<string, string>, RegExp][] = [
      ['someone who is not an admin', MEMBER, 'personal', {}, /Only board admins/],
      ['in a channel', ADMIN, 'shared', {}, /personal chat/],
      ['an as-at after today', ADMIN, 'personal', { asAt: '1 Jan 2027' }, /after today/],
      [
        'a period that ends after the as-at',
        ADMIN,
        'personal',
        { asAt: '31 Mar 2026', from: '1 Jan 2026', to: '30 Apr 2026' },
        /after the as-at/,
      ],
      [
        'a period that ends before it starts',
        ADMIN,
        'personal',
        { from: '31 Mar 2026', to: '1 Jan 2026' },
        /after it ends/,
      ],
      ['a date that is not one', ADMIN, 'personal', { from: '31 Feb 2026' }, /not a date/],
    ];
    for (const [name, by, place, typed, expected] of cases) {
      it(name, async () => {
        const { packs, reads } = setUp();
        const request = await packs.request({ by, place, ...typed });
        assert.equal(request.kind, 'answer');
        assert.match(JSON.stringify(request.answer), expected);
        assert.deepEqual(reads, [], 'nothing read');
      });
    }

    it('a file for someone who is not an admin, and params that are not a pack', async () => {
      const { packs } = setUp();
      const params: BoardPackParams = {
        asAt: '2026-03-31T22:59:59.999Z',
        from: '2026-01-01',
        to: '2026-03-31',
      };
      await assert.rejects(packs.file(params, 'xlsx', MEMBER), BoardPackNotAllowed);
      await assert.rejects(packs.file({ ...params, from: '2026-02-30' }, 'xlsx', ADMIN), RangeError);
      await assert.rejects(packs.file({ ...params, asAt: 'soon' }, 'xlsx', ADMIN), RangeError);
    });
  });

  it('lists the packs issued, newest first, to admins only', async () => {
    const { packs } = setUp();
    assert.match(JSON.stringify(await packs.list(ADMIN)), /No board pack issued yet/);
    const offer = await offered(packs, { from: '1 Jan 2026', to: '31 Mar 2026' });
    for (const file of offer.files) await packs.issued(offer.params, file, ADMIN);
    const listed = JSON.stringify(await packs.list(ADMIN));
    assert.match(listed, /OSCB board pack 2026-06-15\.xlsx to Board Admin, 1 January 2026 to 31 March 2026/);
    assert.match(listed, /The last 2 board pack files issued/);
    assert.match(JSON.stringify(await packs.list(MEMBER)), /Only board admins/);
  });

  it('measures direction of travel from the last digest before the as-at', async () => {
    const snapshot = {
      takenAt: '2026-03-01T09:00:00.000Z',
      actions: { '5.1': { rag: 'green', version: 1 } },
    };
    const digest = (postedAt: string): PostedDigestRecord => ({
      week: 'w',
      postedAt,
      snapshot: JSON.stringify({ ...snapshot, takenAt: postedAt }),
      channelId: 'c',
      extra: false,
    });
    const { packs, views } = setUp({ digests: [digest('2026-03-01T09:00:00.000Z')] });
    await offered(packs, { asAt: '31 Mar 2026', from: '1 Jan 2026' });
    const action = views[0].aims
      .flatMap((aim) => aim.priorities)
      .flatMap((p) => p.actions)
      .find((a) => a.id === '5.1');
    assert.deepEqual(action?.direction, { trend: 'worsening', earlierStatus: 'green' });
  });
});
