import assert from 'node:assert/strict';
import { renderBoardPackXlsx } from '../../documents/board-pack-xlsx';
import { RAG_LABELS } from '../../domain/rag-status';
import type { BoardPackView } from '../../views/board-pack-view-model';
import { excelSerial, readXlsx, type XlsxSheet } from '../support/xlsx-reader';
import { allActions, LITERAL_NOTE, shippedPlanView } from './board-pack-fixture';

const ACTION_COLUMNS = [
  'Action',
  'Title',
  'Owner',
  'Status',
  'Direction of travel',
  'Target date',
  'Revised date',
  'Latest progress',
  'Corrective action',
];
const DETAIL_COLUMNS = [
  'Action',
  'Title',
  'Aim',
  'Priority',
  'Lead agency',
  'Impact',
  'Evidence',
  'Last updated',
];

describe('board pack: Excel workbook', () => {
  let view: BoardPackView;
  let sheets: XlsxSheet[];
  const sheet = (name: string): XlsxSheet => {
    const found = sheets.find((candidate) => candidate.name === name);
    assert.ok(found, `sheet ${name}`);
    return found;
  };
  const column = (header: string) => String.fromCharCode(65 + ACTION_COLUMNS.indexOf(header));
  const detailColumn = (header: string) => String.fromCharCode(65 + DETAIL_COLUMNS.indexOf(header));

  before(async () => {
    view = shippedPlanView();
    sheets = await readXlsx(await renderBoardPackXlsx(view));
  });

  it('has the sheets Summary, Exceptions, Actions, Action details, Changes and About, in that order', () => {
    assert.deepEqual(
      sheets.map((candidate) => candidate.name),
      ['Summary', 'Exceptions', 'Actions', 'Action details', 'Changes', 'About'],
    );
  });

  it('has one row per action on Actions and on Action details', () => {
    const actions = sheet('Actions');
    assert.deepEqual(actions.rows[0], ACTION_COLUMNS);
    assert.deepEqual(sheet('Action details').rows[0], DETAIL_COLUMNS);
    assert.deepEqual(
      sheet('Action details')
        .rows.slice(1)
        .map((row) => row[0]),
      allActions(view).map((action) => action.id),
    );
    assert.deepEqual(
      actions.rows.slice(1).map((row) => row[0]),
      allActions(view).map((action) => action.id),
    );
    const row51 = actions.rows.find((row) => row[0] === '5.1');
    assert.equal(row51?.[ACTION_COLUMNS.indexOf('Latest progress')], LITERAL_NOTE);
  });

  it('freezes the header row and sets a filter over the whole table on Actions, Action details and Changes', () => {
    for (const [name, rows, lastColumn] of [
      ['Actions', 16, 'I'],
      ['Action details', 16, 'H'],
      ['Changes', view.changes.length, 'G'],
    ] as const) {
      const { xml } = sheet(name);
      assert.match(xml, /<pane [^>]*ySplit="1"[^>]*state="frozen"/, name);
      assert.ok(xml.includes(`<autoFilter ref="A1:${lastColumn}${rows + 1}"/>`), name);
    }
  });

  it('stores dates as real dates: numbers with a date format', () => {
    const action = allActions(view)[0];
    const rowNumber = 2;
    const target = sheet('Actions').cells.get(`${column('Target date')}${rowNumber}`);
    assert.equal(target?.kind, 'number');
    assert.equal(target?.style.numberFormat, 'dd/mm/yyyy');
    assert.equal(Number(target?.value), excelSerial(new Date(`${action.targetDate?.iso}T00:00:00Z`)));
    const updated = sheet('Action details').cells.get(`${detailColumn('Last updated')}${rowNumber}`);
    assert.equal(updated?.kind, 'number');
    assert.equal(updated?.style.numberFormat, 'dd/mm/yyyy hh:mm');
    assert.equal(Number(updated?.value), excelSerial(new Date(`${action.lastUpdated?.iso}:00Z`)));
  });

  it('shows RAG as the word on its fill colour', () => {
    const expected = { red: 'FFC00000', amber: 'FFFFC000', green: 'FF00B050', complete: 'FF2F75B5' };
    allActions(view).forEach((action, index) => {
      const status = sheet('Actions').cells.get(`${column('Status')}${index + 2}`);
      assert.equal(status?.value, RAG_LABELS[action.status], action.id);
      if (action.status !== 'not_started')
        assert.equal(status?.style.fillRgb, expected[action.status], action.id);
    });
  });

  it('lists every change in the period on Changes, notes as literal text', () => {
    const changes = sheet('Changes');
    assert.deepEqual(changes.rows[0], ['When', 'Who', 'Action', 'Title', 'From', 'To', 'Note']);
    assert.equal(changes.rows.length - 1, view.changes.length);
    view.changes.forEach((change, index) => {
      const row = changes.rows[index + 1];
      assert.deepEqual(row.slice(1), [
        change.by,
        change.actionId,
        change.actionTitle,
        RAG_LABELS[change.from],
        RAG_LABELS[change.to],
        change.note,
      ]);
    });
    assert.ok(changes.rows.some((row) => row[6] === LITERAL_NOTE));
    assert.equal(changes.cells.get('A2')?.style.numberFormat, 'dd/mm/yyyy hh:mm');
  });

  it('says on About which plan, which period, when and by whom', () => {
    const about = sheet('About');
    const values = new Map(about.rows.map((row) => [row[0], row[1]]));
    assert.equal(values.get('Plan'), view.planName);
    assert.equal(values.get('Generated by'), 'Business manager');
    assert.equal(Number(values.get('As at')), excelSerial(new Date('2026-12-02T00:00:00Z')));
    assert.equal(
      Number(values.get('Period from')),
      excelSerial(new Date(`${view.period.from.iso}T00:00:00Z`)),
    );
    assert.equal(about.cells.get('B3')?.style.numberFormat, 'dd/mm/yyyy');
  });

  it('gives a row with a long wrapped note the height to show it', async () => {
    const note = 'A long progress note. '.repeat(20);
    const aims = view.aims.map((aim) => ({
      ...aim,
      priorities: aim.priorities.map((priority) => ({
        ...priority,
        actions: priority.actions.map((action) =>
          action.id === '1.1' ? { ...action, latestNote: note } : action,
        ),
      })),
    }));
    const actions = (await readXlsx(await renderBoardPackXlsx({ ...view, aims }))).find(
      (candidate) => candidate.name === 'Actions',
    );
    assert.ok(actions);
    const height = Number(/<row r="2"[^>]*\bht="([\d.]+)"[^>]*customHeight="1"/.exec(actions.xml)?.[1]);
    assert.ok(height >= 15 * 6, `row 2 is ${height} points high`);
  });

  it('still writes a readable workbook when a note holds control characters', async () => {
    const changes = [{ ...view.changes[0], note: 'before\u0001\u000b after' }, ...view.changes.slice(1)];
    const workbook = await readXlsx(await renderBoardPackXlsx({ ...view, changes }));
    const note = workbook.find((candidate) => candidate.name === 'Changes')?.rows[1][6] ?? '';
    assert.ok(note.startsWith('before') && note.endsWith(' after'), note);
  });

  it('leaves optional fields empty where the view has none', () => {
    const row = sheet('Action details').rows.find((candidate) => candidate[0] === '2.2');
    const action = allActions(view).find((candidate) => candidate.id === '2.2');
    assert.equal(action?.leadAgency, undefined);
    assert.equal(row?.[DETAIL_COLUMNS.indexOf('Lead agency')], '');
    assert.equal(row?.[DETAIL_COLUMNS.indexOf('Impact')], '');
  });
});
