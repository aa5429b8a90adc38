import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { RAG_LABELS } from '../views/view-models';
import type { PriorityRagCounts } from '../views/board-pack-view-model';
import { CHART_FONT_FAMILY, ensureChartFont } from './chart-font';
import { RAG_COLOURS, RAG_ORDER } from './rag-colours';

/** Drawn at twice the size it is shown, so it stays sharp when printed. */
const SCALE = 2;
const WIDTH = 600;
const LEGEND_HEIGHT = 36;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 20;
const LABEL_WIDTH = 230;
const RIGHT_MARGIN = 12;

export interface ChartImage {
  png: Buffer;
  /** The size to show it at, in CSS pixels (96 per inch). */
  width: number;
  height: number;
}

/** One horizontal stacked bar per priority: how many of its actions are at each RAG status. */
export function renderRagChartPng(priorities: readonly PriorityRagCounts[]): ChartImage {
  ensureChartFont();
  const height = LEGEND_HEIGHT + priorities.length * ROW_HEIGHT + 8;
  const canvas = createCanvas(WIDTH * SCALE, height * SCALE);
  const context = canvas.getContext('2d');
  context.scale(SCALE, SCALE);
  context.fillStyle = '#FFFFFF';
  context.fillRect(0, 0, WIDTH, height);
  drawLegend(context);
  const most = Math.max(1, ...priorities.map((priority) => total(priority)));
  const barSpace = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
  priorities.forEach((priority, index) => {
    const top = LEGEND_HEIGHT + index * ROW_HEIGHT;
    drawLabel(context, `${priority.priorityNumber}. ${priority.priorityTitle}`, top);
    let left = LABEL_WIDTH;
    for (const rag of RAG_ORDER) {
      const count = priority.counts[rag];
      if (count === 0) continue;
      const width = (count / most) * barSpace;
      context.fillStyle = `#${RAG_COLOURS[rag].fill}`;
      context.fillRect(left, top + (ROW_HEIGHT - BAR_HEIGHT) / 2, width, BAR_HEIGHT);
      drawCount(context, count, left, width, top, RAG_COLOURS[rag].text);
      left += width;
    }
  });
  return { png: canvas.toBuffer('image/png'), width: WIDTH, height };
}

function total(priority: PriorityRagCounts): number {
  return RAG_ORDER.reduce((sum, rag) => sum + priority.counts[rag], 0);
}

function drawLegend(context: SKRSContext2D): void {
  context.font = `12px ${CHART_FONT_FAMILY}`;
  context.textBaseline = 'middle';
  let left = LABEL_WIDTH;
  for (const rag of RAG_ORDER) {
    context.fillStyle = `#${RAG_COLOURS[rag].fill}`;
    context.fillRect(left, 12, 12, 12);
    context.fillStyle = '#000000';
    context.fillText(RAG_LABELS[rag], left + 16, 18);
    left += 16 + context.measureText(RAG_LABELS[rag]).width + 14;
  }
}

function drawLabel(context: SKRSContext2D, text: string, top: number): void {
  context.font = `12px ${CHART_FONT_FAMILY}`;
  context.textBaseline = 'middle';
  context.fillStyle = '#000000';
  context.fillText(fitted(context, text, LABEL_WIDTH - 10), 0, top + ROW_HEIGHT / 2);
}

function drawCount(
  context: SKRSContext2D,
  count: number,
  left: number,
  width: number,
  top: number,
  colour: string,
): void {
  context.font = `bold 12px ${CHART_FONT_FAMILY}`;
  const text = String(count);
  const textWidth = context.measureText(text).width;
  if (textWidth + 4 > width) return;
  context.fillStyle = `#${colour}`;
  context.textBaseline = 'middle';
  context.fillText(text, left + (width - textWidth) / 2, top + ROW_HEIGHT / 2);
}

/** Shortens a priority title with an ellipsis to fit; the full title is in the table beside the chart. */
function fitted(context: SKRSContext2D, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text;
  let end = text.length;
  while (end > 1 && context.measureText(`${text.slice(0, end)}…`).width > maxWidth) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}
