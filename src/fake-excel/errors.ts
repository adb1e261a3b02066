/**
 * Errors shaped like OfficeExtension.Error (name, code, message, debugInfo), so code under test
 * handles the fake's failures exactly as it handles Excel's: by `error.code`.
 */

export type FakeErrorCode =
  | 'AccessDenied'
  | 'ApiNotFound'
  | 'GeneralException'
  | 'InvalidArgument'
  | 'InvalidOperation'
  | 'InvalidReference'
  | 'InvalidRequestContext'
  | 'ItemAlreadyExists'
  | 'ItemNotFound'
  | 'MergedRangeConflict'
  | 'NotImplemented'
  | 'PropertyNotLoaded'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'RunMustReturnPromise';

/** Office.js's own wording where we know it, so messages shown to users read the same. */
const MESSAGES: Record<FakeErrorCode, string> = {
  AccessDenied: 'You cannot perform the requested operation.',
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of Excel.',
  GeneralException: 'There was an internal error while processing the request.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation is not permitted for the current object.',
  InvalidReference: 'This reference is not valid for the current operation.',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  ItemAlreadyExists: 'The resource already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  MergedRangeConflict: 'Cannot complete the operation. A table cannot overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.',
  NotImplemented: 'The requested feature is not implemented by the in-memory Excel fake.',
  PropertyNotLoaded: '',
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. See https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization for more information.',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. See https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization for more information.',
  RunMustReturnPromise: 'The batch function passed to the ".run" method didn\'t return a promise.',
};

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  /** What the fake was doing, in plain words, to make a failing test easy to read. */
  detail?: string;
}

export class FakeOfficeError extends Error {
  readonly code: FakeErrorCode;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];

  constructor(code: FakeErrorCode, options: { message?: string; location?: string; detail?: string } = {}) {
    const message = options.message ?? MESSAGES[code];
    super(message);
    // Office.js names its errors this way; callers sometimes test `name`.
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation: options.location, detail: options.detail };
  }
}

export const fakeError = (code: FakeErrorCode, location?: string, detail?: string): FakeOfficeError => new FakeOfficeError(code, { location, detail });

/** The exact text Office.js throws when a property is read before load() and sync(). */
export function propertyNotLoaded(property: string, location?: string): FakeOfficeError {
  return new FakeOfficeError('PropertyNotLoaded', {
    message: `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    location,
  });
}

export const isFakeOfficeError = (e: unknown): e is FakeOfficeError => e instanceof FakeOfficeError;
