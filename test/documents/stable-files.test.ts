import assert from 'node:assert/strict';
import { Document, Packer, Paragraph } from 'docx';
import { stableDocx } from '../../documents/docx-file';
import { docxTable, withTableRows, type DocxCell } from '../../documents/docx-table';
import { renderBoardPackDocx } from '../../documents/board-pack-docx';
import { renderBoardPackXlsx } from '../../documents/board-pack-xlsx';
import type { BoardPackView } from '../../views/board-pack-view-model';
import { readZipEntries } from '../support/zip-entries';
import { shippedPlanView } from './board-pack-fixture';

const documentXml = async (file: Buffer) =>
  (await readZipEntries(file)).find((entry) => entry.name === 'word/document.xml')?.data.toString('utf8');

const WIDTHS = [1200, 1400, 1600];

/** Tables worth comparing: every kind of cell text the packs draw, and the odd characters people type. */
const TABLES: { name: string; headers: string[] | null; rows: DocxCell[][]; keepTogether?: boolean }[] = [
  {
    name: 'plain text, markup, quotes and control characters',
    headers: ['When', 'Who', 'Note'],
    rows: [
      ['1 Dec 2026', 'Owner & "co" <x>', "it's ]]> done\u0001\u0008 \u00a0é 🙂"],
      ['', ' leading space', 'two\nlines\n'],
    ],
  },
  {
    name: 'RAG cells: fill, colour and bold',
    headers: ['Priority', 'Red', 'Total'],
    rows: [
      [
        { text: 'All', bold: true },
        { text: '2', fill: 'C00000', colour: 'FFFFFF' },
        { text: '5', colour: '00B050' },
      ],
      [{ text: 'a\nb', bold: true, fill: 'F2F2F2' }, '0', { text: '', fill: 'FFC000' }],
    ],
  },
  {
    name: 'kept together, no header',
    headers: null,
    keepTogether: true,
    rows: [
      ['Owner', 'x', 'y'],
      ['Lead', { text: 'z', colour: '1F1F1F' }, 'w'],
    ],
  },
];

function tableDocument(table: (typeof TABLES)[number]): Document {
  return new Document({
    sections: [
      {
        children: [
          docxTable(table.headers, table.rows, WIDTHS, { keepTogether: table.keepTogether }),
          new Paragraph('after'),
        ],
      },
    ],
  });
}

describe('board pack files: the same record gives the same bytes', () => {
  for (const table of TABLES) {
    it(`writes table rows as text exactly as docx would: ${table.name}`, async () => {
      const byDocx = await documentXml(await Packer.toBuffer(tableDocument(table)));
      const byText = await documentXml(await stableDocx(() => tableDocument(table), '2026-12-02T12:00:00Z'));
      assert.ok(byDocx?.includes('<w:tbl>'));
      assert.equal(byText, byDocx);
      // …and the rows really were written as text, not by docx.
      const { built } = withTableRows(() => Packer.toBuffer(tableDocument(table)));
      assert.match((await documentXml(await built)) ?? '', /oscb-table-rows-/);
    });
  }

  it('leaves rows with their own paragraphs to docx, in the same table', async () => {
    const rows: DocxCell[][] = [['a', 'b', new Paragraph('own paragraph')]];
    const build = () => new Document({ sections: [{ children: [docxTable(null, rows, WIDTHS)] }] });
    const byText = await documentXml(await stableDocx(build, '2026-12-02T12:00:00Z'));
    assert.equal(byText, await documentXml(await Packer.toBuffer(build())));
  });

  for (const [format, render] of [
    ['docx', renderBoardPackDocx],
    ['xlsx', renderBoardPackXlsx],
  ] as const) {
    it(`${format}: the same view drawn twice, seconds apart and after other files, is the same bytes`, async () => {
      const view = shippedPlanView();
      const first = await render(view);
      // Another pack in between moves any counter docx keeps for the life of the process.
      await render({ ...view, generatedBy: 'Someone else' });
      await new Promise((resolve) => setTimeout(resolve, 2_100)); // a zip's clock moves in two-second steps
      const second = await render(view);
      assert.equal(Buffer.compare(first, second), 0, 'bytes differ');
      const entries = await readZipEntries(first);
      for (const entry of entries) {
        assert.equal(entry.modified.getFullYear(), 2026, `${entry.name} is stamped with the pack's time`);
      }
    });

    it(`${format}: a different production time or record gives different bytes`, async () => {
      const view = shippedPlanView();
      const later: BoardPackView = { ...view, producedAt: '2026-12-03T09:00:00.000Z' };
      const changed: BoardPackView = { ...view, changes: view.changes.slice(1) };
      const [base, stamped, edited] = await Promise.all([render(view), render(later), render(changed)]);
      assert.notEqual(Buffer.compare(base, stamped), 0);
      assert.notEqual(Buffer.compare(base, edited), 0);
    });
  }

  it('docx: the document properties carry the production time, not the clock', async () => {
    const view = shippedPlanView();
    const entries = await readZipEntries(await renderBoardPackDocx(view));
    const core = entries.find((entry) => entry.name === 'docProps/core.xml')?.data.toString('utf8') ?? '';
    const stamps = [...core.matchAll(/<dcterms:(?:created|modified)[^>]*>([^<]*)</g)].map(
      (match) => match[1],
    );
    const produced = new Date(view.producedAt).toISOString();
    assert.deepEqual(stamps, [produced, produced]);
  });
});
