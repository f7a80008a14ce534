import { createToken, isApiError, loadConfig, openStore, ROLES, type Role } from '@ptce/api';
import { DataError } from '../data/DataError.ts';
import { parseCommand } from '../lib/command.ts';
import { type Lang, UsageError } from '../lib/terminal.ts';

export const TOKEN_HELP = {
  fr: `Usage : pnpm ptce token create --role viewer|analyst|admin --name NOM [--data DIR] [--json]
        pnpm ptce token list [--data DIR] [--json]
        pnpm ptce token revoke ID [--data DIR]

Jetons d'accès à l'API (en-tête « Authorization: Bearer <jeton> »). Le jeton n'est affiché
qu'une fois, à la création : seule son empreinte (sha256) est conservée.
Rôles : viewer (listes publiées, scores), analyst (scénarios, listes en brouillon),
admin (millésimes, publication, jetons).
  --data DIR   dossier des données de l'API (défaut : $PTCE_DATA_DIR, sinon data/)`,
  en: `Usage: pnpm ptce token create --role viewer|analyst|admin --name NAME [--data DIR] [--json]
       pnpm ptce token list [--data DIR] [--json]
       pnpm ptce token revoke ID [--data DIR]

API access tokens (header "Authorization: Bearer <token>"). The token is shown once, when it is
created: only its fingerprint (sha256) is kept.
Roles: viewer (published shortlists, scores), analyst (scenarios, draft shortlists),
admin (vintages, publishing, tokens).
  --data DIR   the API's data folder (default: $PTCE_DATA_DIR, else data/)`,
};

export async function tokenCommand(argv: string[], lang: Lang): Promise<number> {
  const { values, positionals } = parseCommand(argv, TOKEN_HELP, OPTIONS, true);
  const [action, ...rest] = positionals;
  if (values.help || !action) {
    process.stdout.write(`${TOKEN_HELP[lang]}\n`);
    return values.help ? 0 : 2;
  }
  const fr = lang === 'fr';
  const dataDir = values.data ?? loadConfig(process.env).dataDir;
  const store = await openStore(dataDir);
  try {
    if (action === 'create') {
      if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
        throw new UsageError(
          `--role doit valoir ${ROLES.join(', ')}.`,
          `--role must be ${ROLES.join(', ')}.`,
        );
      }
      if (!values.name)
        throw new UsageError(
          '--name est obligatoire (qui utilisera ce jeton ?).',
          '--name is required (who will use this token?).',
        );
      const created = await createToken(store, { role: values.role as Role, name: values.name });
      if (values.json) process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      else {
        process.stdout.write(
          fr
            ? `Jeton créé pour « ${created.name} » (rôle ${created.role}, id ${created.id}).\nNotez-le maintenant, il ne sera plus affiché :\n\n  ${created.token}\n\n`
            : `Token created for "${created.name}" (role ${created.role}, id ${created.id}).\nWrite it down now, it will not be shown again:\n\n  ${created.token}\n\n`,
        );
      }
      return 0;
    }
    if (action === 'list') {
      const tokens = await store.tokens.list();
      if (values.json) process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
      else {
        for (const t of tokens) {
          process.stdout.write(
            `${t.id}  ${t.role.padEnd(8)} ${t.name}  ${t.createdAt}${t.revokedAt ? (fr ? `  révoqué le ${t.revokedAt}` : `  revoked ${t.revokedAt}`) : ''}\n`,
          );
        }
        if (tokens.length === 0) process.stdout.write(fr ? 'Aucun jeton.\n' : 'No token.\n');
      }
      return 0;
    }
    if (action === 'revoke') {
      if (rest.length !== 1)
        throw new UsageError(
          'Donnez l’identifiant du jeton à révoquer.',
          'Give the id of the token to revoke.',
        );
      if (!(await store.tokens.revoke(rest[0]))) {
        throw new DataError(
          'UNKNOWN_TOKEN',
          {
            fr: `Jeton ${rest[0]} inconnu ou déjà révoqué.`,
            en: `Token ${rest[0]} unknown or already revoked.`,
            hintFr: 'pnpm ptce token list donne les identifiants.',
            hintEn: 'pnpm ptce token list gives the ids.',
          },
          { value: rest[0] },
        );
      }
      process.stdout.write(fr ? `Jeton ${rest[0]} révoqué.\n` : `Token ${rest[0]} revoked.\n`);
      return 0;
    }
    throw new UsageError(
      `Action inconnue « ${action} » : create, list ou revoke.`,
      `Unknown action "${action}": create, list or revoke.`,
    );
  } catch (error) {
    if (isApiError(error)) {
      throw new UsageError(error.message, error.message);
    }
    throw error;
  } finally {
    await store.close();
  }
}

const OPTIONS = {
  role: { type: 'string' },
  name: { type: 'string' },
  data: { type: 'string' },
  json: { type: 'boolean' },
} as const;
