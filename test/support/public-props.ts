/**
 * The construct props of the public API as the package ships them, read with the TypeScript
 * compiler from the built declarations (out/lib/index.d.ts; `npm run build`): every member of the
 * exported `*Props` and `*Options` interfaces (inherited members included), of the interfaces
 * their members refer to, and of the object types written inline in them. The AWS CDK design
 * guidelines (and cdk8s-plus) document an optional prop's `@default`; the test checks that over
 * this list.
 */
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from './cli';

export interface PublicProp {
  /** `Interface.member`, or `Interface.member.nested` for an inline object type */
  readonly name: string;
  /** the source file of the declaration, `lib/...ts` */
  readonly where: string;
  readonly optional: boolean;
  /** JSDoc tag names of the declaration, e.g. `['default']` */
  readonly tags: readonly string[];
  /** text of the `@default` tag, if any */
  readonly defaultText?: string;
  /** the declared type as written, e.g. `readonly AisVolume[]` */
  readonly typeText: string;
}

/** The members of the construct props reachable from the built package's exports, and the names it exports. */
export function publicProps(): { props: PublicProp[]; exported: ReadonlySet<string> } {
  const entry = path.join(ROOT, 'out', 'lib', 'index.d.ts');
  const program = ts.createProgram([entry], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: [] });
  const checker = program.getTypeChecker();
  const lib = path.join(ROOT, 'out', 'lib') + path.sep;
  const ours = (node: ts.Node) => path.resolve(node.getSourceFile().fileName).startsWith(lib);
  const props: PublicProp[] = [];
  const listed = new Set<ts.Node>();
  const queued = new Set<ts.Symbol>();
  const queue: Array<[string, ts.Type]> = [];

  /** Queues every interface of ours a member type refers to (through arrays, unions, type arguments). */
  const refer = (type: ts.Type, depth = 0): void => {
    if (depth > 4) return;
    if (type.isUnionOrIntersection()) return type.types.forEach((t) => refer(t, depth + 1));
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (symbol && symbol.flags & ts.SymbolFlags.Interface && symbol.declarations?.some(ours) && !queued.has(symbol)) {
      queued.add(symbol);
      queue.push([symbol.name, checker.getDeclaredTypeOfSymbol(symbol)]);
    }
    for (const argument of checker.getTypeArguments(type as ts.TypeReference) ?? []) refer(argument, depth + 1);
    for (const argument of type.aliasTypeArguments ?? []) refer(argument, depth + 1);
  };

  const members = (owner: string, type: ts.Type): void => {
    for (const symbol of checker.getPropertiesOfType(type)) {
      const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
      if (!decl || !ours(decl) || !ts.isPropertySignature(decl) || listed.has(decl)) continue;
      listed.add(decl);
      const source = decl.getSourceFile();
      props.push({
        name: `${owner}.${symbol.name}`,
        where: path.join('lib', path.relative(lib, source.fileName)).replace(/\.d\.ts$/, '.ts'),
        optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
        tags: ts.getJSDocTags(decl).map((tag) => tag.tagName.text),
        defaultText: ts.getTextOfJSDocComment(ts.getJSDocTags(decl).find((tag) => tag.tagName.text === 'default')?.comment)?.trim(),
        typeText: decl.type?.getText() ?? '',
      });
      const memberType = checker.getTypeOfSymbol(symbol);
      if (decl.type && ts.isTypeLiteralNode(decl.type)) members(`${owner}.${symbol.name}`, checker.getTypeAtLocation(decl.type));
      else refer(memberType.getNonNullableType());
    }
  };

  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const exports = checker.getExportsOfModule(module);
  for (const exported of exports) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (symbol.flags & ts.SymbolFlags.Interface && /(Props|Options)$/.test(exported.name) && !queued.has(symbol)) {
      queued.add(symbol);
      queue.push([exported.name, checker.getDeclaredTypeOfSymbol(symbol)]);
    }
  }
  while (queue.length) members(...queue.shift()!);
  return { props, exported: new Set(exports.map((e) => e.name)) };
}
