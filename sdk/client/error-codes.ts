/**
 * Dataverse error codes (the `error.code` of a Web API error body): the one table the SDK reacts
 * to, the emulator answers with and the command line explains. Codes that Microsoft's pages do not
 * show for the case are marked unverified.
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes
 */
export const ErrorCodes = {
  /** The row does not exist (404). */
  NotFound: '0x80040217',
  /** A row with this primary key or alternate key already exists (412). */
  DuplicateRecord: '0x80040237',
  /** The row changed since its etag was read (412). */
  ConcurrencyVersionMismatch: '0x80060882',
  /** A plug-in refused the operation; its message is meant for the user. */
  IsvAborted: '0x80040265',
  /** Service protection: too many requests in the window (429). */
  ThrottleRequests: '0x80072322',
  /** Service protection: too much combined execution time (429). */
  ThrottleExecutionTime: '0x80072321',
  /** Service protection: too many concurrent requests (429). */
  ThrottleConcurrency: '0x80072326',
  /** An activated workflow definition cannot be updated; deactivate it first (unverified text). */
  PublishedWorkflowUpdate: '0x80045002',
  /**
   * A query option Dataverse cannot run: malformed, or unsupported such as a nested `$expand` over
   * an N:N relationship, or `$top`/`$orderby` beside a nested `$expand` (400). The name is older
   * than the code it holds; an unknown URL segment is {@link ErrorCodes.UnknownSegment}.
   * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/join-tables
   */
  ResourceNotFound: '0x80060888',
  /**
   * No entity set, function or action of that name ("Resource not found for the segment 'Account'.", 404).
   * https://learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors
   */
  UnknownSegment: '0x8006088a',
  /** A `$select`/`$orderby` or expanded name that is no property of the type (400; Microsoft's example has "0x0"). */
  UnknownProperty: '0x0',
  /**
   * "No HTTP resource was found that matches the request URI": a function called with POST or an
   * action with GET (404; Microsoft's example has an empty code).
   */
  NoHttpResource: '',
  /** Payload the server cannot map to the entity (400). */
  InvalidPayload: '0x80048d19',
  /** A value that breaks a column rule: required, length, type, state/status pair (400). */
  InvalidArgument: '0x80040203',
  /**
   * A string or memo value holds a character XML does not allow (a lone surrogate, most control
   * characters); Dataverse checks every such value with XmlConvert.VerifyXmlChars (400).
   * https://learn.microsoft.com/power-apps/developer/data-platform/best-practices/work-with-data/invalidcharactersinfield
   */
  InvalidCharactersInField: '0x80040278',
  /** Impersonating a user that does not exist or may not be impersonated (403). */
  CallerNotFound: '0x80040220',
  /** Missing or wrong bearer token (401; unverified). */
  Unauthorized: '0x80072560',
  /** Anything unexpected (500). */
  Unexpected: '0x80040216',
  /** Method not allowed on this resource (405; unverified). */
  MethodNotAllowed: '0x80060888',
  /** Request body larger than the server accepts (413; unverified). */
  RequestTooLarge: '0x80048d1a',
  /** The workflow cannot run: not a definition, or not activated (unverified). */
  WorkflowNotRunnable: '0x80045003',
  /** The solution file is not a valid solution zip (unverified). */
  InvalidSolutionFile: '0x80048033',
  /** ExportSolution names a solution that does not exist (unverified). */
  SolutionNotFound: '0x8004F004',
} as const;

/** One of {@link ErrorCodes}' values. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
