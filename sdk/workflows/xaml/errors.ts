/** The error every XAML reader, patcher and interpreter throws. */

/** A workflow definition that cannot be read or changed; the message says what and how to fix it. */
export class XamlError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XamlError';
  }
}
