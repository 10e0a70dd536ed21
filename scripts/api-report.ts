// Writes the library's public surface — what src/index.ts exports, with its type signatures — to
// api/shipshape.api.md. `--check` fails when that file is not what the code declares, so a change to the public
// API is a reviewed change to the file. Types the exports mention without src/index.ts exporting them are listed
// in a section of their own: a caller sees their shape, so changing them changes the surface too. Members tagged
// `@internal` are left out, as the published declarations leave them out (`stripInternal` in tsconfig.build.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const HEADER = [
  '# shipshape: the public API',
  '',
  'Written by `npm run api` from `src/index.ts`; `npm run api:check` (CI) fails when this file and the code differ.',
  'A change here is a change for every library user: review it as such. docs/api.md says what each part is for.',
  '',
].join('\n');

type Declaration = ts.Declaration & ts.Node;

/** Declarations of a symbol, through `export { x } from` aliases. */
function declarationsOf(checker: ts.TypeChecker, symbol: ts.Symbol): Declaration[] {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return (target.declarations ?? []) as Declaration[];
}

function isOwnSource(file: ts.SourceFile, root: string): boolean {
  return !file.isDeclarationFile && !relative(root, file.fileName).startsWith('..');
}

const DROPPED_MODIFIERS = new Set([ts.SyntaxKind.ExportKeyword, ts.SyntaxKind.DefaultKeyword, ts.SyntaxKind.DeclareKeyword, ts.SyntaxKind.AsyncKeyword]);

function keptModifiers(node: ts.Node): ts.ModifierLike[] | undefined {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  const kept = modifiers?.filter((modifier) => !DROPPED_MODIFIERS.has(modifier.kind));
  return kept && kept.length > 0 ? kept : undefined;
}

/** Tagged `@internal`: used inside the project, left out of the published declarations (`stripInternal`) and of the report. */
function isInternal(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');
}

function isPrivate(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return true;
  const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined;
  return !!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ProtectedKeyword);
}

/**
 * A declaration as a `.d.ts` would have it: no bodies or initialisers, inferred types written out, private class
 * members left out. `types` collects the types written out from inference, which the caller follows like the
 * written ones.
 */
function signatureOf(checker: ts.TypeChecker, node: Declaration, types: ts.Type[]): ts.Node | undefined {
  const f = ts.factory;
  const typeNode = (type: ts.Type, at: ts.Node) => {
    types.push(type);
    return checker.typeToTypeNode(type, at, ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.UseFullyQualifiedType)!;
  };
  const parameters = (params: readonly ts.ParameterDeclaration[]) =>
    params.map((p) =>
      f.createParameterDeclaration(
        // A constructor's `readonly size` is a public property; a `private` one is no part of the surface.
        p.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword) ? undefined : keptModifiers(p),
        p.dotDotDotToken,
        p.name,
        p.questionToken ?? (p.initializer ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined),
        p.type ?? typeNode(checker.getTypeAtLocation(p), p),
        undefined,
      ),
    );
  const returnType = (node: ts.SignatureDeclaration) => {
    if (node.type) return node.type;
    const signature = checker.getSignatureFromDeclaration(node);
    return signature ? typeNode(checker.getReturnTypeOfSignature(signature), node) : undefined;
  };
  if (ts.isFunctionDeclaration(node)) {
    return f.createFunctionDeclaration(keptModifiers(node), node.asteriskToken, node.name, node.typeParameters, parameters(node.parameters), returnType(node), undefined);
  }
  if (ts.isClassDeclaration(node)) {
    const members = node.members.flatMap((member): ts.ClassElement[] => {
      if (isPrivate(member) || isInternal(member)) return [];
      if (ts.isConstructorDeclaration(member)) return [f.createConstructorDeclaration(keptModifiers(member), parameters(member.parameters), undefined)];
      if (ts.isMethodDeclaration(member)) {
        return [f.createMethodDeclaration(keptModifiers(member), member.asteriskToken, member.name, member.questionToken, member.typeParameters, parameters(member.parameters), returnType(member), undefined)];
      }
      if (ts.isPropertyDeclaration(member)) {
        return [f.createPropertyDeclaration(keptModifiers(member), member.name, member.questionToken, member.type ?? typeNode(checker.getTypeAtLocation(member), member), undefined)];
      }
      if (ts.isGetAccessorDeclaration(member)) {
        return [f.createGetAccessorDeclaration(keptModifiers(member), member.name, [], returnType(member), undefined)];
      }
      return [];
    });
    return f.createClassDeclaration(keptModifiers(node), node.name, node.typeParameters, node.heritageClauses, members);
  }
  if (ts.isInterfaceDeclaration(node)) {
    const members = node.members.filter((member) => !isInternal(member));
    return f.createInterfaceDeclaration(keptModifiers(node), node.name, node.typeParameters, node.heritageClauses, members);
  }
  if (ts.isTypeAliasDeclaration(node)) return f.createTypeAliasDeclaration(keptModifiers(node), node.name, node.typeParameters, node.type);
  if (ts.isEnumDeclaration(node)) return f.createEnumDeclaration(keptModifiers(node), node.name, node.members);
  if (ts.isVariableDeclaration(node)) {
    const type = node.type ?? typeNode(checker.getTypeAtLocation(node), node);
    const list = f.createVariableDeclarationList([f.createVariableDeclaration(node.name, undefined, type, undefined)], ts.NodeFlags.Const);
    return f.createVariableStatement(undefined, list);
  }
  return undefined;
}

