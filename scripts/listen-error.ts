/** Turning "address in use" and friends into messages that say what to do. */
import { CliError } from './errors';

/** A CliError for a server that could not listen, or the error itself when it is something else. */
export function describeListenError(error: unknown, port: number, what: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new CliError(
      `Port ${port} is already in use, so ${what} cannot start.`,
      `Stop whatever listens on ${port} (perhaps another \`npm start\` or \`portal-invite emulator\`), or pick another port with --port.`,
    );
  }
  if (code === 'EACCES') {
    return new CliError(`Not allowed to listen on port ${port}.`, 'Pick a port above 1024 with --port.');
  }
  return error;
}
