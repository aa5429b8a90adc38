import { strict as assert } from 'node:assert';
import type { YearlySignOff } from '../../app/yearly-sign-off-ports';
import { TableEscalationLedger } from '../../storage/escalation-ledger';
import { createTableClients, ensureTables, type TableClients } from '../../storage/table-clients';
import { TableYearlyReportLedger } from '../../storage/yearly-report-ledger';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';

const LEASE_MS = 10 * 60 * 1000;
const minute = (m: number) => new Date(Date.UTC(2026, 11, 7, 9, m));

/** The claims that let exactly one run tell people something: taken over only once the claimer's lease ran out. */
describe('claims with a lease (Azurite)', () => {
  let tables: TableClients;

  beforeEach(async () => {
    tables = createTableClients((await sharedAzurite()).connectionString, uniqueTablePrefix());
    await ensureTables(tables);
  });

  describe('an escalation claim', () => {
    const record = (at: Date) => ({
      actionId: '5.1',
      week: '2026-W50',
      at: at.toISOString(),
      silentSince: minute(0).toISOString(),
      ownerEmail: 'olive@agency.example',
    });

    it('goes to the first claimant; another is refused while the lease runs, and takes it over after', async () => {
      const ledger = new TableEscalationLedger(tables.escalations);
      assert.equal(await ledger.claim(record(minute(0)), LEASE_MS), true);
      assert.equal(await ledger.claim(record(minute(9)), LEASE_MS), false);
      assert.equal(await ledger.claim(record(minute(10)), LEASE_MS), true);
      assert.equal(await ledger.claim(record(minute(11)), LEASE_MS), false);
    });

    it('is never taken over once the people were told, and is claimed afresh after a release', async () => {
      const ledger = new TableEscalationLedger(tables.escalations);
      assert.equal(await ledger.claim(record(minute(0)), LEASE_MS), true);
      await ledger.recordTold('5.1', '2026-W50', [{ email: 'beth@oscb.example', name: 'Beth Manager' }]);
      assert.equal(await ledger.claim(record(minute(30)), LEASE_MS), false);
      assert.deepEqual(await ledger.all(), [
        { ...record(minute(0)), told: [{ email: 'beth@oscb.example', name: 'Beth Manager' }] },
      ]);
      await ledger.release('5.1', '2026-W50');
      await ledger.release('5.1', '2026-W50');
      assert.equal(await ledger.claim(record(minute(31)), LEASE_MS), true);
    });

    it('keeps the first plan start', async () => {
      const ledger = new TableEscalationLedger(tables.escalations);
      assert.equal(await ledger.planStart(minute(0).toISOString()), minute(0).toISOString());
      assert.equal(await ledger.planStart(minute(5).toISOString()), minute(0).toISOString());
    });
  });

  describe("an earlier version's notice", () => {
    const signOff = { year: '2026-27', fingerprint: 'aaaa', byEmail: 'ivy@partner.example' } as YearlySignOff;

    it('goes to one run at a time, is taken over after the lease, and never once told', async () => {
      const ledger = new TableYearlyReportLedger(tables.boardPacks);
      assert.equal(await ledger.claimEarlierVersionNotice(signOff, minute(0), LEASE_MS), true);
      assert.equal(await ledger.claimEarlierVersionNotice(signOff, minute(9), LEASE_MS), false);
      assert.equal(await ledger.claimEarlierVersionNotice(signOff, minute(10), LEASE_MS), true);
      await ledger.recordEarlierVersionNoticeTold(signOff, minute(11));
      assert.equal(await ledger.claimEarlierVersionNotice(signOff, minute(60), LEASE_MS), false);
      await ledger.releaseEarlierVersionNotice(signOff);
      await ledger.releaseEarlierVersionNotice(signOff);
      assert.equal(await ledger.claimEarlierVersionNotice(signOff, minute(61), LEASE_MS), true);
    });
  });
});
