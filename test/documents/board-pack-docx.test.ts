import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { PNG } from 'pngjs';
import { renderBoardPackDocx } from '../../documents/board-pack-docx';
import { RAG_LABELS } from '../../domain/rag-status';
import type { BoardPackView } from '../../views/board-pack-view-model';
import { readZipEntries } from '../support/zip-entries';
import { allActions, LITERAL_NOTE, shippedPlanView } from './board-pack-fixture';

interface ReadDocx {
  text: string;
  documentXml: string;
  relationships: string;
  images: Buffer[];
}

/** Reads the file with mammoth and yauzl, never with the docx package that wrote it. */
async function readDocx(file: Buffer): Promise<ReadDocx> {
  const entries = await readZipEntries(file);
  const part = (name: string) => entries.find((entry) => entry.name === name)?.data.toString('utf8') ?? '';
  return {
    text: (await mammoth.extractRawText({ buffer: file })).value,
    documentXml: part('word/document.xml'),
    relationships: part('word/_rels/document.xml.rels'),
    images: entries.filter((entry) => /^word\/media\/.+\.png$/.test(entry.name)).map((entry) => entry.data),
  };
}

describe('board pack: Word report', () => {
  let view: BoardPackView;
  let docx: ReadDocx;

  before(async () => {
    view = shippedPlanView();
    docx = await readDocx(await renderBoardPackDocx(view));
  });

  it('has a title page with the plan, the as-at date and the period', () => {
    assert.match(
      docx.text,
      /^OFFICIAL-SENSITIVE\s+OSCB board pack\s+OSCB Business Plan 2017-19 \(refresh June 2018\)/,
    );
    assert.ok(docx.text.includes('As at: 2 Dec 2026'), docx.text.slice(0, 300));
    assert.ok(docx.text.includes(`Period: ${view.period.from.label} to 2 Dec 2026`));
    assert.ok(docx.text.includes('by Business manager'));
  });

  it('shows every aim, priority and action under its heading', () => {
    for (const aim of view.aims) {
      assert.ok(docx.text.includes(`Aim ${aim.number}: ${aim.title}`), `aim ${aim.number}`);
      for (const priority of aim.priorities) {
        assert.ok(
          docx.text.includes(`Priority ${priority.number}: ${priority.title}`),
          `priority ${priority.number}`,
        );
      }
    }
    const actions = allActions(view);
    assert.equal(actions.length, 16);
    for (const action of actions) assert.ok(docx.text.includes(`${action.id} ${action.title}`), action.id);
  });

  it("shows each action's latest progress note, 5.1's markup-like note as literal text", () => {
    const action51 = allActions(view).find((action) => action.id === '5.1');
    assert.equal(action51?.latestNote, LITERAL_NOTE);
    assert.ok(docx.text.includes(LITERAL_NOTE));
    for (const action of allActions(view)) {
      if (action.latestNote) assert.ok(docx.text.includes(action.latestNote), action.id);
    }
  });

  it('keeps user text as data in document.xml: escaped inside <w:t>, never markup', () => {
    assert.ok(!docx.documentXml.includes('<script>'));
    assert.ok(!docx.documentXml.includes(']]>'));
    const runs = [...docx.documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]);
    const escaped = runs.find((run) => run.includes('&lt;script&gt;'));
    assert.ok(escaped, 'a <w:t> holding the note');
    assert.ok(escaped.includes('Audit shared &amp; agreed'));
    assert.ok(escaped.includes(']]&gt;'));
  });

  it('uses Word heading styles so the navigation pane and a table of contents work', () => {
    for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3']) {
      assert.ok(docx.documentXml.includes(`<w:pStyle w:val="${style}"/>`), style);
    }
  });

  it('has a summary with RAG counts overall and per priority', () => {
    const overall = view.summary.overall;
    const total = Object.values(overall).reduce((sum, count) => sum + count, 0);
    assert.ok(
      docx.text.includes(`${total} actions: Red ${overall.red}, Amber ${overall.amber}`),
      docx.text.slice(0, 800),
    );
    const tableText = docx.text.slice(
      docx.text.lastIndexOf('Summary'),
      docx.text.lastIndexOf('Exception report'),
    );
    for (const rag of ['red', 'amber', 'green', 'complete', 'not_started'] as const) {
      assert.ok(tableText.includes(RAG_LABELS[rag]), rag);
    }
    for (const priority of view.summary.byPriority) {
      assert.ok(tableText.includes(`${priority.priorityNumber}. ${priority.priorityTitle}`));
    }
    assert.ok(tableText.includes('All priorities'));
  });

  it('has the chart as a PNG image with alternative text', () => {
    assert.equal(docx.images.length, 1);
    const png = PNG.sync.read(docx.images[0]);
    assert.equal(png.width, 1200);
    assert.ok(png.height > 8 * 30, `height ${png.height}`);
    assert.ok(hasColour(png, [0xc0, 0x00, 0x00]), 'a red bar segment');
    assert.match(docx.documentXml, /<wp:docPr [^>]*descr="A stacked bar per priority/);
  });

  it('has the exception report with one row per exception', () => {
    const exceptions = view.exceptions ?? [];
    assert.ok(exceptions.length > 0, 'the fixture has exceptions');
    const section = docx.text.slice(
      docx.text.lastIndexOf('Exception report'),
      docx.text.lastIndexOf('Aim 1:'),
    );
    for (const row of exceptions)
      assert.ok(section.includes(`${row.actionId} ${row.actionTitle}`), row.actionId);
    assert.ok(section.includes('Corrective action'));
  });

  it('links an https evidence URL and shows anything else as plain text', () => {
    assert.match(docx.relationships, /Target="https:\/\/example\.org\/evidence\/1\.1" TargetMode="External"/);
    assert.ok(!docx.relationships.includes('javascript:'));
    assert.ok(docx.text.includes('javascript:alert(1)'));
  });

  it('has an appendix with every change in the period', () => {
    const appendix = docx.text.slice(docx.text.lastIndexOf('Appendix: changes in the period'));
    assert.equal(view.changes.length, 16 * 3);
    for (const change of view.changes) {
      assert.ok(appendix.includes(change.note), change.note);
    }
    assert.ok(appendix.includes('Not started → '));
  });

  for (const exceptions of [undefined, []]) {
    it(`leaves the exception report out when there are ${exceptions ? 'no rows' : 'none to show'}`, async () => {
      const { text } = await readDocx(await renderBoardPackDocx({ ...view, exceptions }));
      assert.ok(!text.includes('Exception report'));
      assert.ok(text.includes('Aim 1:'));
    });
  }

  it('still writes a readable file when a note holds control characters', async () => {
    const note = 'before\u0001\u000b\u001f after';
    const changes = [{ ...view.changes[0], note }, ...view.changes.slice(1)];
    const { text } = await readDocx(await renderBoardPackDocx({ ...view, changes }));
    assert.ok(text.includes('before'));
    assert.ok(text.includes(' after'));
  });

  it('says so when nothing changed in the period', async () => {
    const { text } = await readDocx(await renderBoardPackDocx({ ...view, changes: [] }));
    assert.ok(text.includes('No status changed in the period.'));
  });
});

function hasColour(png: PNG, [red, green, blue]: readonly number[]): boolean {
  for (let index = 0; index < png.data.length; index += 4) {
    if (png.data[index] === red && png.data[index + 1] === green && png.data[index + 2] === blue) return true;
  }
  return false;
}
