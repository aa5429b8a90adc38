import { strict as assert } from 'node:assert';
import { findPersonalData, hasValidNhsCheckDigit } from '../../domain/personal-data';

const NHS = 'an NHS number';
const DOB = 'a date of birth';
const POSTCODE = 'a full postcode';

// Mid-way through the 2017-19 plan: a child's birthday falls after 15 June 2000.
const NOW = new Date('2018-06-15T12:00:00Z');

describe('findPersonalData', () => {
  const cases: [string, string[]][] = [
    // NHS numbers: only those passing the Modulus 11 check.
    ['NHS no 943 476 5919', [NHS]],
    ['NHS 9434765919 on file', [NHS]],
    ['ref 943-476-5919', [NHS]],
    ['401 023 2137.', [NHS]],
    ['943 476 5918 (check digit wrong)', []],
    ['Call 01865 123456 for the panel', []],
    ['Helpline 0300 123 4567', []],
    ['Mobile 07700 900123', []],
    ['04010232137 is eleven digits', []],
    ['+44 401 023 2137', []],
    ['943 476-5919 mixes separators', [NHS]],
    ['1234567890', []],

    // Dates of birth: any date next to DOB or born; otherwise a full date within the last 18 years.
    ['Child A, DOB 12/03/2015', [DOB]],
    ['d.o.b. 3.4.16', [DOB]],
    ['D.O.B: 1 April 2009', [DOB]],
    ['dob:12/03/2015', [DOB]],
    ['DOB 12/03/1990 (mother)', [DOB]],
    ['date of birth is 2011-05-06', [DOB]],
    ['born on the 3rd of March 2015', [DOB]],
    ['born in March 2012', [DOB]],
    ['born 2012', [DOB]],
    ['born 14 Feb', [DOB]],
    ['12/03/2015 (DOB)', [DOB]],
    ['3 March 2015, d.o.b.', [DOB]],
    ['Boy aged 3, 12/03/2015, lives with gran', [DOB]],
    ['Child A 3 March 2015', [DOB]],
    ['twins 12-03-15', [DOB]],
    ['sibling March 3, 2008', [DOB]],
    ['audit on 12/03/2018', []],
    ['by 31/03/2018 at the latest', []],
    ['meeting 3 May 2018', []],
    ['Monday 4 June 2018 workshop', []],
    ['report dated 1/2/2017', []],
    ['from 1/3/2018 to 5/3/2018', []],
    ['on the 12th March 2018', []],
    ['12/03/1995 records reviewed', []],
    ['next step 12/03/2019', []],
    ['31/02/2015', []],
    ['booked for March', []],
    ['by 31 March', []],
    ['March 2019', []],
    ['Q3 2018', []],
    ['section 11 returns 2017/18', []],
    ['version 1.2.15 of the toolkit', []],
    ['12.03.15 minutes', []],
    ['Child A 12.03.2015', [DOB]],
    ['DOB 12.03.15', [DOB]],
    ['was born prematurely', []],
    ['DOB not recorded on the referral', []],
    ['newborn 2017 cohort', []],

    // Postcodes: a full postcode only, never an outward code alone.
    ['lives at OX1 1AA', [POSTCODE]],
    ['OX11 7XX', [POSTCODE]],
    ['SW1A 1AA', [POSTCODE]],
    ['moved to ox4 2sh', [POSTCODE]],
    ['OX11AA', [POSTCODE]],
    ['Meeting in OX1 next week', []],
    ['OX4 area', []],
    ['Y2 1st term', []],
    ['B1 1st floor', []],
    ['QX1 1AA is not a postcode area', []],
    ['OX1 1CA has a letter no inward code uses', []],

    // Several at once, always in the same order, each once.
    ['Jo (DOB 1/2/2012) of OX4 1AB, NHS 943 476 5919', [NHS, DOB, POSTCODE]],
    ['OX4 1AB and OX1 1AA; 943 476 5919 and 401 023 2137', [NHS, POSTCODE]],
    // However it was written: the same check on the typed and the card path.
    ['NHS 943\u00a0476\u00a05919', [NHS]],
    ['NHS 943.476.5919', [NHS]],
    ['NHS ９４３ ４７６ ５９１９', [NHS]],
    ['NHS ９４３４７６５９１９', [NHS]],
    ['NHS 943\u200b476\u200b5919', [NHS]],
    ['NHS 943\u2013476\u20135919', [NHS]],
    ['NHS 943\u2212476\u22125919', [NHS]],
    ['NHS 943  476  5919', [NHS]],
    ['lives at OX1\u00a01AA', [POSTCODE]],
    ['lives at ＯＸ１ １ＡＡ', [POSTCODE]],
    ['DOB\u00a012/03/2015', [DOB]],
    ['Call 01865.123.456', []],
    ['version 1.943.476.5919', []],
    ['Training delivered to 120 staff; 45% of schools returned audits by 31 March 2018.', []],
    ['', []],
  ];
  for (const [note, expected] of cases) {
    it(`${JSON.stringify(note)} → [${expected.join(', ')}]`, () => {
      assert.deepEqual(findPersonalData(note, NOW), expected);
    });
  }

  it('judges a date without context by the date given as now', () => {
    assert.deepEqual(findPersonalData('Child A 12/03/2015', new Date('2034-01-01T00:00:00Z')), []);
    assert.deepEqual(findPersonalData('Child A 12/03/2015', new Date('2015-03-12T09:00:00Z')), [DOB]);
    assert.deepEqual(findPersonalData('Child A 13/03/2015', new Date('2015-03-12T09:00:00Z')), []);
  });
});

describe('hasValidNhsCheckDigit', () => {
  const cases: [string, boolean][] = [
    ['9434765919', true],
    ['4010232137', true],
    ['9434765918', false],
    // Check digit would be 10: never issued.
    ['1234567890', false],
    ['943476591', false],
    ['94347659190', false],
    ['943 476 5919', false],
  ];
  for (const [digits, expected] of cases) {
    it(`${digits} → ${expected}`, () => {
      assert.equal(hasValidNhsCheckDigit(digits), expected);
    });
  }
});
