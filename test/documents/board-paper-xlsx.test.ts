import assert from 'node:assert/strict';
import { renderBoardPackXlsx } from '../../documents/board-pack-xlsx';
import { RAG_LABELS } from '../../domain/rag-status';
import type { BoardPackView } from '../../views/board-pack-view-model';
import { decodeXml, readXlsx, type XlsxSheet } from '../support/xlsx-reader';
import { readZipEntries } from '../support/zip-entries';
import { shippedPlanView } from './board-pack-fixture';

describe('board pack: a workbook that prints as a board paper', () => {
  let view: BoardPackView;
  let file: Buffer;
  let sheets: XlsxSheet[];
  const sheet = (name: string): XlsxSheet => {
    const found = sheets.find((candidate) => candidate.name === name);
    assert.ok(found, `sheet ${name}`);
    return found;
  };

  before(async () => {
    const base = shippedPlanView();
    view = {
      ...base,
      marking: 'OFFICIAL-SENSITIVE & PARTNERS',
      exceptions: [
        ...(base.exceptions ?? []),
        {
          actionId: '4.4',
          actionTitle: 'Never updated',
          owner: 'exploitation.lead@thamesvalley.police.uk',
          status: 'not_started',
          direction: { trend: 'same', earlierStatus: 'not_started' },
          reasons: ['never updated'],
        },
      ],
    };
    file = await renderBoardPackXlsx(view);
    sheets = await readXlsx(file);
  });

  it('has a Summary sheet: counts per priority and RAG, coloured as in Word, with a total row', () => {
    const summary = sheet('Summary');
    assert.deepEqual(summary.rows[0], [
      'Priority',
      'Red',
      'Amber',
      'Green',
      'Complete',
      'Not started',
      'Total',
    ]);
    view.summary.byPriority.forEach((priority, index) => {
      const row = summary.rows[index + 1];
      assert.equal(row[0], `${priority.priorityNumber}. ${priority.priorityTitle}`);
      assert.equal(Number(row[1]), priority.counts.red);
      assert.equal(Number(row[3]), priority.counts.green);
    });
    const total = summary.rows[view.summary.byPriority.length + 1];
    assert.equal(total[0], 'All priorities');
    assert.equal(Number(total[1]), view.summary.overall.red);
    assert.equal(summary.cells.get('B1')?.style.fillRgb, 'FFC00000');
    const redCount = summary.rows.findIndex((row, index) => index > 0 && Number(row[1]) > 0);
    assert.equal(summary.cells.get(`B${redCount + 1}`)?.style.fillRgb, 'FFC00000');
  });

  it('has an Exceptions sheet with the same rows and reasons as the Word report, no direction if never updated', () => {
    const exceptions = sheet('Exceptions');
    const headers = exceptions.rows[0];
    assert.deepEqual(headers.slice(0, 6), ['Action', 'Title', 'Owner', 'Lead agency', 'Status', 'Why']);
    const rows = exceptions.rows.slice(1);
    assert.deepEqual(
      rows.map((row) => row[0]),
      (view.exceptions ?? []).map((row) => row.actionId),
    );
    const never = rows.find((row) => row[0] === '4.4');
    assert.equal(never?.[headers.indexOf('Why')], 'never updated');
    assert.equal(never?.[headers.indexOf('Owner')], 'exploitation.lead@thamesvalley.police.uk');
    assert.ok(!never?.[headers.indexOf('Direction of travel')]);
    assert.equal(rows[0][headers.indexOf('Status')], RAG_LABELS.red);
  });

  it('prints every sheet landscape, one page wide, header row repeated, marking and page numbers', async () => {
    const entries = await readZipEntries(file);
    const workbook = entries.find((entry) => entry.name === 'xl/workbook.xml')?.data.toString('utf8') ?? '';
    for (const candidate of sheets) {
      const xml = candidate.xml;
      assert.match(xml, /<pageSetUpPr fitToPage="1"\/>/, candidate.name);
      const setup = /<pageSetup [^>]*\/>/.exec(xml)?.[0] ?? '';
      assert.match(setup, /orientation="landscape"/, candidate.name);
      assert.match(setup, /fitToWidth="1"/, candidate.name);
      assert.match(setup, candidate.name === 'About' ? /fitToHeight="1"/ : /fitToHeight="0"/, candidate.name);
      const header = decodeXml(/<oddHeader>([^<]*)<\/oddHeader>/.exec(xml)?.[1] ?? '');
      const footer = decodeXml(/<oddFooter>([^<]*)<\/oddFooter>/.exec(xml)?.[1] ?? '');
      assert.ok(header.includes('OFFICIAL-SENSITIVE && PARTNERS'), header);
      assert.ok(footer.includes('Page &P of &N'), footer);
      if (candidate.name !== 'About') {
        const titles = new RegExp(
          `<definedName name="_xlnm.Print_Titles" localSheetId="${sheets.indexOf(candidate)}">[^<]*\\$1:\\$1<`,
        );
        assert.match(workbook, titles, candidate.name);
      }
    }
  });

  it('prints every table legibly: fitted to an A4 landscape page at 70% or more (Actions was 40%)', () => {
    // A4 landscape less the 0.5-inch side margins, in points; a column of width w is about 7w + 5 pixels.
    const printable = (11.69 - 1) * 72;
    for (const candidate of sheets) {
      const widths = [...candidate.xml.matchAll(/<col [^>]*\bwidth="([\d.]+)"/g)].map((match) =>
        Number(match[1]),
      );
      assert.ok(widths.length > 0, candidate.name);
      const points = widths.reduce((sum, width) => sum + (width * 7 + 5) * 0.75, 0);
      const scale = Math.min(1, printable / points);
      assert.ok(scale >= 0.7, `${candidate.name} prints at ${Math.round(scale * 100)}%`);
    }
  });

  it('keeps every field of an action on paper: progress on Actions, the rest on Action details', () => {
    const actions = sheet('Actions');
    const details = sheet('Action details');
    const fields = new Set([...actions.rows[0], ...details.rows[0]]);
    for (const field of [
      'Action',
      'Title',
      'Aim',
      'Priority',
      'Owner',
      'Lead agency',
      'Status',
      'Direction of travel',
      'Target date',
      'Revised date',
      'Latest progress',
      'Impact',
      'Evidence',
      'Corrective action',
      'Last updated',
    ])
      assert.ok(fields.has(field), field);
    assert.deepEqual(
      details.rows.map((row) => row[0]),
      actions.rows.map((row) => row[0]),
      'the same actions, in the same order',
    );
  });

  it('wraps About so nothing is cut off', () => {
    const about = sheet('About');
    assert.equal(
      about.rows.find((row) => row[0] === 'Protective marking')?.[1],
      'OFFICIAL-SENSITIVE & PARTNERS',
    );
    const plan = /<row r="2"[^>]*>/.exec(about.xml)?.[0] ?? '';
    assert.match(about.xml, /<col min="2" max="2" width="70/);
    assert.ok(plan.length > 0);
  });
});