/** The symbols of the named types a type stands for: itself, its type arguments, the members of a union. */
function symbolsOfType(checker: ts.TypeChecker, type: ts.Type, out: ts.Symbol[], depth = 0): void {
  if (depth > 4) return;
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (symbol) out.push(symbol);
  for (const argument of type.aliasTypeArguments ?? []) symbolsOfType(checker, argument, out, depth + 1);
  if (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
    for (const argument of checker.getTypeArguments(type as ts.TypeReference)) symbolsOfType(checker, argument, out, depth + 1);
  }
  if (type.isUnionOrIntersection()) for (const member of type.types) symbolsOfType(checker, member, out, depth + 1);
}

/** The symbols a declaration's written types name (`Foo`, `Foo<Bar>`, `extends Foo`, `typeof FOO`). */
function symbolsNamedIn(checker: ts.TypeChecker, node: ts.Node, out: ts.Symbol[]): void {
  const visit = (child: ts.Node): void => {
    let name: ts.Node | undefined;
    if (ts.isTypeReferenceNode(child)) name = child.typeName;
    else if (ts.isExpressionWithTypeArguments(child)) name = child.expression;
    else if (ts.isTypeQueryNode(child)) name = child.exprName;
    const symbol = name && checker.getSymbolAtLocation(name);
    if (symbol) out.push(symbol);
    // Bodies, initialisers and internal members are not part of the surface.
    if (isInternal(child) || ts.isBlock(child) || (ts.isVariableDeclaration(child.parent) && child === child.parent.initializer && child.parent.type)) return;
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
}

interface Entry {
  name: string;
  text: string;
  file: string;
}

/** The report for an entry module: its exports, then the types they reach that it does not export. */
export function apiReport(entry: string, options: ts.CompilerOptions, root: string): string {
  const program = ts.createProgram([entry], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`${entry}: not found`);
  const module = checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${entry}: not a module`);
  const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
  const print = (node: ts.Node, file: ts.SourceFile) => printer.printNode(ts.EmitHint.Unspecified, node, file);

  const exported = new Set<Declaration>();
  const exports: Entry[] = [];
  const reached: Entry[] = [];
  const queue: { declaration: Declaration; symbols: ts.Symbol[] }[] = [];
  const seen = new Set<Declaration>();

  /** `exportedAs`: the name src/index.ts exports it under; reached types go by their declared name. */
  const render = (declaration: Declaration, into: Entry[], exportedAs?: string): void => {
    if (seen.has(declaration)) return;
    seen.add(declaration);
    const types: ts.Type[] = [];
    const signature = signatureOf(checker, declaration, types);
    if (!signature) return;
    const file = declaration.getSourceFile();
    const declared = ts.getNameOfDeclaration(declaration)?.getText(file) ?? exportedAs ?? '';
    const name = exportedAs ?? declared;
    const alias = declared !== name ? `// exported as ${name}\n` : '';
    into.push({ name, text: alias + print(signature, file), file: relative(root, file.fileName) });
    const symbols: ts.Symbol[] = [];
    symbolsNamedIn(checker, declaration, symbols);
    for (const type of types) symbolsOfType(checker, type, symbols);
    queue.push({ declaration, symbols });
  };

  for (const symbol of checker.getExportsOfModule(module)) {
    for (const declaration of declarationsOf(checker, symbol)) exported.add(declaration);
  }
  for (const symbol of checker.getExportsOfModule(module)) {
    for (const declaration of declarationsOf(checker, symbol)) if (!isInternal(declaration)) render(declaration, exports, symbol.name);
  }
  while (queue.length > 0) {
    const { symbols } = queue.shift()!;
    for (const symbol of symbols) {
      for (const declaration of declarationsOf(checker, symbol)) {
        if (exported.has(declaration) || !isOwnSource(declaration.getSourceFile(), root)) continue;
        if (ts.isTypeParameterDeclaration(declaration) || ts.isParameter(declaration)) continue;
        render(declaration, reached);
      }
    }
  }

  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const counts = new Map<string, number>();
  for (const entry of [...exports, ...reached]) counts.set(entry.name, (counts.get(entry.name) ?? 0) + 1);
  // A reached type named like another (a module's `Instruction` and another's, or an export) says where it is from.
  const block = (entries: Entry[]) =>
    entries
      .sort(byName)
      .map((entry) => ((counts.get(entry.name) ?? 0) > 1 && entries === reached ? `// ${entry.file}\n${entry.text}` : entry.text))
      .join('\n\n');
  return [
    HEADER,
    '## Exports',
    '',
    '```ts',
    block(exports),
    '```',
    '',
    '## Types the exports use, not exported by name',
    '',
    '```ts',
    block(reached),
    '```',
    '',
  ].join('\n');
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configFile = `${root}/tsconfig.json`;
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
  const file = `${root}/api/shipshape.api.md`;
  const report = apiReport(`${root}/src/index.ts`, compilerOptions(root), root);
  if (process.argv.includes('--check')) {
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== report) {
      console.error('api/shipshape.api.md is not the public API src/index.ts declares: review the change, then run `npm run api`');
      process.exit(1);
    }
    console.log('api/shipshape.api.md matches src/index.ts');
  } else {
    writeFileSync(file, report);
    console.log(`wrote ${relative(root, file)}`);
  }
}
