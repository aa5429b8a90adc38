import type { TextColor } from './rag-style';

/**
 * Template data for one TextRun. Defaults are null so the property is left out: the exception list goes in
 * the digest, the biggest card the bot sends.
 */
export type CompactRun = {
  text: string;
  color: TextColor | null;
  isSubtle: true | null;
  weight: 'Bolder' | null;
};

export function run(
  text: string,
  style: { color?: TextColor; isSubtle?: boolean; weight?: 'Bolder' | null } = {},
): CompactRun {
  return {
    text,
    color: style.color === undefined || style.color === 'Default' ? null : style.color,
    isSubtle: style.isSubtle ? true : null,
    weight: style.weight ?? null,
  };
}
