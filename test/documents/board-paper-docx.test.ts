import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { renderBoardPackDocx } from '../../documents/board-pack-docx';
import { textWidth, wordsOf, CELL_MARGINS } from '../../documents/word-widths';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import type { BoardPackView, ChangeRow, ExceptionRow } from '../../views/board-pack-view-model';
import { readZipEntries } from '../support/zip-entries';
import { shippedPlanView } from './board-pack-fixture';

/** The parts of a .docx a board paper is judged by, read with yauzl and mammoth (never with docx). */
interface Paper {
  text: string;
  document: string;
  headers: string[];
  footers: string[];
  settings: string;
}

async function readPaper(file: Buffer): Promise<Paper> {
  const entries = await readZipEntries(file);
  const part = (name: string) => entries.find((entry) => entry.name === name)?.data.toString('utf8') ?? '';
  const matching = (pattern: RegExp) =>
    entries.filter((entry) => pattern.test(entry.name)).map((entry) => entry.data.toString('utf8'));
  return {
    text: (await mammoth.extractRawText({ buffer: file })).value,
    document: part('word/document.xml'),
    headers: matching(/^word\/header\d*\.xml$/),
    footers: matching(/^word\/footer\d*\.xml$/),
    settings: part('word/settings.xml'),
  };
}

