import type { RagStatus } from '../views/view-models';

/** Worst first, as a reader scans for problems; the order of columns, legends and bar segments. */
export const RAG_ORDER: readonly RagStatus[] = ['red', 'amber', 'green', 'complete', 'not_started'];

interface RagColour {
  /** The fill, as six hex digits without '#'. */
  fill: string;
  /** Text drawn on that fill, chosen for contrast. */
  text: string;
}

/** The usual board-paper RAG colours (blue for complete). Every use also shows the word. */
export const RAG_COLOURS: Readonly<Record<RagStatus, RagColour>> = {
  red: { fill: 'C00000', text: 'FFFFFF' },
  amber: { fill: 'FFC000', text: '000000' },
  green: { fill: '00B050', text: '000000' },
  complete: { fill: '2F75B5', text: 'FFFFFF' },
  not_started: { fill: 'D9D9D9', text: '000000' },
};
