import { strict as assert } from 'node:assert';
import {
  actionsLedBy,
  currentLeads,
  leadAgencyNames,
  matchLeadAgency,
  readLeadAgency,
  type AgencyMatch,
} from '../../../domain/board-cycle/lead-agency';
import { MAX_LEAD_AGENCY_LENGTH, type Plan, type PlanAction } from '../../../plan/plan-schema';

const AGENCIES = [
  'Thames Valley Police',
  'Oxfordshire County Council',
  'Oxford Health NHS Foundation Trust',
  'Oxford University Hospitals',
  'Oxfordshire Clinical Commissioning Group',
  'National Probation Service',
  'Police & Crime Commissioner',
  'Education',
];

describe('board cycle: lead agencies', () => {
  const matches: [string, AgencyMatch][] = [
    ['Thames Valley Police', { kind: 'one', agency: 'Thames Valley Police' }],
    ['thames valley police', { kind: 'one', agency: 'Thames Valley Police' }],
    ['  THAMES   valley  ', { kind: 'one', agency: 'Thames Valley Police' }],
    ['thames', { kind: 'one', agency: 'Thames Valley Police' }],
    ['valley pol', { kind: 'one', agency: 'Thames Valley Police' }],
    ['tvp', { kind: 'one', agency: 'Thames Valley Police' }],
    ['OCC', { kind: 'one', agency: 'Oxfordshire County Council' }],
    ['probation', { kind: 'one', agency: 'National Probation Service' }],
    ['Police and Crime Commissioner', { kind: 'one', agency: 'Police & Crime Commissioner' }],
    ['police & crime', { kind: 'one', agency: 'Police & Crime Commissioner' }],
    ['county council', { kind: 'one', agency: 'Oxfordshire County Council' }],
    ['health', { kind: 'one', agency: 'Oxford Health NHS Foundation Trust' }],
    // A typo or two in a word.
    ['polise', { kind: 'several', agencies: ['Thames Valley Police', 'Police & Crime Commissioner'] }],
    ['probaton', { kind: 'one', agency: 'National Probation Service' }],
    ['educaiton', { kind: 'one', agency: 'Education' }],
    // Several fit the same rule: buttons to choose.
    ['police', { kind: 'several', agencies: ['Thames Valley Police', 'Police & Crime Commissioner'] }],
    [
      'oxford',
      {
        kind: 'several',
        agencies: [
          'Oxfordshire County Council',
          'Oxford Health NHS Foundation Trust',
          'Oxford University Hospitals',
          'Oxfordshire Clinical Commissioning Group',
        ],
      },
    ],
    ['oxford hosp', { kind: 'one', agency: 'Oxford University Hospitals' }],
    // The whole name wins over names it begins.
    ['education', { kind: 'one', agency: 'Education' }],
    // Nothing fits.
    ['fire brigade', { kind: 'none', suggestions: [] }],
    // Nothing fits every word; the names that share a word are offered.
    ['fire service', { kind: 'none', suggestions: ['National Probation Service'] }],
    ['', { kind: 'none', suggestions: [] }],
    ['!!!', { kind: 'none', suggestions: [] }],
    ['natonal probaton servise', { kind: 'one', agency: 'National Probation Service' }],
    [
      'pollice servce',
      {
        kind: 'none',
        suggestions: ['National Probation Service', 'Police & Crime Commissioner', 'Thames Valley Police'],
      },
    ],
    ['x'.repeat(MAX_LEAD_AGENCY_LENGTH + 1), { kind: 'tooLong', maxLength: MAX_LEAD_AGENCY_LENGTH }],
  ];
  for (const [typed, expected] of matches) {
    it(`show agency ${JSON.stringify(typed.slice(0, 40))} → ${expected.kind}`, () => {
      assert.deepEqual(matchLeadAgency(typed, AGENCIES), expected);
    });
  }

  it('finds nothing among no agencies', () => {
    assert.deepEqual(matchLeadAgency('police', []), { kind: 'none', suggestions: [] });
  });

  it('treats two spellings of one name as one agency', () => {
    assert.deepEqual(matchLeadAgency('police', ['Thames Valley Police', 'thames valley police']), {
      kind: 'several',
      agencies: ['Thames Valley Police', 'thames valley police'],
    });
    assert.deepEqual(
      leadAgencyNames(
        new Map([
          ['1.1', 'Thames Valley Police'],
          ['1.2', 'THAMES VALLEY POLICE'],
        ]),
      ),
      ['Thames Valley Police'],
    );
  });

  describe('reading a typed agency', () => {
    const cases: [string, { ok: true; agency: string } | { ok: false; problem: string }][] = [
      ['Thames Valley Police', { ok: true, agency: 'Thames Valley Police' }],
      ['  Thames   Valley\nPolice ', { ok: true, agency: 'Thames Valley Police' }],
      ['Police\u202e & Crime', { ok: true, agency: 'Police & Crime' }],
      ['', { ok: false, problem: 'Please name the lead agency, as in "lead 5.1 Thames Valley Police".' }],
      [
        '\u200b',
        { ok: false, problem: 'Please name the lead agency, as in "lead 5.1 Thames Valley Police".' },
      ],
      ['a'.repeat(MAX_LEAD_AGENCY_LENGTH), { ok: true, agency: 'a'.repeat(MAX_LEAD_AGENCY_LENGTH) }],
      // Two names that look the same are the same name.
      ['Thames\u200b Valley\u2060 Police', { ok: true, agency: 'Thames Valley Police' }],
      [
        'a'.repeat(MAX_LEAD_AGENCY_LENGTH + 1),
        { ok: false, problem: "An agency's name can be at most 120 characters. Please shorten it." },
      ],
      [
        'a'.repeat(100_000),
        { ok: false, problem: "An agency's name can be at most 120 characters. Please shorten it." },
      ],
    ];
    for (const [typed, expected] of cases) {
      it(`${JSON.stringify(typed.slice(0, 30))} → ${expected.ok ? 'read' : 'refused'}`, () => {
        assert.deepEqual(readLeadAgency(typed), expected);
      });
    }
  });

  it('takes a lead set by command over the plan file’s, and lists what each agency leads', () => {
    const action = (id: string, lead?: string): PlanAction => ({
      id,
      title: id,
      description: id,
      ...(lead ? { lead } : {}),
    });
    const plan = {
      priorities: [
        { actions: [action('1.1', 'Thames Valley Police'), action('1.2'), action('1.3', 'Education')] },
        { actions: [action('2.1', 'Education')] },
      ],
    } as unknown as Plan;
    const leads = currentLeads(
      plan,
      new Map([
        ['1.2', 'thames valley police'],
        ['2.1', 'Oxford Health'],
      ]),
    );
    assert.deepEqual(
      [...leads],
      [
        ['1.1', 'Thames Valley Police'],
        ['1.2', 'thames valley police'],
        ['1.3', 'Education'],
        ['2.1', 'Oxford Health'],
      ],
    );
    assert.deepEqual(leadAgencyNames(leads), ['Education', 'Oxford Health', 'Thames Valley Police']);
    assert.deepEqual(actionsLedBy('Thames Valley Police', leads), ['1.1', '1.2']);
    assert.deepEqual(actionsLedBy('education', leads), ['1.3']);
    assert.deepEqual(actionsLedBy('Fire', leads), []);
  });
});
