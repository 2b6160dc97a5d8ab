// Preload (`node -r`) that makes better-sqlite3 look uninstalled, as in an app that installed only the
// SDK: every attempt to load it is refused like a missing module and reported on stderr.
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'better-sqlite3' || request.startsWith('better-sqlite3/')) {
    process.stderr.write(`[test] refused to load ${request}\n`);
    const error = new Error(`Cannot find module '${request}'`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
