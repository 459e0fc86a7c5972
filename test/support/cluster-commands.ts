/**
 * The commands of the cluster tools that the generator's messages and PLAN.md tell the user to run
 * (`kubectl`, `ais`): no cluster here, so a printed command is checked to be one that exists, with
 * flags it takes, at the versions we target. A command the tables do not know is a problem: add it
 * here only after reading the upstream source named beside it.
 */

/**
 * kubectl 1.28 verbs (kubernetes staging/src/k8s.io/kubectl/pkg/cmd/<verb>/<verb>.go, `NewCmd<Verb>`
 * flag registrations; the global `-n/--namespace` from genericclioptions ConfigFlags) and the flags
 * we print with each. A flag with `=` lists its accepted values after it.
 */
const KUBECTL: Record<string, readonly string[]> = {
  drain: ['-l', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout'], // drain/drain.go: --delete-emptydir-data since 1.20
  cordon: ['-l'], // drain/drain.go NewCmdCordon
  uncordon: ['-l'], // drain/drain.go NewCmdUncordon
  delete: ['-n', '-l', '--cascade=orphan,background,foreground', '--ignore-not-found', '--field-selector'], // delete/delete_flags.go
  label: ['-n', '-l', '--overwrite'], // label/label.go: KEY=VALUE adds, KEY- removes
  annotate: ['-n', '-l', '--overwrite'], // annotate/annotate.go
  taint: ['-l', '--overwrite'], // taint/taint.go: KEY=VALUE:EFFECT adds, a trailing - removes
  'rollout status': ['-n', '-l', '--timeout'], // rollout/rollout_status.go
  'rollout restart': ['-n', '-l'], // rollout/rollout_restart.go
  get: ['-n', '-l', '-L', '-o=wide,json,yaml,name,jsonpath,custom-columns', '--field-selector'], // get/get.go, get/get_flags.go
  describe: ['-n', '-l'], // describe/describe.go
  logs: ['-n', '-l', '-c', '--previous'], // logs/logs.go
  apply: ['-n', '-f', '--server-side', '--field-manager'], // apply/apply.go
  wait: ['-n', '-l', '--for', '--timeout'], // wait/wait.go
};

/**
 * ais v4.9 (NVIDIA/aistore tag v1.4.9, cmd/cli/cli): command paths and their flags (`clusterCmdsFlags`
 * in cluster_hdlr.go, `showCmdsFlags` in show_hdlr.go, `mpathCmd` and the `storage resilver` alias
 * in storage_hdlr.go, `setCluConfigHandler` in config_hdlr.go, `cmdBackendEnable` in advanced_hdlr.go,
 * job_do_hdlr.go, `commandCopy`/`commandList`/`commandETL` in const.go), with the words a path may be
 * followed by (`show cluster`: showClusterArgument in const.go).
 */
const AIS: Record<string, { flags: readonly string[]; args?: readonly string[] }> = {
  'cluster decommission': { flags: ['--rm-user-data', '--yes'] },
  'cluster add-remove-nodes decommission': { flags: ['--no-rebalance', '--no-shutdown', '--rm-user-data', '--keep-initial-config', '--yes'] },
  'cluster add-remove-nodes start-maintenance': { flags: ['--no-rebalance', '--yes'] },
  'cluster add-remove-nodes stop-maintenance': { flags: ['--no-rebalance', '--yes'] },
  'cluster set-primary': { flags: ['--force'] },
  'show cluster': { flags: ['--json', '--no-headers', '--units', '--verbose'], args: ['target', 'proxy', 'smap', 'bmd', 'config', 'stats'] },
  'show config cluster': { flags: ['--json'] },
  'config cluster': { flags: ['--transient', '--json'] },
  'show job': { flags: [], args: ['rebalance', 'resilver'] },
  'start rebalance': { flags: [] },
  'storage resilver': { flags: [] },
  'storage mountpath show': { flags: [] },
  'storage mountpath attach': { flags: ['--label'] },
  'storage mountpath detach': { flags: [] },
  'advanced enable-backend': { flags: [] },
  'advanced disable-backend': { flags: [] },
  'etl init': { flags: [] },
  cp: { flags: [] },
  ls: { flags: [] },
};

/**
 * argocd (argo-cd v3 cmd/argocd/commands/app.go: NewApplicationSyncCommand, NewApplicationGetCommand,
 * NewApplicationListCommand, NewApplicationSetCommand with the sync-policy flags of cmd/util/app.go).
 */
const ARGOCD: Record<string, readonly string[]> = {
  'app sync': ['--async', '--prune', '--timeout'],
  'app get': ['-o=json,yaml,wide,tree'],
  'app list': ['-l', '-o'],
  'app set': ['--sync-policy=none,automated,auto', '--auto-prune', '--self-heal'],
};

/** Flags that take the next word as their value. */
const WITH_VALUE = new Set(['-n', '-l', '-L', '-o', '-c', '-f', '--label', '--field-selector', '--field-manager', '--sync-policy', '--timeout', '--for']);

/** The words of a command as a POSIX shell splits them (quotes removed; no expansion). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

/** What is wrong with a printed cluster command (`kubectl …`, `ais …`), or undefined when it exists with those flags. */
export function clusterCommandProblem(command: string): string | undefined {
  const [tool, ...words] = shellWords(command);
  if (tool === 'kubectl') {
    const rest = [...words];
    if (rest[0] === '-n') rest.splice(0, 2); // the global flag before the verb
    const verb = rest[0] === 'rollout' ? `rollout ${rest[1]}` : rest[0];
    const allowed = KUBECTL[verb];
    if (!allowed) return `kubectl has no verb we know of in: ${command}`;
    return flagProblem(command, rest.slice(verb.split(' ').length), allowed);
  }
  if (tool === 'ais') {
    const path = Object.keys(AIS).filter((p) => {
      const n = p.split(' ').length;
      const next = words[n];
      // the path itself, then nothing, an argument (an ID, a placeholder) or a word the path takes
      return words.slice(0, n).join(' ') === p && (next === undefined || !/^[a-z][a-z-]*$/.test(next) || AIS[p].args?.includes(next));
    }).sort((a, b) => b.length - a.length)[0];
    if (!path) return `ais v4.9 has no command: ${command}`;
    return flagProblem(command, words.slice(path.split(' ').length), AIS[path].flags);
  }
  if (tool === 'argocd') {
    const verb = words.slice(0, 2).join(' ');
    if (!ARGOCD[verb]) return `argocd has no command we know of in: ${command}`;
    return flagProblem(command, words.slice(2), ARGOCD[verb]);
  }
  return `not a cluster command: ${command}`;
}

function flagProblem(command: string, words: readonly string[], allowed: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('-') || word === '-') continue;
    const [flag, inline] = word.split(/=(.*)/s);
    const spec = allowed.find((a) => a.split('=')[0] === flag);
    if (!spec) return `${flag} is not a flag of this command: ${command}`;
    const value = inline ?? (WITH_VALUE.has(flag) ? words[++i] : undefined);
    const values = spec.split('=')[1]?.split(',');
    if (values && !values.includes((value ?? '').split('=')[0])) return `${flag} takes ${values.join('|')}, not ${value}: ${command}`;
  }
  return undefined;
}

