import { Document } from 'docx';
import type { BoardPackView } from '../views/board-pack-view-model';
import { actionsSections } from './board-pack-docx-actions';
import { changesAppendix } from './board-pack-docx-changes';
import { exceptionsSection } from './board-pack-docx-exceptions';
import { titlePage } from './board-pack-docx-title';
import { summarySection } from './board-pack-docx-summary';
import { TABLE_TEXT_STYLE } from './docx-table';
import { stableDocx } from './docx-file';

/** A4 portrait with 2.54 cm margins: 9,026 twips of text width, which the tables are sized to. */
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 },
};

/** The board pack as a Word document. Headings use Word's own styles, so the navigation pane works. */
export function renderBoardPackDocx(view: BoardPackView): Promise<Buffer> {
  return stableDocx(() => boardPackDocument(view), view.producedAt);
}

function boardPackDocument(view: BoardPackView): Document {
  return new Document({
    title: `${view.title}: ${view.planName}`,
    creator: view.generatedBy,
    lastModifiedBy: view.generatedBy,
    description: `As at ${view.asAt.label}`,
    styles: {
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
    },
    sections: [
      {
        properties: { page: PAGE },
        children: [
          ...titlePage(view),
          ...summarySection(view.summary),
          ...exceptionsSection(view.exceptions),
          ...actionsSections(view.aims),
          ...changesAppendix(view.changes),
        ],
      },
    ],
  });
}
