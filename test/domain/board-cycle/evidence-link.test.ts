import { strict as assert } from 'node:assert';
import { MAX_EVIDENCE_LINK_LENGTH, readEvidenceLink } from '../../../domain/board-cycle/evidence-link';

const SPACES =
  'A link cannot contain spaces or invisible characters. Please copy the address again from the browser.';
const MALFORMED = 'That does not read as a web address. Please copy it again from the browser.';
const NO_SITE =
  'That address has no site name like example.org in it. Please copy it again from the browser.';
const HTTP = 'Only secure links can be recorded: please use the https:// address (most sites have one).';
const CREDENTIALS =
  'That link has a user name or password in it. Please share a link without them; people sign in themselves.';

describe('board cycle: evidence links', () => {
  const accepted: [string, string][] = [
    ['https://example.org/report', 'https://example.org/report'],
    ['https://example.org', 'https://example.org/'],
    ['  https://example.org/report  ', 'https://example.org/report'],
    ['HTTPS://Example.ORG/Report', 'https://example.org/Report'],
    [
      'https://oxon.sharepoint.com/sites/board/Shared%20Documents/audit.pdf?web=1#page=2',
      'https://oxon.sharepoint.com/sites/board/Shared%20Documents/audit.pdf?web=1#page=2',
    ],
    ['https://example.org:8443/a', 'https://example.org:8443/a'],
    // An international host is kept in its xn-- form, so look-alike letters show for what they are.
    ['https://bücher.example/liste', 'https://xn--bcher-kva.example/liste'],
    ['https://аpple.com/', 'https://xn--pple-43d.com/'],
    ['https://192.168.10.4/report', 'https://192.168.10.4/report'],
    ['https://example.org/a b'.replace(' ', '%20'), 'https://example.org/a%20b'],
    [
      `https://example.org/${'a'.repeat(MAX_EVIDENCE_LINK_LENGTH - 20)}`,
      `https://example.org/${'a'.repeat(1980)}`,
    ],
  ];
  for (const [typed, url] of accepted) {
    it(`accepts ${JSON.stringify(typed.slice(0, 60))}`, () => {
      assert.deepEqual(readEvidenceLink(typed), { ok: true, url });
    });
  }

  const refused: [string, string, string][] = [
    ['empty', '', 'There is no link here. Please paste an address like https://example.org/report.'],
    [
      'javascript:',
      'javascript:alert(1)',
      'Only https:// links can be recorded as evidence, not "javascript:" links.',
    ],
    [
      'JavaScript: in capitals',
      'JaVaScRiPt:alert(1)',
      'Only https:// links can be recorded as evidence, not "javascript:" links.',
    ],
    ['http:', 'http://example.org/report', HTTP],
    [
      'three slashes',
      'https:///example.org/report',
      'That address is not complete: it should start https:// and a site name.',
    ],
    [
      'data:',
      'data:text/html;base64,PHNjcmlwdD4=',
      'Only https:// links can be recorded as evidence, not "data:" links.',
    ],
    [
      'file:',
      'file:///C:/board/report.docx',
      'Only https:// links can be recorded as evidence, not "file:" links.',
    ],
    [
      'ftp:',
      'ftp://example.org/report',
      'Only https:// links can be recorded as evidence, not "ftp:" links.',
    ],
    [
      'mailto:',
      'mailto:board@example.org',
      'Only https:// links can be recorded as evidence, not "mailto:" links.',
    ],
    [
      'no scheme',
      'www.example.org/report',
      'Please give the whole address, starting https://, as in https://example.org/report.',
    ],
    [
      'https: without slashes',
      'https:example.org',
      'That address is not complete: it should start https:// and a site name.',
    ],
    ['a space inside', 'https://example.org/annual report.pdf', SPACES],
    ['a space in the host', 'https://exam ple.org/', SPACES],
    ['a tab', 'https://example.org/\treport', SPACES],
    ['a newline', 'https://example.org/\nreport', SPACES],
    ['a non-breaking space', 'https://example.org/\u00a0report', SPACES],
    ['a zero-width space', 'https://example.org/\u200breport', SPACES],
    ['a right-to-left override', 'https://example.org/\u202ereport', SPACES],
    ['a NUL', 'https://example.org/\u0000', SPACES],
    ['credentials', 'https://user:pass@example.org/report', CREDENTIALS],
    ['a user name only', 'https://user@example.org/report', CREDENTIALS],
    ['a host that is not one', 'https://exa<mple.org/', MALFORMED],
    ['no host', 'https://', 'That address is not complete: it should start https:// and a site name.'],
    ['a bad port', 'https://example.org:99999/', MALFORMED],
    ['a host with no dot', 'https://intranet/report', NO_SITE],
    [
      'too long',
      `https://example.org/${'a'.repeat(MAX_EVIDENCE_LINK_LENGTH)}`,
      'A link can be at most 2,000 characters; this one has 2,020. Please link to the page or folder instead.',
    ],
    [
      'too long once normalised',
      `https://example.org/${'é'.repeat(700)}`,
      'A link can be at most 2,000 characters; this one has 4,220. Please link to the page or folder instead.',
    ],
  ];
  for (const [name, typed, problem] of refused) {
    it(`refuses ${name}`, () => {
      assert.deepEqual(readEvidenceLink(typed), { ok: false, problem });
    });
  }

  it('never echoes more than a short scheme', () => {
    const reading = readEvidenceLink(`${'a'.repeat(500)}:x`);
    assert.equal(reading.ok, false);
    assert.ok(!reading.ok && reading.problem.length < 100, JSON.stringify(reading));
  });
});
