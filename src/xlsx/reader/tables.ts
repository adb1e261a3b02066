import type { XlsxPackage } from './parts';
import { decodeXString } from './text';
import { NS } from './xml';

/** What a table part (xl/tables/tableN.xml) says of its table; its cells live in the sheet. */
export interface TablePart {
  name: string;
  displayName: string;
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  /** <tableColumn name="…">, escapes decoded; children (calculatedColumnFormula, …) are not read. */
  columnNames: string[];
}

const count = (v: string | undefined, fallback: number) => {
  const n = Number(v ?? fallback);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

/** The table part, or undefined when its root is not a table. */
export function readTablePart(pkg: XlsxPackage, part: string): TablePart | undefined {
  let table: TablePart | undefined;
  let depth = 0;
  pkg.xml(part, {
    open: (el) => {
      const root = depth++ === 0;
      if (root && el.is(NS.main, 'table')) {
        const name = el.attr('name') ?? el.attr('displayName') ?? '';
        table = {
          name,
          displayName: el.attr('displayName') ?? name,
          ref: el.attr('ref') ?? '',
          headerRowCount: count(el.attr('headerRowCount'), 1),
          totalsRowCount: count(el.attr('totalsRowCount'), 0),
          columnNames: [],
        };
      } else if (table && depth === 3 && el.is(NS.main, 'tableColumn')) {
        table.columnNames.push(decodeXString(el.attr('name') ?? ''));
      }
    },
    close: () => {
      depth--;
    },
  });
  return table;
}
