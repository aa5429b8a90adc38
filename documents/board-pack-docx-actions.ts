import { ExternalHyperlink, HeadingLevel, Paragraph, TextRun, type Table } from 'docx';
import type { ActionRow, AimSection } from '../views/board-pack-view-model';
import { directionText } from './direction-text';
import { ragCell } from './docx-rag-cell';
import { TABLE_TEXT_STYLE, docxTable, type DocxCell } from './docx-table';
import { isLinkableUrl } from './linkable-url';

const FIELD_WIDTH = 2200;
const VALUE_WIDTH = 6826;

/** Each aim, its priorities and their actions, with whatever the project stores about each action. */
export function actionsSections(aims: readonly AimSection[]): (Paragraph | Table)[] {
  return aims.flatMap((aim) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [new TextRun(`Aim ${aim.number}: ${aim.title}`)],
    }),
    ...aim.priorities.flatMap((priority) => [
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [new TextRun(`Priority ${priority.number}: ${priority.title}`)],
      }),
      ...priority.actions.flatMap((action) => [
        new Paragraph({
          heading: HeadingLevel.HEADING_3,
          keepNext: true,
          children: [new TextRun(`${action.id} ${action.title}`)],
        }),
        docxTable(null, actionFields(action), [FIELD_WIDTH, VALUE_WIDTH], { keepTogether: true }),
      ]),
    ]),
  ]);
}

function actionFields(action: ActionRow): DocxCell[][] {
  const fields: [string, DocxCell | undefined][] = [
    ['Owner', action.owner],
    ['Lead agency', action.leadAgency],
    ['Status', ragCell(action.status)],
    ['Direction of travel', action.direction && directionText(action.direction)],
    ['Target date', action.targetDate?.label],
    ['Revised date', action.revisedDate?.label],
    ['Latest progress', action.latestNote ?? 'No update yet'],
    ['Impact', action.impact],
    ['Evidence', action.evidenceUrl === undefined ? undefined : evidence(action.evidenceUrl)],
    ['Corrective action', action.correctiveAction],
    ['Last updated', action.lastUpdated?.label ?? 'Never'],
  ];
  return fields.flatMap(([label, value]) =>
    value === undefined ? [] : [[{ text: label, bold: true }, value]],
  );
}

function evidence(url: string): DocxCell {
  if (!isLinkableUrl(url)) return url;
  return new Paragraph({
    style: TABLE_TEXT_STYLE,
    // Never the last field ("Last updated" always follows), so it keeps the table together too.
    keepNext: true,
    children: [
      new ExternalHyperlink({
        link: url,
        children: [new TextRun({ text: url, style: 'Hyperlink' })],
      }),
    ],
  });
}
