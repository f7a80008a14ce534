/** A schema validation error as Fastify hands it over (Ajv- and TypeBox-compatible shape). */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params?: Record<string, unknown>;
  message?: string;
}

const WHERE: Record<string, string> = {
  body: 'le corps',
  params: "l'adresse",
  querystring: 'les paramètres de requête',
  headers: 'les en-têtes',
};

/** `/weights/0` -> `weights[0]`; the root -> the part's name. */
export function issuePath(instancePath: string): string {
  if (instancePath === '') return '';
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

/** One issue in plain French: what is wrong at which place, and what is expected. */
export function describeIssue(issue: ValidationIssue): string {
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'required':
      return `champ obligatoire manquant : ${String((p.requiredProperties as string[] | undefined)?.join(', ') ?? p.missingProperty ?? '')}`;
    case 'additionalProperties':
      return `champ inconnu : ${String((p.additionalProperties as string[] | undefined)?.join(', ') ?? p.additionalProperty ?? '')} (retirez-le)`;
    case 'type':
      return `doit être de type ${String(p.type)}`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `doit être ${String(p.comparison ?? '')} ${String(p.limit)}`;
    case 'minLength':
      return `doit compter au moins ${String(p.limit)} caractère(s)`;
    case 'maxLength':
      return `doit compter au plus ${String(p.limit)} caractères`;
    case 'minItems':
      return `doit compter au moins ${String(p.limit)} élément(s)`;
    case 'maxItems':
      return `doit compter au plus ${String(p.limit)} éléments`;
    case 'minProperties':
      return `doit contenir au moins ${String(p.limit)} champ(s)`;
    case 'pattern':
      return `format invalide (attendu : ${String(p.pattern)})`;
    case 'const':
    case 'enum':
    case 'anyOf':
      return 'valeur non autorisée';
    case 'multipleOf':
      return `doit être un multiple de ${String(p.multipleOf ?? p.limit)}`;
    default:
      return issue.message ?? 'valeur invalide';
  }
}

/** The message and details of a 400 for schema validation failures in `part` (body, params...). */
export function validationError(part: string, issues: ValidationIssue[]) {
  // Keep the informative issues: TypeBox also reports "schema is false" for each unknown field.
  const useful = issues.filter((i) => i.keyword !== 'boolean');
  const shown = (useful.length > 0 ? useful : issues).map((issue) => ({
    path: issuePath(issue.instancePath),
    message: describeIssue(issue),
  }));
  const head = shown
    .slice(0, 5)
    .map((i) => (i.path ? `${i.path} : ${i.message}` : i.message))
    .join(' ; ');
  const more = shown.length > 5 ? ` (et ${shown.length - 5} autres)` : '';
  return {
    message: `Requête invalide dans ${WHERE[part] ?? part} — ${head}${more}.`,
    details: { location: part, issues: shown },
  };
}
