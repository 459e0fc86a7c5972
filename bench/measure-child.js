// Runs a Node entry point in this process and reports its peak RSS on stderr as `maxrss-kb <n>`.
// Usage: node bench/measure-child.js <entry.js> [args...]
'use strict';
const path = require('node:path');
const entry = path.resolve(process.argv[2]);
process.argv.splice(1, 2, entry);
process.on('exit', () => process.stderr.write(`\nmaxrss-kb ${process.resourceUsage().maxRSS}\n`));
require(entry);
