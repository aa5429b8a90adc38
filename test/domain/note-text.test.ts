import { strict as assert } from 'node:assert';
import {
  UNREADABLE_NOTE_PROBLEM,
  hasVisibleText,
  personalDataText,
  readNote,
  type NoteReading,
} from '../../domain/note-text';
import { validateStatusUpdate } from '../../domain/rag-status';

const NOTE_NEEDED = 'A note is needed for red and amber: what is wrong and what is being done.';

describe('note text', () => {
  describe('a required note must have something visible in it', () => {
    const invisible: [string, string][] = [
      ['zero-width spaces', '\u200b\u200b\u200b'],
      ['zero-width joiner and non-joiner', '\u200d\u200c'],
      ['word joiner and invisible operators', '\u2060\u2062\u2063\u2064'],
      ['byte order marks', '\ufeff\ufeff'],
      ['soft hyphens', '\u00ad\u00ad'],
      ['Hangul filler U+3164', '\u3164\u3164'],
      ['Hangul choseong filler U+115F', '\u115f'],
      ['Hangul jungseong filler U+1160', '\u1160'],
      ['half-width Hangul filler U+FFA0', '\uffa0'],
      ['braille blank U+2800', '\u2800\u2800\u2800'],
      ['Mongolian vowel separator', '\u180e'],
      ['combining grapheme joiner', '\u034f'],
      ['variation selectors', '\ufe0f\ufe0e'],
      ['tag characters', '\u{e0041}\u{e0042}'],
      ['no-break and ideographic spaces', '\u00a0\u3000\u2007\u202f'],
      ['line and paragraph separators', '\u2028\u2029'],
      ['Ogham space mark', '\u1680'],
      ['bidi controls only', '\u202e\u2066\u2069'],
      ['a combining mark on nothing', '\u0301'],
      ['a mixture', ' \u200b\u3164\n\u2800\t\u00a0\u202e '],
    ];
    for (const [name, note] of invisible) {
      it(`refuses red and amber with only ${name}`, () => {
        assert.deepEqual(validateStatusUpdate({ rag: 'red', note }), { ok: false, problem: NOTE_NEEDED });
        assert.deepEqual(validateStatusUpdate({ rag: 'amber', note }), { ok: false, problem: NOTE_NEEDED });
      });
      it(`stores green with only ${name} as no note`, () => {
        assert.deepEqual(validateStatusUpdate({ rag: 'green', note }), { ok: true, note: '' });
      });
    }

    const visible: [string, string][] = [
      ['a letter', 'a'],
      ['a digit', '7'],
      ['punctuation', '?'],
      ['an emoji', '👍'],
      ['an emoji with a zero-width joiner', '👩\u200d💻'],
      ['Arabic', 'تم'],
      ['a Hangul syllable', '한'],
      ['a letter with a combining accent', 'e\u0301'],
    ];
    for (const [name, note] of visible) {
      it(`accepts a note of ${name}`, () => {
        assert.equal(hasVisibleText(note), true);
        assert.deepEqual(validateStatusUpdate({ rag: 'red', note }), { ok: true, note });
      });
    }
  });

  describe('readNote', () => {
    const cases: [string, string, NoteReading][] = [
      ['right-to-left override removed', 'exe.\u202etxt', { ok: true, note: 'exe.txt' }],
      [
        'every embedding, override and isolate removed',
        'a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j',
        { ok: true, note: 'abcdefghij' },
      ],
      ['left-to-right and right-to-left marks kept', 'שלום\u200e 5.1', { ok: true, note: 'שלום\u200e 5.1' }],
      ['a lone high surrogate refused', 'Audit \ud800 late', { ok: false, problem: UNREADABLE_NOTE_PROBLEM }],
      ['a lone low surrogate refused', '\udc00', { ok: false, problem: UNREADABLE_NOTE_PROBLEM }],
      [
        'surrogates in the wrong order refused',
        '\udc00\ud800',
        { ok: false, problem: UNREADABLE_NOTE_PROBLEM },
      ],
      ['a proper pair kept', 'On track 👍', { ok: true, note: 'On track 👍' }],
      [
        'zero-width characters inside text kept as typed',
        'co\u200bordinate',
        { ok: true, note: 'co\u200bordinate' },
      ],
      ['control characters removed', 'On\u0000 tra\u001bck', { ok: true, note: 'On track' }],
    ];
    for (const [name, raw, expected] of cases) {
      it(name, () => assert.deepEqual(readNote(raw), expected));
    }

    it('refuses a lone surrogate on a green update too', () => {
      assert.deepEqual(validateStatusUpdate({ rag: 'green', note: '\ud83d' }), {
        ok: false,
        problem: UNREADABLE_NOTE_PROBLEM,
      });
    });
  });

  describe('personalDataText: what the personal-data check reads', () => {
    const cases: [string, string, string][] = [
      ['no-break spaces', '943\u00a0476\u00a05919', '943 476 5919'],
      ['narrow no-break and figure spaces', '943\u202f476\u20075919', '943 476 5919'],
      ['full-width digits', '９４３ ４７６ ５９１９', '943 476 5919'],
      ['Arabic-Indic digits', '٩٤٣ ٤٧٦ ٥٩١٩', '943 476 5919'],
      ['Devanagari digits', '९४३४७६५९१९', '9434765919'],
      ['mathematical bold digits', '𝟗𝟒𝟑', '943'],
      ['zero-width spaces inside a number', '943\u200b476\u200b5919', '9434765919'],
      ['dashes of every kind', '943\u2013476\u20125919', '943-476-5919'],
      ['full-width letters', 'ＯＸ１ １ＡＡ', 'OX1 1AA'],
      ['runs of mixed spaces and line breaks', 'OX1\u00a0\n 1AA', 'OX1 1AA'],
    ];
    for (const [name, note, expected] of cases) {
      it(name, () => assert.equal(personalDataText(note), expected));
    }
  });
});
