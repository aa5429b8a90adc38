import { strict as assert } from 'node:assert';
import type { TableClient } from '@azure/data-tables';
import type { RedactedChange } from '../../domain/posted-copies';
import { TablePostedCopies } from '../../storage/posted-copies-repository';
import { statusCodeOf } from '../../storage/store-errors';
import { createTableClients, ensureTables, type TableClients } from '../../storage/table-clients';
import { sharedAzurite, uniqueTablePrefix } from '../support/azurite';

const redaction = (index: number): RedactedChange => ({
  actionId: `5.${index}`,
  at: new Date(Date.UTC(2026, 10, 23, 9, index)).toISOString(),
  replacement: '[redacted]',
});

/** The seal's moves are retried through exponential-backoff when another mover got there first (412). */
describe('the redaction seal (Azurite)', () => {
  let tables: TableClients;

  beforeEach(async () => {
    tables = createTableClients((await sharedAzurite()).connectionString, uniqueTablePrefix());
    await ensureTables(tables);
  });

  it('keeps every redaction when ten move the seal at once', async () => {
    const movers = Array.from({ length: 10 }, () => new TablePostedCopies(tables.digests));
    await Promise.all(movers.map((copies, index) => copies.moveSeal(redaction(index))));
    const kept = await new TablePostedCopies(tables.digests).recentRedactions();
    assert.deepEqual(
      kept.map((change) => change.actionId).sort(),
      Array.from({ length: 10 }, (_, index) => `5.${index}`).sort(),
    );
  });

  it('gives up with the 412 after 21 attempts when another mover always gets there first', async () => {
    const rival = new TablePostedCopies(tables.digests);
    let attempts = 0;
    // Each replace of ours arrives just after a rival's: Azurite answers 412 every time.
    const losing = new Proxy(tables.digests, {
      get(target, property, receiver) {
        if (property !== 'updateEntity') return Reflect.get(target, property, receiver) as unknown;
        return async (...args: Parameters<TableClient['updateEntity']>) => {
          attempts += 1;
          await rival.moveSeal(redaction(attempts));
          return target.updateEntity(...args);
        };
      },
    });
    await assert.rejects(new TablePostedCopies(losing).moveSeal(redaction(0)), (error: unknown) => {
      assert.equal(statusCodeOf(error), 412);
      return true;
    });
    assert.equal(attempts, 21);
  });
});
