#!/usr/bin/env node
/** Entry point of the `portal-invite` command (package.json bin). */
import { run } from './program';

// A reader that stops early (`portal-invite ... | head`) closes the pipe, and a closed terminal
// fails writes with EIO. Neither is an error of the command, and neither may stop it: a workflow
// change half-way through would be left in Draft. The rest of the output is dropped; the command
// runs to its end and exits with its own code.
const CLOSED_OUTPUT = new Set(['EPIPE', 'EIO', 'ERR_STREAM_DESTROYED']);
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!CLOSED_OUTPUT.has(error.code ?? '')) throw error;
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
