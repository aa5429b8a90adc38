import { Document, PageOrientation, Paragraph, TableOfContents, TextRun, type ISectionOptions } from 'docx';
import type { BoardPackView } from '../views/board-pack-view-model';
import { actionsSections } from './board-pack-docx-actions';
import { changesAppendix } from './board-pack-docx-changes';
import { exceptionsSection } from './board-pack-docx-exceptions';
import { titlePage } from './board-pack-docx-title';
import { summarySection } from './board-pack-docx-summary';
import { pageFooter, pageHeader, type PageFurniture } from './docx-page-furniture';
import { TABLE_TEXT_STYLE } from './docx-table';
import { stableDocx } from './docx-file';

/** A4 with 2.54 cm margins: 9,026 twips of text width portrait, 13,958 landscape. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1440;
export const PORTRAIT_TEXT_WIDTH = A4.width - 2 * MARGIN;
export const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * MARGIN;

/** The board pack as a Word document. Headings use Word's own styles, so the navigation pane and contents work. */
export function renderBoardPackDocx(view: BoardPackView): Promise<Buffer> {
  const furniture: PageFurniture = { marking: view.marking };
  const actionOrder = view.aims.flatMap((aim) =>
    aim.priorities.flatMap((priority) => priority.actions.map((action) => action.id)),
  );
  // The sections are built inside stableDocx's build: only there are table rows written straight as XML
  // (docx-table.ts); built outside, a nine-year appendix of 32,000 rows took docx 19 s instead of 2 s.
  return stableDocx(() => {
    const sections: ISectionOptions[] = [
      boardSection(furniture, 'portrait', [
        ...titlePage(view),
        ...contents(),
        ...summarySection(view.summary),
      ]),
    ];
    const exceptions = exceptionsSection(view.exceptions, LANDSCAPE_TEXT_WIDTH);
    // The exception table is wide: its own landscape pages, as board papers print them.
    if (exceptions.length > 0) sections.push(boardSection(furniture, 'landscape', exceptions));
    sections.push(
      boardSection(furniture, 'portrait', [
        ...actionsSections(view.aims),
        ...changesAppendix(view.changes, actionOrder, PORTRAIT_TEXT_WIDTH),
        endOfDocument(),
      ]),
    );
    return new Document({
      title: `${view.title}: ${view.planName}`,
      creator: view.generatedBy,
      lastModifiedBy: view.generatedBy,
      description: `As at ${view.asAt.label}`,
      // Word fills in the contents (and page numbers) when it opens the file.
      features: { updateFields: true },
      styles: boardDocumentStyles(),
      sections,
    });
  }, view.producedAt);
}

/** A table of contents field over the headings; Word builds its entries on opening (LibreOffice on Update). */
function contents(): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({
      style: 'TOCHeading',
      children: [new TextRun({ text: 'Contents', bold: true, size: 32 })],
    }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
    new Paragraph({ pageBreakBefore: true, children: [] }),
  ];
}

/** A page-size section with the marking and page numbers in its header and footer. */
export function boardSection(
  furniture: PageFurniture,
  orientation: 'portrait' | 'landscape',
  children: ISectionOptions['children'],
): ISectionOptions {
  return {
    properties: {
      page: {
        size:
          orientation === 'landscape'
            ? { ...A4, orientation: PageOrientation.LANDSCAPE }
            : { ...A4, orientation: PageOrientation.PORTRAIT },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 560, footer: 560 },
      },
    },
    headers: { default: pageHeader(furniture) },
    footers: { default: pageFooter(furniture) },
    children,
  };
}

/**
 * Word needs a paragraph after a closing table; an ordinary one can spill alone onto a page of its own, so
 * this one is a point high and takes no space.
 */
function endOfDocument(): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 20 },
    children: [new TextRun({ text: '', size: 2 })],
  });
}

/** Word's own heading styles and the table text style, shared by the board's documents. */
export function boardDocumentStyles() {
  return {
    default: {
      document: { run: { font: 'Calibri', size: 22 } },
      heading1: { paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
      heading2: { paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
      heading3: { paragraph: { spacing: { before: 200, after: 60 }, keepNext: true } },
    },
    paragraphStyles: [
      {
        id: TABLE_TEXT_STYLE,
        name: 'Table text',
        basedOn: 'Normal',
        quickFormat: true,
        run: { size: 18 },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
    ],
  };
}
