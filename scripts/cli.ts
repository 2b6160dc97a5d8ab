#!/usr/bin/env node
/** Entry point of the `portal-invite` command (package.json bin). */
import { run } from './program';

// A reader that stops early (`portal-invite ... | head`) closes the pipe. That is not an error, and
// it must not stop the command either: a workflow change half-way through would be left in Draft.
// The rest of the output is dropped; the command runs to its end and exits with its own code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
