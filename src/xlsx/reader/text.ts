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

/** The inverse of decodeXString: what XML cannot carry becomes `_xHHHH_`, and a literal escape keeps its underscore escaped. */
export function encodeXString(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}
