import { join } from 'node:path'

import ts from 'typescript'

/** One option as its TSDoc documents it. */
export interface DocumentedOption {
  /** Dotted path from the options object, e.g. `cookie.name`. */
  path: string
  description: string
  /** The `@default` tag's text, when there is one. */
  default: string | undefined
  required: boolean
  /** For an object option documented property by property (`cookie`): its type's name. */
  nestedType?: string
}

/** The options interfaces a package exports, read through the TypeScript checker. */
export interface PackageOptionDocs {
  /** Exported interface or type name → its options, nested ones included, by path. */
  interfaces: Map<string, Map<string, DocumentedOption>>
  /** The names of those declared in this package's own `src/` (not re-exported from another). */
  own: Set<string>
}

/** The compiler options the package itself typechecks with (source condition included). */
function compilerOptions(packageDir: string): ts.CompilerOptions {
  const configPath = join(packageDir, 'tsconfig.json')
  const config = ts.readConfigFile(configPath, ts.sys.readFile)
  return ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir).options
}

/** Object-shaped types declared in this repository's sources (not in node_modules, not functions). */
function isOwnObjectType(type: ts.Type): boolean {
  if (type.getCallSignatures().length > 0) return false
  const declarations = type.getSymbol()?.getDeclarations() ?? []
  return (
    declarations.length > 0 &&
    declarations.every(
      (declaration) =>
        ts.isInterfaceDeclaration(declaration) &&
        !declaration.getSourceFile().fileName.includes('node_modules'),
    )
  )
}

function collect(
  checker: ts.TypeChecker,
  type: ts.Type,
  prefix: string,
  into: Map<string, DocumentedOption>,
  depth: number,
): void {
  for (const property of checker.getPropertiesOfType(type)) {
    const path = `${prefix}${property.getName()}`
    const defaultTag = property.getJsDocTags(checker).find((tag) => tag.name === 'default')
    const option: DocumentedOption = {
      path,
      description: ts.displayPartsToString(property.getDocumentationComment(checker)),
      default: defaultTag ? ts.displayPartsToString(defaultTag.text).trim() : undefined,
      required: (property.getFlags() & ts.SymbolFlags.Optional) === 0,
    }
    into.set(path, option)
    // One level of nesting (`cookie.name`); deeper objects are documented as one option.
    const declaration = property.valueDeclaration
    if (depth > 0 || declaration === undefined) continue
    const propertyType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration))
    if (!isOwnObjectType(propertyType)) continue
    option.nestedType = propertyType.getSymbol()?.getName()
    collect(checker, propertyType, `${path}.`, into, depth + 1)
  }
}

/**
 * Every exported interface (or type alias of an object type) whose name ends in `Options`,
 * from `src/index.ts` of the package in `packageDir`, with its properties' TSDoc.
 */
export function packageOptionDocs(packageDir: string): PackageOptionDocs {
  const entry = join(packageDir, 'src/index.ts')
  const program = ts.createProgram([entry], compilerOptions(packageDir))
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(entry)
  const moduleSymbol = source && checker.getSymbolAtLocation(source)
  const interfaces = new Map<string, Map<string, DocumentedOption>>()
  const own = new Set<string>()
  if (moduleSymbol === undefined) return { interfaces, own }
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    if (!exported.getName().endsWith('Options')) continue
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    if ((symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) === 0) continue
    const options = new Map<string, DocumentedOption>()
    collect(checker, checker.getDeclaredTypeOfSymbol(symbol), '', options, 0)
    interfaces.set(exported.getName(), options)
    const declaredIn = symbol.getDeclarations()?.[0]?.getSourceFile().fileName ?? ''
    if (declaredIn.startsWith(join(packageDir, 'src'))) own.add(exported.getName())
  }
  return { interfaces, own }
}
