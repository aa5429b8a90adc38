import { AlignmentType, HeadingLevel, PageBreak, Paragraph, TextRun } from 'docx';
import type { BoardPackView } from '../views/board-pack-view-model';

/** The title page: its marking, what this is, which plan, as at when, for which period, and who produced it. */
export function titlePage(view: BoardPackView): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240 },
      children: [new TextRun({ text: view.marking, bold: true, size: 32 })],
    }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      spacing: { before: 2400 },
      children: [new TextRun(view.title)],
    }),
    new Paragraph({ spacing: { after: 480 }, children: [new TextRun({ text: view.planName, size: 32 })] }),
    line('As at', view.asAt.label),
    line('Period', `${view.period.from.label} to ${view.period.to.label}`),
    line('Produced', `${view.generatedAt.label} by ${view.generatedBy}`),
    line('Protective marking', view.marking),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function line(label: string, value: string): Paragraph {
  return new Paragraph({
    spacing: { after: 120 },
    children: [
      new TextRun({ text: `${label}: `, bold: true, size: 26 }),
      new TextRun({ text: value, size: 26 }),
    ],
  });
}
