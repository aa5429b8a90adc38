import { strict as assert } from 'node:assert';
import { currentRow, historyRow, readRow, readStoredObject, StoredRowError } from '../../storage/stored-rows';

const current = {
  partitionKey: 'p',
  rowKey: 'cur|5.1',
  actionId: '5.1',
  rag: 'amber',
  version: 3,
  etag: 'W/"1"',
};
const change = {
  partitionKey: 'p',
  rowKey: 'hist|5.1|0000000001',
  actionId: '5.1',
  version: 1,
  kind: 'status',
  at: '2026-11-30T10:00:00.000Z',
  byEmail: 'jane@agency.example',
  byName: 'Jane',
  fromRag: 'not_started',
  toRag: 'amber',
};

describe('stored rows are read through their schema, not cast', () => {
  it('a good current row reads as a status with its ETag and without the table keys', () => {
    const asRead: Record<string, unknown> = { ...current, timestamp: 'x', 'odata.etag': 'y' };
    const status = readRow(currentRow, asRead);
    assert.deepEqual(status, { actionId: '5.1', rag: 'amber', version: 3, etag: 'W/"1"' });
  });

  const badCurrent: [string, Record<string, unknown>, RegExp][] = [
    ['a RAG that is not one', { ...current, rag: 'purple' }, /cur\|5\.1.*rag/],
    ['a RAG in the wrong case', { ...current, rag: 'Amber' }, /rag/],
    ['a negative version', { ...current, version: -1 }, /version/],
    ['a version stored as text', { ...current, version: '3' }, /version/],
    ['no action id', { ...current, actionId: undefined }, /actionId/],
  ];
  for (const [what, row, message] of badCurrent) {
    it(`a current row with ${what} is refused, naming the row`, () => {
      assert.throws(
        () => readRow(currentRow, row),
        (error: unknown) => {
          assert.ok(error instanceof StoredRowError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }

  const badChanges: [string, Record<string, unknown>][] = [
    ['an unknown kind', { ...change, kind: 'rename' }],
    ['a toRag that is not one', { ...change, toRag: 'blue' }],
    ['a fractional version', { ...change, version: 1.5 }],
    ['redacted as text', { ...change, redacted: 'true' }],
  ];
  for (const [what, row] of badChanges) {
    it(`a history row with ${what} is refused`, () => {
      assert.throws(() => readRow(historyRow, row), StoredRowError);
    });
  }

  it('a history row written before impact, evidence and dates existed still reads', () => {
    assert.equal(readRow(historyRow, change).toRag, 'amber');
  });

  const badReferences: [string, string][] = [
    ['not JSON', '{"conversation":'],
    ['an array', '[1,2]'],
    ['a string', '"19:abc@thread.tacv2"'],
    ['null', 'null'],
  ];
  for (const [what, json] of badReferences) {
    it(`a stored conversation reference that is ${what} is refused`, () => {
      assert.throws(() => readStoredObject(json, 'board|channel'), /board\|channel/);
    });
  }

  it('a stored conversation reference that is an object reads back as it was', () => {
    assert.deepEqual(readStoredObject('{"conversation":{"id":"19:a"}}', 'k'), {
      conversation: { id: '19:a' },
    });
  });
});
