/** The error every XAML reader, patcher and interpreter throws. */
import { ErrorKind, PortalInvitationsError } from '../../errors';

/**
 * What a {@link XamlError} is about: `definition`, the workflow's XAML itself (a missing e-mail step,
 * malformed XML); `template`, the subject, body or redeem URL a caller asked to write into it (an
 * unknown placeholder, a redeem URL without `{code}`), which nothing was written for.
 */
export type XamlProblem = 'definition' | 'template';

/** A workflow definition that cannot be read or changed; the message says what and how to fix it. */
export class XamlError extends PortalInvitationsError {
  /** Whether the definition or the caller's template is at fault. */
  readonly problem: XamlProblem;

  constructor(message: string, options?: { cause?: unknown; problem?: XamlProblem }) {
    super(ErrorKind.Xaml, message, options);
    this.problem = options?.problem ?? 'definition';
  }
}
