// Preloaded into every node process a bench row starts (NODE_OPTIONS=--require): at exit it
// reports the process's CPU time (user + system) and peak RSS on stderr as
// `bench-usage <cpu-us> <maxrss-kb>`. A row's CPU is the sum over its node processes (npm itself
// and the generator for `npm run synth`); its RSS is the largest.
'use strict';
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nbench-usage ${usage.userCPUTime + usage.systemCPUTime} ${usage.maxRSS}\n`);
});
