import assert from 'node:assert/strict';
import { personLabel } from '../../views/person-label';
import { plainReason } from '../../views/board-pack-views';
import type { ExceptionReason } from '../../domain/board-cycle/exception-rules';

const AGENCIES = new Map([
  ['tvp.police.uk', 'Thames Valley Police'],
  ['oxfordshire.gov.uk', 'Oxfordshire County Council'],
]);

describe('documents name people as the board knows them', () => {
  const cases: [string, string, string | undefined, string][] = [
    [
      'a known person, agency from AGENCY_DOMAINS',
      'dana.lee@tvp.police.uk',
      'Dana Lee',
      'Dana Lee (Thames Valley Police)',
    ],
    [
      'a sub-domain of a mapped domain',
      'dana.lee@cc.oxfordshire.gov.uk',
      'Dana Lee',
      'Dana Lee (Oxfordshire County Council)',
    ],
    [
      'a domain with no mapping: the domain',
      'sam@health.example.org',
      'Sam Carter',
      'Sam Carter (health.example.org)',
    ],
    ['a mapped domain in capitals', 'Dana.Lee@TVP.Police.UK', 'Dana Lee', 'Dana Lee (Thames Valley Police)'],
    [
      'someone never met: the full address',
      'da.lead@council.example.org',
      undefined,
      'da.lead@council.example.org',
    ],
    [
      'a "name" that is the part before the @',
      'da.lead@council.example.org',
      'da.lead',
      'da.lead@council.example.org',
    ],
    ['a blank name', 'da.lead@council.example.org', '  ', 'da.lead@council.example.org'],
    [
      'a name that is an address',
      'da.lead@council.example.org',
      'da.lead@council.example.org',
      'da.lead@council.example.org',
    ],
  ];
  for (const [name, email, known, expected] of cases) {
    it(name, () => assert.equal(personLabel(email, known, AGENCIES), expected));
  }

  const reasons: [ExceptionReason, string][] = [
    [{ kind: 'red' }, 'red'],
    [{ kind: 'amberUnchanged', digests: 3 }, 'amber for 3 digests'],
    [{ kind: 'overdue', days: 12 }, 'overdue by 12 days'],
    [{ kind: 'overdue', days: 1 }, 'overdue by 1 day'],
    [{ kind: 'noRecentUpdate', days: 45 }, 'no update for 45 days'],
    [{ kind: 'neverUpdated' }, 'never updated'],
  ];
  for (const [reason, text] of reasons) {
    it(`says why in plain words: "${text}"`, () => assert.equal(plainReason(reason), text));
  }
});
