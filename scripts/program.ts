/**
 * The `portal-invite` program: global options, the command groups, and `run()`, which turns every
 * outcome into an exit code (0 ok, 1 failure, 2 bad usage).
 */
import { Command, CommanderError, Option } from 'commander';
import { registerCommands } from './commands/index';
import { EMULATOR_URL, examples, resolveUrl, type GlobalOptions } from './command';
import { describeError } from './error-report';
import { ExitCode } from './errors';
import { VERSION } from '../sdk/version';
import { SEND_INVITATION_WORKFLOW_NAME } from '../sdk/entities/workflow';

/** Builds the full command tree; exported so tests and docs can inspect it. */
export function buildProgram(): Command {
  const program = new Command('portal-invite')
    .description(
      `Administer portal invitations in Microsoft Dataverse: the ${SEND_INVITATION_WORKFLOW_NAME} workflow, invitations ` +
        '(single, group, bulk from CSV), the solution, webhooks and the local emulator.',
    )
    .addOption(
      new Option(
        '--url <url>',
        `environment URL (default: $DATAVERSE_URL, else the local emulator ${EMULATOR_URL})`,
      ),
    )
    .version(VERSION, '-V, --version', 'print the version of portal-invite and exit')
    .option('--json', 'print results as JSON on stdout (diagnostics stay on stderr)')
    .option('--verbose', 'print debug output and stack traces on stderr')
    .showHelpAfterError('(run with --help for usage and examples)')
    .exitOverride()
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      'after',
      '\nCredentials are read from the environment as the SDK reads them: DATAVERSE_URL, AZURE_TENANT_ID,\n' +
        'AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), or a ready token in\n' +
        'DATAVERSE_TOKEN. A loopback URL (127.x.x.x, localhost, [::1]: the local emulator) without a complete\n' +
        'set of those AZURE_* variables gets a static token.\n' +
        examples([
          ['npm start', 'start the local emulator with sample data and run a demo'],
          [
            'portal-invite workflow show',
            `show the ${SEND_INVITATION_WORKFLOW_NAME} e-mail (local emulator)`,
          ],
          [
            'portal-invite invite create --contact ada@example.com --role "Partners" --expires 30d --send',
            'invite one contact and e-mail them',
          ],
          [
            'portal-invite invite bulk --csv invitees.csv --results results.csv --send',
            'invite many contacts',
          ],
          [
            'DATAVERSE_URL=https://contoso.crm.dynamics.com portal-invite invite list --status sent --json',
            'list sent invitations of a real org as JSON',
          ],
        ]),
    );
  registerCommands(program);
  return program;
}

/** Runs the CLI with the given arguments (without `node` and the script) and resolves to the exit code. */
export async function run(args: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(args, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    const verbose = args.includes('--verbose');
    const json = args.includes('--json');
    const report = describeError(error, { url: targetUrl(program.opts<GlobalOptions>()) });
    // Errors are diagnostics: stderr, as JSON with --json so scripts can read them; stdout keeps only data.
    if (json) {
      const { kind, message, hint, details } = report;
      process.stderr.write(JSON.stringify({ error: { kind, message, hint, ...details } }) + '\n');
    } else {
      process.stderr.write(`error: ${report.message}\n`);
      if (report.hint) process.stderr.write(`${report.hint}\n`);
    }
    if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return report.exitCode;
  }
}

/** The environment the command was pointed at, for hints; undefined when the URL itself was the mistake. */
function targetUrl(globals: GlobalOptions): string | undefined {
  try {
    return resolveUrl(globals, process.env);
  } catch {
    return undefined;
  }
}

function commanderExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.Ok;
  // A group without a subcommand prints its help with exitCode 1; that is a usage mistake too.
  return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
}
