/**
 * An Adaptive Card as a person reads it, for a terminal: headings, text runs, facts, inputs and numbered
 * buttons. Pure: card JSON in, lines out. Hidden elements (isVisible: false) are left out, as Teams does.
 */

type Node = Record<string, unknown>;

export interface CardLine {
  text: string;
  heading?: boolean;
}

export interface CardButton {
  number: number;
  title: string;
  action: Node;
  /** The card the button belongs to: its inputs go with the press. */
  card: Node;
}

export interface CardInput {
  id: string;
  type: string;
  label: string;
  value?: string;
  choices: { title: string; value: string }[];
  isMultiline?: boolean;
}

export interface CardText {
  lines: CardLine[];
  buttons: CardButton[];
}

const PRESSABLE = new Set(['Action.Execute', 'Action.Submit', 'Action.ShowCard', 'Action.OpenUrl']);

const asNodes = (value: unknown): Node[] =>
  Array.isArray(value) ? value.filter((item): item is Node => typeof item === 'object' && item !== null) : [];

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function cardAsText(card: Node, firstButton = 1): CardText {
  const lines: CardLine[] = [];
  const buttons: CardButton[] = [];

  const actionLine = (actions: Node[]) => {
    const labels = actions
      .filter((action) => PRESSABLE.has(str(action.type)))
      .map((action) => {
        const number = firstButton + buttons.length;
        buttons.push({ number, title: str(action.title), action, card });
        return `[${number}] ${str(action.title)}`;
      });
    if (labels.length) lines.push({ text: labels.join('   ') });
  };

  const inline = (element: Node): string =>
    (Array.isArray(element.inlines) ? (element.inlines as unknown[]) : [])
      .map((run) => (typeof run === 'string' ? run : str((run as Node | null)?.text)))
      .join('');

  /** An element's text on one line, for a column or table cell. */
  const flat = (element: Node): string => {
    const inner: CardLine[] = [];
    walk([element], inner, true);
    return inner.map((line) => line.text).join(' ');
  };

  function walk(elements: Node[], into: CardLine[], flatOnly = false): void {
    for (const element of elements) {
      if (element.isVisible === false) continue;
      switch (element.type) {
        case 'TextBlock': {
          const heading = element.style === 'heading' || ['Large', 'ExtraLarge'].includes(str(element.size));
          into.push({ text: str(element.text), heading: heading || element.weight === 'Bolder' });
          break;
        }
        case 'RichTextBlock':
          into.push({ text: inline(element) });
          break;
        case 'FactSet':
          for (const fact of asNodes(element.facts))
            into.push({ text: `${str(fact.title)} ${str(fact.value)}` });
          break;
        case 'Container':
        case 'Column':
          walk(asNodes(element.items), into, flatOnly);
          break;
        case 'ColumnSet': {
          const cells = asNodes(element.columns)
            .map(flat)
            .filter((text) => text.trim() !== '');
          if (cells.length) into.push({ text: cells.join('  ·  ') });
          break;
        }
        case 'Table':
          for (const row of asNodes(element.rows)) {
            into.push({ text: asNodes(row.cells).map(flat).join(' | ') });
          }
          break;
        case 'Image':
          if (str(element.altText)) into.push({ text: `(image: ${str(element.altText)})` });
          break;
        case 'ActionSet':
          if (!flatOnly) actionLine(asNodes(element.actions));
          break;
        default:
          if (str(element.type).startsWith('Input.')) {
            const input = readInput(element);
            const choices = input.choices.length ? ` (${input.choices.map((c) => c.title).join(' / ')})` : '';
            into.push({ text: `${input.label || input.id}${choices}: ${input.value ?? ''}`.trimEnd() });
          } else if (str(element.title)) {
            // Elements a terminal cannot draw (charts) still have a title worth showing.
            into.push({ text: str(element.title) });
          }
      }
    }
  }

  walk(asNodes(card.body), lines);
  actionLine(asNodes(card.actions));
  return { lines: lines.filter((line) => line.text.trim() !== ''), buttons };
}

function readInput(element: Node): CardInput {
  return {
    id: str(element.id),
    type: str(element.type),
    label: str(element.label) || str(element.placeholder),
    value: typeof element.value === 'string' && element.value !== '' ? element.value : undefined,
    choices: asNodes(element.choices).map((choice) => ({
      title: str(choice.title),
      value: str(choice.value),
    })),
    isMultiline: element.isMultiline === true,
  };
}

/** Every input in a card (hidden ones too: Teams sends their values with a press). */
export function inputsOf(node: unknown): CardInput[] {
  if (Array.isArray(node)) return node.flatMap(inputsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Node;
  const own = str(record.type).startsWith('Input.') ? [readInput(record)] : [];
  // A ShowCard's own card has its own inputs, sent only by its own buttons.
  const children = Object.entries(record)
    .filter(([key]) => !(record.type === 'Action.ShowCard' && key === 'card'))
    .map(([, value]) => value);
  return [...own, ...children.flatMap(inputsOf)];
}
