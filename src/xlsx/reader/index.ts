/**
 * The .xlsx reader: Uint8Array in, no Node Buffer, zlib or fs, so the CLI and the task pane
 * share it. fflate inflates, saxes parses; see read.ts for what is read and what is skipped.
 */
export { DEFAULT_XLSX_LIMITS, XlsxReadError, type XlsxLimits, type XlsxReadErrorCode } from './errors';
export { readWorkbookInfo, relationshipKind, relationshipsPart, resolveTarget, tableParts, XlsxPackage, type Relationship, type WorkbookInfo, type XlsxDefinedName, type XlsxSheet } from './parts';
export { ExpandedBytes, inflateEntry, readZipDirectory, streamEntry, type ZipDirectory, type ZipEntry } from './zip';
export { translateFormula } from './formula';
export { decodeXString } from './text';
export { readXlsx, type ReadXlsxOptions, type XlsxNamedCell, type XlsxReadStats, type XlsxTable, type XlsxWorkbookRead } from './read';
