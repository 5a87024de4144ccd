/**
 * The collabsim command-line tool. Thin: parse arguments, call the layers
 * below, present the result. Each command lives in commands/. Exit codes
 * (docs/errors.md): 0 ok, 1 a run failed, 2 invalid input, 3 a fault of the
 * environment (disk full, read-only, permission, name too long), 130
 * interrupted. Stack traces only with --debug.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { InputError, formatInputError } from '../scenario/load.ts';
import { CODE_VERSION } from '../model/simulate.ts';
import { EXIT, ExitSignal } from './args.ts';
import { debugWanted, describeFault, faultCode } from './faults.ts';

type Register = (program: Command) => unknown;

/**
 * Each command's module, loaded only when the command is asked for: a
 * command line that names one loads that one alone (for `collabsim run`,
 * 30-50 ms less of start-up than loading all nine), `--version` none;
 * anything else (help, a misspelt command, which commander answers with the
 * names of all) loads them all. In the order the help lists them.
 */
const COMMANDS: Record<string, () => Promise<Register[]>> = {
  run: async () => [(await import('./commands/run.ts')).registerRun],
  validate: async () => [(await import('./commands/validate.ts')).registerValidate],
  schema: async () => [(await import('./commands/schema.ts')).registerSchema],
  sweep: async () => [(await import('./commands/sweep.ts')).registerSweep],
  merge: async () => [(await import('./commands/merge.ts')).registerMerge],
  compare: async () => [(await import('./commands/compare.ts')).registerCompare],
  calibrate: async () => [(await import('./commands/calibrate.ts')).registerCalibrate],
  screen: async () => [(await import('./commands/screen.ts')).registerScreen],
  discover: async () => [(await import('./commands/discover.ts')).registerDiscover],
};

/** The commands to register for this command line: the one it names, none for the version alone, or all. */
async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const named = argv.find((a) => !a.startsWith('-'));
  if (named === undefined && argv.length > 0 && argv.every((a) => a === '--version' || a === '-V')) return [];
  const load = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]] : Object.values(COMMANDS);
  return (await Promise.all(load.map((l) => l()))).flat();
}

function buildProgram(commands: readonly Register[]): Command {
  const program = new Command();
  program
    .name('collabsim')
    .description('Agent-based simulation of school collaboration: relational trust, challenge and improvement in partnerships, MATs and hubs.')
    .version(CODE_VERSION)
    .option('--debug', 'print stack traces of unexpected errors (also COLLABSIM_DEBUG=1)')
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // A command parses each input file once: zod's compiled parsers cost more to build (about 20 ms for a
  // scenario with its profile) than they save on one parse. Worker threads keep their own default.
  z.config({ jitless: true });
  // --debug may stand anywhere on the line (it is read by debugWanted, not by the commands).
  const args = argv.filter((a) => a !== '--debug');
  try {
    const program = buildProgram(await commandsFor(args));
    await program.parseAsync(args, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof InputError) {
      process.stderr.write(formatInputError(e) + '\n');
      return EXIT.input;
    }
    // InvalidArgumentError is a CommanderError thrown by our own actions: print it.
    if (e instanceof InvalidArgumentError && e.code === 'commander.invalidArgument' && !e.message.startsWith('error:')) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT.input;
    }
    if (e instanceof CommanderError) {
      // Commander has already printed its own message (and the help).
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.input;
    }
    const debug = debugWanted(argv);
    if (faultCode(e)) {
      process.stderr.write(describeFault(e) + '\n');
      if (debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      return EXIT.fault;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      debug && e instanceof Error
        ? `error: ${e.stack}\n`
        : `error: ${message}\n(an unexpected error in collabsim: run again with --debug for the stack trace, and report it)\n`,
    );
    return EXIT.failed;
  }
}