/** The text of each <w:t> in an XML fragment, joined. */
function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => unescape(match[1])).join('');
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Each table of the body: its column widths and its rows' cell texts. */
function tablesOf(document: string): { widths: number[]; rows: string[][] }[] {
  return [...document.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((match) => ({
    widths: [...match[1].matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((col) => Number(col[1])),
    rows: [...match[1].matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((row) =>
      [...row[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) =>
        [...cell[1].matchAll(/<w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].length > 0
          ? cell[1]
              .split(/<w:br\/>/)
              .map(textOf)
              .join('\n')
          : '',
      ),
    ),
  }));
}

const EXCEPTION_HEADERS = ['Action', 'Owner', 'Lead agency', 'Status', 'Why', 'Direction'];

function exceptionTable(document: string) {
  const table = tablesOf(document).find((candidate) =>
    EXCEPTION_HEADERS.every((header, index) => candidate.rows[0]?.[index] === header),
  );
  assert.ok(table, 'the exception table');
  return table;
}

const LONG_OWNER = 'Learning subgroup chair (Oxford Health NHS Foundation Trust)';
const NEVER_UPDATED: ExceptionRow = {
  actionId: '4.4',
  actionTitle: 'Never-updated action with safeguarding exploitation',
  owner: 'exploitation.lead@thamesvalley.police.uk',
  leadAgency: 'Oxfordshire Clinical Commissioning Group',
  status: 'not_started',
  direction: { trend: 'same', earlierStatus: 'not_started' },
  reasons: ['never updated'],
};

describe('board pack: a board paper in Word', () => {
  let view: BoardPackView;
  let paper: Paper;

  before(async () => {
    const base = shippedPlanView();
    view = {
      ...base,
      marking: 'OFFICIAL-SENSITIVE',
      exceptions: [
        ...(base.exceptions ?? []),
        { ...NEVER_UPDATED },
        {
          actionId: '6.1',
          actionTitle: 'Worsening amber',
          owner: LONG_OWNER,
          status: 'amber',
          direction: { trend: 'worsening', earlierStatus: 'green' },
          daysSinceUpdate: 45,
          reasons: ['amber for 3 digests', 'no update for 45 days'],
        },
      ],
    };
    paper = await readPaper(await renderBoardPackDocx(view));
  });

  it('carries the protective marking and "Page X of Y" in a header and footer of every section', () => {
    const sections = [...paper.document.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((match) => match[0]);
    assert.ok(sections.length >= 2, 'portrait and landscape sections');
    for (const section of sections) {
      assert.match(section, /<w:headerReference w:type="default"/);
      assert.match(section, /<w:footerReference w:type="default"/);
    }
    assert.ok(
      paper.headers.length > 0 &&
        paper.headers.every((header) => textOf(header).includes('OFFICIAL-SENSITIVE')),
    );
    for (const footer of paper.footers) {
      assert.ok(textOf(footer).includes('OFFICIAL-SENSITIVE'));
      assert.match(footer, /PAGE/);
      assert.match(footer, /NUMPAGES/);
      assert.ok(textOf(footer).includes('Page ') && textOf(footer).includes(' of '), textOf(footer));
    }
  });

  it('puts the marking on the title page', () => {
    assert.match(paper.text, /^OFFICIAL-SENSITIVE\s+OSCB board pack/);
    assert.ok(paper.text.includes('Protective marking: OFFICIAL-SENSITIVE'));
  });

  it('prints a marking from configuration, ampersands and all', async () => {
    const marked = await readPaper(
      await renderBoardPackDocx({ ...view, marking: 'OFFICIAL & PARTNERS ONLY' }),
    );
    assert.match(marked.text, /^OFFICIAL & PARTNERS ONLY/);
    assert.ok(marked.headers.every((header) => textOf(header).includes('OFFICIAL & PARTNERS ONLY')));
  });

  it('has a real table of contents field over the headings, updated when Word opens the file', () => {
    assert.match(paper.document, /<w:instrText[^>]*>\s*TOC (\\h )?\\o &quot;1-2&quot;/);
    assert.match(paper.settings, /<w:updateFields(?: w:val="(?:true|1|on)")?\/>/);
    assert.ok(paper.text.indexOf('Contents') < paper.text.indexOf('Summary'));
  });

  it('says in plain words why each row is an exception', () => {
    const table = exceptionTable(paper.document);
    const why = table.rows[0].indexOf('Why');
    const byAction = new Map(table.rows.slice(1).map((row) => [row[0].split(' ')[0], row]));
    assert.equal(byAction.get('4.4')?.[why], 'never updated');
    assert.equal(byAction.get('6.1')?.[why], 'amber for 3 digests\nno update for 45 days');
    for (const row of view.exceptions ?? []) assert.ok(byAction.get(row.actionId)?.[why], row.actionId);
  });

  it('gives no direction for an action never updated', () => {
    const table = exceptionTable(paper.document);
    const direction = table.rows[0].indexOf('Direction');
    const row = table.rows.find((candidate) => candidate[0].startsWith('4.4 '));
    assert.equal(row?.[direction], '');
    assert.ok(!paper.text.includes('No change (was Not started)'));
    const worsening = table.rows.find((candidate) => candidate[0].startsWith('6.1 '));
    assert.equal(worsening?.[direction], 'Worsening (was Green)');
  });

  it('sets the exception columns wide enough that no ordinary word breaks', () => {
    const table = exceptionTable(paper.document);
    assert.equal(table.widths.length, 8);
    assertWordsFit(table, { wrapsAllowed: [table.rows[0].indexOf('Owner')] });
  });

  it('shows the RAG cell filled and centred in its row', () => {
    const table = /<w:tbl>((?:(?!<\/w:tbl>)[\s\S])*?>Why<[\s\S]*?)<\/w:tbl>/.exec(paper.document)?.[1] ?? '';
    const redCell = /<w:tc>((?:(?!<\/w:tc>)[\s\S])*?w:fill="C00000"[\s\S]*?)<\/w:tc>/.exec(table)?.[1] ?? '';
    assert.match(redCell, /<w:vAlign w:val="center"\/>/);
  });

  it('names owners with their organisation, or by full address, never the part before the @', () => {
    const table = exceptionTable(paper.document);
    const owners = table.rows.slice(1).map((row) => row[1]);
    assert.ok(owners.includes(LONG_OWNER));
    assert.ok(owners.includes('exploitation.lead@thamesvalley.police.uk'));
    assert.ok(!/(^|\s)exploitation\.lead(\s|$)/.test(paper.text));
  });

  it('groups the appendix by action: the title once, then its changes', () => {
    const appendix = paper.text.slice(paper.text.lastIndexOf('Appendix: changes in the period'));
    for (const action of ['1.1', '5.1', '8.1']) {
      const title = view.changes.find((change) => change.actionId === action)?.actionTitle;
      const heading = `${action} ${title}`;
      assert.equal(appendix.split(heading).length - 1, 1, heading);
    }
    const table = tablesOf(paper.document).at(-1);
    assert.deepEqual(table?.rows[0], ['When', 'Who', 'Change', 'Note']);
    const titleRows = table?.rows.filter((row) => row.length === 1) ?? [];
    assert.equal(titleRows.length, 16);
    assert.ok(table);
    assertWordsFit(table, { wrapsAllowed: [1], skipSpans: true });
  });

  it('keeps the shipped titles, long names and agencies whole in every table', async () => {
    const plan = loadPlan(shippedPlanFile);
    const rows: ExceptionRow[] = plan.priorities.flatMap((priority) =>
      priority.actions.map((action) => ({
        actionId: action.id,
        actionTitle: action.title,
        owner: 'Alexandria Montgomery-Fitzwilliam (Oxfordshire Safeguarding Children Partnership)',
        leadAgency: action.lead ?? 'Oxford University Hospitals NHS Foundation Trust',
        status: 'red',
        direction: { trend: 'worsening', earlierStatus: 'amber' },
        daysSinceUpdate: 120,
        reasons: ['red', 'overdue by 120 days', 'no update for 120 days'],
        correctiveAction: 'Escalated to the executive group for a decision on resources.',
      })),
    );
    const wide = await readPaper(await renderBoardPackDocx({ ...view, exceptions: rows }));
    assertWordsFit(exceptionTable(wide.document), { wrapsAllowed: [] });
  });
});

/** Every word in a column fits its width (at the table's nine points), but in the columns that may wrap. */
function assertWordsFit(
  table: { widths: number[]; rows: string[][] },
  options: { wrapsAllowed: number[]; skipSpans?: boolean },
): void {
  for (const row of table.rows) {
    if (options.skipSpans && row.length === 1) continue;
    row.forEach((text, column) => {
      if (options.wrapsAllowed.includes(column)) return;
      for (const word of wordsOf(text)) {
        const needed = textWidth(word, 9, true) + CELL_MARGINS;
        assert.ok(
          needed <= table.widths[column],
          `"${word}" needs ${Math.round(needed)} in column ${column} of ${table.widths[column]}`,
        );
      }
    });
  }
}

export type { ChangeRow };
