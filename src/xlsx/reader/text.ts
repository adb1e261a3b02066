/**
 * OOXML text (ST_Xstring) escapes characters XML cannot carry as `_xHHHH_` (UTF-16 code unit in
 * hex); a literal "_x0041_" in a cell is itself written with its underscore escaped, `_x005F_x0041_`.
 * Every character is kept, control characters included: deciding what a terminal may show is the
 * front end's job, not the reader's.
 */
export function decodeXString(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
