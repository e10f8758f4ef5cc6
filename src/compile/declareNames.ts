/**
 * The model's names: entity types and their members enter the symbol table; every name is checked against
 * the built-ins and the other sections, and every `for:` against the declared entity types.
 */
import { didYouMean, oneOf } from '../didYouMean.js';
import { AGGREGATES, FUNCTIONS } from '../expr/functions.js';
import type { LoadedModel } from '../model/load.js';
import type { Path } from '../model/yamlFile.js';
import type { BuildContext } from './buildContext.js';
import { RESERVED } from './symbols.js';

/** Declares entities and members, reporting reserved, duplicate and unknown names. */
export function declareNames(ctx: BuildContext, model: LoadedModel): void {
  const file = model.file;
  const sym = ctx.sym;
  const seen = new Map<string, string>();
  const claim = (name: string, path: Path, what: string): void => {
    if (RESERVED.has(name) || FUNCTIONS.has(name) || AGGREGATES.has(name)) {
      ctx.report(path, 'E_RESERVED_NAME', `'${name}' is a built-in name`, { found: name });
    } else if (seen.has(name)) {
      ctx.report(path, 'E_DUPLICATE_NAME', `'${name}' is already used by ${seen.get(name)}`, { found: name });
    } else seen.set(name, what);
  };
  for (const [type, members] of Object.entries(file.entities ?? {})) {
    claim(type, ['entities', type], `entity type ${type}`);
    members.forEach((m, i) => {
      claim(m, ['entities', type, i], `member ${m} of ${type}`);
      sym.memberEntity.set(m, type);
    });
    sym.entities.set(type, [...new Set(members)]);
  }
  const sections = ['parameters', 'state', 'derived', 'events'] as const;
  for (const section of sections) {
    for (const [name, def] of Object.entries(file[section] ?? {})) {
      claim(name, [section, name], `${section} ${name}`);
      checkFor(ctx, def.for, [section, name]);
    }
  }
  for (const section of ['rules', 'outputs'] as const) {
    for (const [name, def] of Object.entries(file[section] ?? {})) checkFor(ctx, def.for, [section, name]);
  }
}

function checkFor(ctx: BuildContext, entity: string | undefined, at: Path): void {
  if (entity !== undefined && !ctx.sym.entities.has(entity)) {
    const types = [...ctx.sym.entities.keys()];
    ctx.report(
      [...at, 'for'],
      'E_UNKNOWN_ENTITY',
      `unknown entity type '${entity}'${didYouMean(entity, types)}`,
      {
        expected: oneOf(types, 'an entity type declared under `entities`'),
        found: entity,
      },
    );
  }
}
