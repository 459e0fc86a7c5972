/**
 * The library examples of the README and docs, read from the Markdown itself (so the text and the
 * tests cannot drift), and the checks a GitOps tool applies to a folder of manifests before it syncs them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { ROOT } from './cli';

export interface LibraryExample {
  /** `file:line` of the block's first code line, e.g. `README.md:326` */
  readonly where: string;
  /** the file and the bold lead-in of the paragraph before the block, e.g. `README.md A whole cluster as one construct` */
  readonly title: string;
  readonly code: string;
}

/** Every ```ts block of the section `heading` of a Markdown file of the repo (README.md, docs/*.md), in order. */
export function libraryExamples(file = 'README.md', heading = '## Library use'): LibraryExample[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`${file} has no section ${heading}`);
  const examples: LibraryExample[] = [];
  let title = file;
  for (let i = start + 1; i < lines.length && !/^## /.test(lines[i]); i++) {
    const bold = /^\*\*(.+?)\*\*/.exec(lines[i]);
    if (bold) title = `${file} ${bold[1]}`;
    if (lines[i] !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    examples.push({ where: `${file}:${i + 2}`, title, code: `${lines.slice(i + 1, end).join('\n')}\n` });
    i = end;
  }
  return examples;
}

/**
 * What kustomize (`kubectl kustomize`: "may not add resource with an already registered id")
 * and Argo CD (an object twice in one Application) refuse, and what a reviewer should never see,
 * in a folder of YAML files: an empty file, an empty document, two objects with the same
 * apiVersion, kind, namespace and name. Returns one line per problem.
 */
export function manifestFolderProblems(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const [name, text] of files) {
    if (text.trim() === '') {
      problems.push(`${name}: empty file`);
      continue;
    }
    YAML.parseAllDocuments(text).forEach((doc, index) => {
      const object = doc.toJS();
      if (object === null || object === undefined) {
        problems.push(`${name}: document ${index + 1} is empty`);
        return;
      }
      const id = `${object.apiVersion} ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
      const before = seen.get(id);
      if (before) problems.push(`${id} in ${before} and ${name}`);
      else seen.set(id, name);
    });
  }
  return problems;
}
