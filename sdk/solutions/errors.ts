/** The one error the solution layout code throws. */
import { ErrorKind, PortalInvitationsError } from '../errors';

/**
 * Raised when a solution zip or source folder cannot be read or written: not a zip, a missing file,
 * malformed XML, a workflow without its XAML. The message names the file and says what to do.
 */
export class SolutionFileError extends PortalInvitationsError {
  /** @param message what is wrong and what to do about it */
  constructor(message: string) {
    super(ErrorKind.SolutionFile, message);
  }
}

/** What to tell someone holding a file that is not a usable solution. */
export const SOLUTION_ZIP_HINT =
  'Use a zip exported from Dataverse or made by `portal-invite solution pack`.';
