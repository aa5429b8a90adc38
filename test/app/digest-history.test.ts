import { strict as assert } from 'node:assert';
import { PostedDigestHistory } from '../../app/digest-snapshots';
import type {
  BoardChannelStore,
  DigestLedger,
  PostedDigest,
  PostedDigestRecord,
} from '../../domain/digest-ports';

const snapshotAt = (takenAt: string) =>
  JSON.stringify({ takenAt, actions: { '5.1': { rag: 'amber', version: 1 } } });

function posted(postedAt: string, snapshot: string): PostedDigestRecord {
  return { week: '2026-W48', postedAt, snapshot, channelId: '19:board', extra: false };
}

describe('the posted digests’ snapshots, as the board-cycle views read them', () => {
  const warnings: Record<string, unknown>[] = [];
  const log = {
    info() {},
    warn: (fields: Record<string, unknown>) => void warnings.push(fields),
    error() {},
  };
  const list = [
    posted('2026-11-16T10:00:00.000Z', snapshotAt('2026-11-16T10:00:00.000Z')),
    posted('2026-11-02T10:00:00.000Z', snapshotAt('2026-11-02T10:00:00.000Z')),
    posted('2026-11-09T10:00:00.000Z', '{"takenAt":"not a time","actions":{}}'),
    posted('2026-11-10T10:00:00.000Z', 'not json'),
  ];
  let latest: PostedDigest | undefined = list[0];
  const channels = { get: async () => ({ conversationId: '19:board' }) } as unknown as BoardChannelStore;
  const ledger = { latest: async () => latest } as unknown as DigestLedger;
  const history = new PostedDigestHistory(channels, ledger, { list: async () => list }, log);

  it('lists every readable snapshot oldest first, leaving out (and logging) the unreadable', async () => {
    warnings.length = 0;
    const all = await history.all();
    assert.deepEqual(
      all.map((snapshot) => snapshot.takenAt),
      ['2026-11-02T10:00:00.000Z', '2026-11-16T10:00:00.000Z'],
    );
    assert.equal(warnings.length, 2);
    assert.ok(!JSON.stringify(warnings).includes('not json'), 'the stored value is not logged');
  });

  it('reads the board channel’s last digest as the previous one; none before the first', async () => {
    assert.equal((await history.previous())?.takenAt, '2026-11-16T10:00:00.000Z');
    latest = undefined;
    assert.equal(await history.previous(), undefined);
    latest = list[3];
    assert.equal(await history.previous(), undefined, 'an unreadable one is as good as none');
  });
});
