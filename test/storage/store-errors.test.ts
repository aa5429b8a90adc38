import { strict as assert } from 'node:assert';
import { RestError } from '@azure/core-rest-pipeline';
import { StoreUnavailableError } from '../../domain/store-unavailable';
import { guardStore, statusCodeOf } from '../../storage/store-errors';

describe('storage errors: by status code, for the SDK’s RestError only', () => {
  const cases: [string, unknown, number | undefined][] = [
    ['a RestError with a status', new RestError('gone', { statusCode: 404 }), 404],
    [
      'a RestError with no status (the request never went)',
      new RestError('refused', { code: 'ECONNREFUSED' }),
      undefined,
    ],
    [
      'an error of another library that happens to carry a status',
      Object.assign(new Error('teams'), { statusCode: 404 }),
      undefined,
    ],
    ['a plain object', { statusCode: 409 }, undefined],
    ['nothing', undefined, undefined],
  ];
  for (const [name, error, status] of cases) {
    it(`${name}: ${String(status)}`, () => assert.equal(statusCodeOf(error), status));
  }

  it('a store that is not there is StoreUnavailableError once, however many guards it passes', async () => {
    const refused = new RestError('connect ECONNREFUSED', { code: 'ECONNREFUSED' });
    const failure = await guardStore(() => guardStore(() => Promise.reject(refused))).then(
      () => assert.fail('resolved'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof StoreUnavailableError);
    assert.equal(failure.cause, refused);
  });

  it('anything else is rethrown as it came', async () => {
    const conflict = new RestError('conflict', { statusCode: 409 });
    await assert.rejects(
      guardStore(() => Promise.reject(conflict)),
      (error) => error === conflict,
    );
  });
});