/** Programs whose commands lib/ prints for the user to run. */
const PROGRAMS = ['kubectl', 'ais', 'argocd', 'lsmod', 'git', 'bash', 'npx', 'npm'];

/**
 * Every command lib/ spells out in a string (after a quote or a backtick, starting with a program
 * above), with each `${…}` of a template replaced by X: file → commands, for the table of printed commands.
 */
export function commandsInSource(text: string): string[] {
  const found: string[] = [];
  const start = new RegExp(`(\\\\\`|\`|')(?=(?:${PROGRAMS.join('|')}) )`, 'g');
  for (const match of text.matchAll(start)) {
    const close = match[1] === "'" ? "'" : match[1];
    let i = match.index + match[1].length;
    let command = '';
    while (i < text.length && !text.startsWith(close, i) && text[i] !== '\n') {
      if (text.startsWith('${', i)) {
        i++;
        let depth = 0;
        do {
          if (text[i] === '{') depth++;
          else if (text[i] === '}') depth--;
          i++;
        } while (depth > 0 && i < text.length);
        // after a word, a placeholder may stand for an optional flag (`automated${prune ? ' --auto-prune' : ''}`)
        command += command === '' || command.endsWith(' ') ? 'X' : ' X';
      } else {
        command += text[i++];
      }
    }
    found.push(command.replace(/\\'/g, "'").replace(/\\\\/g, '\\').replace(/\{\{[^}]*\}\}/g, 'X').replace(/ +/g, ' ').trim());
  }
  return found;
}

/** The text of a TypeScript file with its comment lines blanked (`//`, and the lines of a block comment), for {@link commandsInSource}. */
export function withoutCommentLines(text: string): string {
  let inBlock = false;
  return text.split('\n').map((line) => {
    const trimmed = line.trim();
    const comment = inBlock || trimmed.startsWith('//') || trimmed.startsWith('/*');
    if (trimmed.startsWith('/*')) inBlock = !trimmed.includes('*/');
    else if (inBlock && trimmed.includes('*/')) inBlock = false;
    return comment ? '' : line;
  }).join('\n');
}
