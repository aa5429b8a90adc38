import type { Tone } from '../views/view-models';

/** Container style and text colour for a notice's tone; the notice's words carry the meaning too. */
export function toneStyle(tone: Tone): { containerStyle: string; color: string } {
  switch (tone) {
    case 'good':
      return { containerStyle: 'good', color: 'Good' };
    case 'warning':
      return { containerStyle: 'warning', color: 'Warning' };
    case 'attention':
      return { containerStyle: 'attention', color: 'Attention' };
    case 'accent':
      return { containerStyle: 'accent', color: 'Accent' };
    case 'default':
      return { containerStyle: 'emphasis', color: 'Default' };
  }
}
