import { strict as assert } from 'node:assert';
import { findPersonalData, MAX_CHECKED_LENGTH } from '../../domain/personal-data';

const NHS = 'an NHS number';
const DOB = 'a date of birth';
const POSTCODE = 'a full postcode';
const NOW = new Date('2026-12-07T12:00:00Z');

/** Each valid number (Modulus 11) written the ways people type them. */
const NHS_NUMBERS = ['9434765919', '0830166130', '1860913903', '6281948211'];
const SEPARATORS: [string, string][] = [
  ['none', ''],
  ['space', ' '],
  ['two spaces', '  '],
  ['slash', '/'],
  ['hyphen', '-'],
  ['dot', '.'],
  ['no-break space', '\u00a0'],
  ['thin space', '\u2009'],
  ['en dash', '\u2013'],
  ['spaced slash', ' / '],
  ['tab', '\t'],
  ['ideographic space', '\u3000'],
];
const nhs = (digits: string, separator: string) =>
  `${digits.slice(0, 3)}${separator}${digits.slice(3, 6)}${separator}${digits.slice(6)}`;

const NHS_HITS: string[] = NHS_NUMBERS.flatMap((digits) =>
  SEPARATORS.map(([, separator]) => `seen, NHS ${nhs(digits, separator)} today`),
).concat(['943 476-5919 mixed', '943/476 5919 mixed', 'nhs:9434765919.', '(943.476.5919)']);

const DOB_HITS: string[] = [
  '12/03/2015',
  '12-03-2015',
  '12.03.2015',
  '12 03 2015',
  '12 / 03 / 2015',
  '12\u00a003\u00a02015',
  '2015-03-12',
  '2015/03/12',
  '2015.03.12',
  '12/03/15',
  '12-3-15',
  '3 March 2015',
  '3rd of March 2015',
  'March 3, 2015',
  'DOB 12/03',
  'born 2012',
  'born in March 2012',
  'd.o.b. 3.4.16',
  'date of birth 2011 05 06',
  'dob 12 03 2015',
].map((date) => `Child A, ${date}, lives with gran`);

const POSTCODE_HITS: string[] = [
  'OX4 2SH',
  'OX42SH',
  'OX4-2SH',
  'OX4.2SH',
  'OX4/2SH',
  'OX4  2SH',
  'OX4\u00a02SH',
  'OX4\u20092SH',
  'OX4 - 2SH',
  'ox4 2sh',
  'SW1A 1AA',
  'SW1A-1AA',
  'M1 1AE',
  'B33 8TH',
  'CR2 6XH',
  'DN55 1PT',
].map((postcode) => `family at ${postcode} now`);

/** Near misses: ordinary plan notes that must pass. */
const NEAR_MISSES: string[] = [
  '943 476 5918 (check digit wrong)',
  '943-476-5918',
  '9434765918',
  'Call 01865 123456 for the panel',
  'Helpline 0300 123 4567',
  'Mobile 07700 900123',
  '+44 401 023 2137',
  '04010232137 is eleven digits',
  '1234567890',
  'ref 943 476 59190',
  'version 1.2.15 released',
  'v2.0.10 of the form',
  'audit on 12/03/2019',
  'meeting 3 May 2018',
  'due 12/03/2026',
  'by 2026-03-31',
  'review on 12 03 2026',
  'training 2025/11/04',
  '12/03/1990 (too old to be a child)',
  '12/03/2030 is in the future',
  '31/02/2015 is not a date',
  '99 percent seen',
  '12 of 15 schools',
  '3 4 5 steps',
  '2019 2020 2021 reports',
  'Q3 2025 figures',
  'OX4 only, the district',
  'OX4 2S',
  'OX4-25H',
  'the OX postcode area',
  'B1 1st floor',
  'SE1 2nd floor',
  'room B12 3rd door',
  'XY1 2AB is no area',
  'QQ4 2SH',
  'OX4 2CI has forbidden letters',
  'Page 943 of 476',
  'Ref 123/456/7890 fails the check',
  '123.456.7890',
  '12:30 on 5/6',
  'Priority 5.1 and 5.2 updated',
  'Action 3.2.1 done',
  'score 10-12 improving',
  '60% in 2024-25',
  '2024-25 and 2025-26 plans',
  'Section 47 enquiries 1,234',
  'About 1 in 5 children',
  'Plan 2026-2029 agreed',
  'WFH 2 days a week',
  'The March 2015 report was reviewed',
  'A1 road works, E1 7 ok',
  'M25 closed',
];

describe('personal-data check: a corpus of separators and near misses', () => {
  it('has at least 50 variants and 50 near misses', () => {
    assert.ok(NHS_HITS.length + DOB_HITS.length + POSTCODE_HITS.length >= 50);
    assert.ok(NEAR_MISSES.length >= 50, `${NEAR_MISSES.length} near misses`);
  });
  for (const text of NHS_HITS)
    it(`finds an NHS number in ${JSON.stringify(text)}`, () => {
      assert.ok(findPersonalData(text, NOW).includes(NHS));
    });
  for (const text of DOB_HITS)
    it(`finds a date of birth in ${JSON.stringify(text)}`, () => {
      assert.ok(findPersonalData(text, NOW).includes(DOB));
    });
  for (const text of POSTCODE_HITS)
    it(`finds a full postcode in ${JSON.stringify(text)}`, () => {
      assert.ok(findPersonalData(text, NOW).includes(POSTCODE));
    });
  for (const text of NEAR_MISSES)
    it(`lets ${JSON.stringify(text)} pass`, () => {
      assert.deepEqual(findPersonalData(text, NOW), []);
    });

  it('reads a long text in bounded windows, finding what straddles a window edge', () => {
    for (const offset of [1_990, 1_995, 3_900, 3_915]) {
      const text = `${'x'.repeat(offset)} 943 476 5919 ${'y'.repeat(50)}`;
      assert.deepEqual(findPersonalData(text, NOW), [NHS], `at ${offset}`);
    }
    assert.deepEqual(findPersonalData('9'.repeat(MAX_CHECKED_LENGTH * 10), NOW), []);
  });
});
