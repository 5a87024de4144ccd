/**
 * The collabsim command-line tool. Thin: parse arguments, call the layers
 * below, present the result. Each command lives in commands/. Exit codes
 * (docs/errors.md): 0 ok, 1 a run failed, 2 invalid input, 3 a fault of the
 * environment (disk full, read-only, permission, name too long), 130
 * interrupted. Stack traces only with --debug.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { InputError, formatInputError } from '../scenario/load.ts';
import { CODE_VERSION } from '../model/simulate.ts';
import { EXIT, ExitSignal } from './args.ts';
import { debugWanted, describeFault, faultCode } from './faults.ts';
import { registerRun, registerValidate } from './commands/run.ts';
import { registerSchema } from './commands/schema.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerMerge } from './commands/merge.ts';
import { registerCompare } from './commands/compare.ts';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerScreen } from './commands/screen.ts';
import { registerDiscover } from './commands/discover.ts';

function buildProgram(): Command {
  const program = new Command();
  program
    .name('collabsim')
    .description('Agent-based simulation of school collaboration: relational trust, challenge and improvement in partnerships, MATs and hubs.')
    .version(CODE_VERSION)
    .option('--debug', 'print stack traces of unexpected errors (also COLLABSIM_DEBUG=1)')
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride();
  registerRun(program);
  registerValidate(program);
  registerSchema(program);
  registerSweep(program);
  registerMerge(program);
  registerCompare(program);
  registerCalibrate(program);
  registerScreen(program);
  registerDiscover(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    // --debug may stand anywhere on the line (it is read by debugWanted, not by the commands).
    await program.parseAsync(
      argv.filter((a) => a !== '--debug'),
      { from: 'user' },
    );
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
