import type { Worksheet } from 'exceljs';

/**
 * How a sheet prints: A4 landscape, fitted to one page wide (as tall as it needs), the header row on every
 * page, the protective marking at the top and "Page X of Y" at the foot. `onePage` fits it on a single page.
 */
export function printSetUp(
  sheet: Worksheet,
  marking: string,
  options: { headerRow?: boolean; onePage?: boolean },
): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: options.onePage ? 1 : 0,
    horizontalCentered: false,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(options.headerRow ? { printTitlesRow: '1:1' } : {}),
  };
  // "&" starts a code in Excel's header language; a literal one is written twice.
  const text = marking.replace(/&/g, '&&');
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddHeader: `&C&"Calibri,Bold"${text}`,
    oddFooter: `&L${text}&C${sheet.name}&RPage &P of &N`,
  };
}
