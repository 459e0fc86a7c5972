#!/usr/bin/env node
// cdk8s-storage generator: cluster config (YAML) -> Kubernetes YAML in dist/. See `npm run synth -- --help`.
import { run } from './lib/generator/cli';
import { detectInvocation } from './lib/generator/invocation';

// A reader that goes away (`| head`) ends the output, not the run: no EPIPE stack trace, the files
// are still written and the exit code is the run's.
const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => closed.add(stream));
const write = (stream: NodeJS.WriteStream) => (text: string) => {
  if (!closed.has(stream)) stream.write(`${text}\n`);
};

// The run is synchronous: Node calls a signal listener only once it is over, so with one in place
// Ctrl-C (or a SIGTERM/SIGHUP) never cuts a write in half and never leaves a temporary folder or
// the lock behind. The run finishes the write it began (the output is the old one or the new one,
// whole), then the signal takes effect: the process ends by it (exit status 128 + n for the shell).
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const onSignal = (signal: NodeJS.Signals) => {
  for (const name of SIGNALS) process.removeListener(name, onSignal);
  write(process.stderr)(`${signal}: synth stopped after finishing what it was doing (the output is whole, as reported above)`);
  process.kill(process.pid, signal);
};
for (const name of SIGNALS) process.on(name, onSignal);

process.exitCode = run(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  invocation: detectInvocation(process.argv[1] ?? '', process.env, process.cwd()),
});
// one turn of the event loop, so a signal that arrived during the run reaches its listener (the
// listener's handle does not keep the process alive on its own)
setImmediate(() => undefined);
