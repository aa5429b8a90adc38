import { RAG_LABELS, type RagStatus } from '../views/view-models';
import type { DocxCellText } from './docx-table';
import { RAG_COLOURS } from './rag-colours';

/** The status word on its RAG colour. */
export function ragCell(status: RagStatus): DocxCellText {
  return {
    text: RAG_LABELS[status],
    fill: RAG_COLOURS[status].fill,
    colour: RAG_COLOURS[status].text,
    bold: true,
  };
}
