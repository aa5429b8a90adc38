import { HeadingLevel, ImageRun, Paragraph, TextRun, type Table } from 'docx';
import { RAG_LABELS } from '../views/view-models';
import type { BoardPackSummary, RagCounts } from '../views/board-pack-view-model';
import { docxTable, type DocxCell } from './docx-table';
import { RAG_COLOURS, RAG_ORDER } from './rag-colours';
import { renderRagChartPng } from './rag-chart-png';

const PRIORITY_WIDTH = 3626;
const COUNT_WIDTH = 900;

/** RAG counts overall and per priority: a chart, and the same figures as a table for those who cannot see it. */
export function summarySection(summary: BoardPackSummary): (Paragraph | Table)[] {
  const chart = renderRagChartPng(summary.byPriority);
  const rows: DocxCell[][] = summary.byPriority.map((priority) =>
    countRow(`${priority.priorityNumber}. ${priority.priorityTitle}`, priority.counts),
  );
  rows.push(countRow('All priorities', summary.overall, true));
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Summary')] }),
    new Paragraph({ children: [new TextRun(overallSentence(summary.overall))] }),
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width: chart.width, height: chart.height },
          altText: {
            name: 'RAG status by priority',
            title: 'RAG status by priority',
            description:
              'A stacked bar per priority showing how many actions are at each RAG status; the table below gives the same figures.',
          },
        }),
      ],
    }),
    docxTable(['Priority', ...RAG_ORDER.map((rag) => RAG_LABELS[rag]), 'Total'], rows, [
      PRIORITY_WIDTH,
      ...RAG_ORDER.map(() => COUNT_WIDTH),
      COUNT_WIDTH,
    ]),
  ];
}

function countRow(label: string, counts: RagCounts, bold = false): DocxCell[] {
  return [
    { text: label, bold },
    ...RAG_ORDER.map((rag) =>
      counts[rag] === 0
        ? { text: '0', bold }
        : { text: String(counts[rag]), fill: RAG_COLOURS[rag].fill, colour: RAG_COLOURS[rag].text, bold },
    ),
    { text: String(totalOf(counts)), bold },
  ];
}

function overallSentence(counts: RagCounts): string {
  const parts = RAG_ORDER.map((rag) => `${RAG_LABELS[rag]} ${counts[rag]}`);
  return `${totalOf(counts)} actions: ${parts.join(', ')}.`;
}

function totalOf(counts: RagCounts): number {
  return RAG_ORDER.reduce((sum, rag) => sum + counts[rag], 0);
}
