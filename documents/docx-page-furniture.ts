import { AlignmentType, Footer, Header, PageNumber, Paragraph, TextRun } from 'docx';

/** What every page of a board document carries: the protective marking, and DRAFT while it is one. */
export interface PageFurniture {
  marking: string;
  draft?: boolean;
}

const GREY = '595959';

/** The marking at the top of every page, with DRAFT beside it while the document is a draft. */
export function pageHeader(furniture: PageFurniture): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: furniture.marking, bold: true, size: 20, color: GREY }),
          ...(furniture.draft
            ? [new TextRun({ text: '   DRAFT', bold: true, size: 20, color: 'C00000' })]
            : []),
        ],
      }),
    ],
  });
}

/** "Page 3 of 12" and the marking again at the foot of every page (Word fills in the numbers). */
export function pageFooter(furniture: PageFurniture): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            size: 18,
            color: GREY,
            children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: furniture.marking, bold: true, size: 18, color: GREY }),
          ...(furniture.draft
            ? [new TextRun({ text: '   DRAFT', bold: true, size: 18, color: 'C00000' })]
            : []),
        ],
      }),
    ],
  });
}
