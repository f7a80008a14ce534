import type { VariableInfo, VintageManifest, ZoningLevel } from '@ptce/engine';
import type { CantonAssignment } from './assignCantons.ts';
import type { AppartenanceRow } from './readAppartenance.ts';

export interface ReportInput {
  manifest: VintageManifest;
  variables: VariableInfo[];
  levels: ZoningLevel[];
  rows: AppartenanceRow[];
  inScope: (0 | 1)[];
  withoutPolygon: string[];
  cantonDetails?: CantonAssignment;
  nameOf: (code: string) => string | undefined;
}

const nf = new Intl.NumberFormat('fr-FR');
const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

function table(header: string[], rows: (string | number)[][]): string {
  const esc = (v: string | number) => String(v).replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** The human-readable build report (French), written as report.md in the vintage folder. */
export function buildReport(input: ReportInput): string {
  const { manifest: m, variables, levels, rows, inScope, withoutPolygon, cantonDetails, nameOf } = input;
  const name = (c: string) => nameOf(c) ?? '?';
  const out: string[] = [];
  out.push(`# Rapport de construction — ${m.title}`);
  out.push('');
  if (m.synthetic.ess) {
    out.push(
      '> **DÉMONSTRATION – données ESS simulées.** Aucune source publique ne donne l’économie sociale et solidaire par commune ;',
    );
    out.push(
      '> la couche ESS de ce millésime est simulée (voir « Couche ESS »). Remplacez-la par un fichier de la CRESS ou un extrait SIRENE.',
    );
    out.push('');
  }
  out.push(
    `- Millésime : \`${m.id}\` (format ${m.formatVersion}), construit le ${new Date(m.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}`,
  );
  out.push(
    `- Périmètre : ${m.scope.label} (${m.scope.all ? 'tous les départements' : `département(s) ${m.scope.departements.join(', ')}`})`,
  );
  out.push(
    `- Communes du périmètre : **${nf.format(m.counts.communesInScope)}**, dont ${nf.format(m.counts.withPolygon)} avec un contour ; communes non rapprochées : **${m.counts.unmatched}**`,
  );
  out.push(
    `- Communes ajoutées hors périmètre pour compléter les EPCI : ${nf.format(m.counts.communesOutsideScope)} (statistiques du fichier national, signalées « hors périmètre »)`,
  );
  out.push(
    `- Géographies : codes de référence COG ${m.cog.reference} (zonages) ; statistiques COG ${m.cog.statistics} ; contours ${m.cog.polygons === null ? 'COG inconnu' : `COG ${m.cog.polygons}`}`,
  );
  out.push(`- Durée de construction : ${nf.format(m.durationMs)} ms`);
  out.push('');

  out.push('## Sources');
  out.push('');
  out.push(
    table(
      ['Rôle', 'Fichier', 'Origine', 'Lignes', 'Octets', 'sha256', 'Format'],
      m.inputs.map((i) => [
        i.role,
        `\`${i.path}\``,
        {
          'source-option': '--source / option',
          env: 'PTCE_RAW_DIR',
          shared: 'dossier partagé',
          download: `téléchargé (${i.url ?? ''})`,
          package: 'paquet npm',
        }[i.origin],
        i.rows ? nf.format(i.rows) : '',
        i.bytes ? nf.format(i.bytes) : '',
        i.sha256 ? `\`${i.sha256.slice(0, 16)}…\`` : '',
        `${i.format}${i.edition ? `, ${i.edition}` : ''}`,
      ]),
    ),
  );
  out.push('');
  out.push(
    'Licence : Licence Ouverte / Open Licence 2.0 (Etalab). Source : Insee ; IGN (Admin Express COG).',
  );
  out.push('');

  out.push('## Rapprochement des géographies');
  out.push('');
  const byKind = (source: string) => m.merged.filter((x) => x.source === source);
  for (const [source, title] of [
    ['polygons', 'Contours'],
    ['statistics', 'Statistiques'],
  ] as const) {
    const list = byKind(source);
    out.push(`### ${title} : ${list.length} code(s) ancien(s) rattaché(s) à une commune actuelle`);
    out.push('');
    if (list.length > 0) {
      out.push(
        source === 'polygons'
          ? 'Les polygones des anciennes communes sont unis (fusion topologique, sans interstice) dans celui de la commune nouvelle.'
          : 'Les effectifs des anciennes communes sont additionnés ; les médianes et taux sont estimés par moyenne pondérée (ménages fiscaux) et marqués comme estimations.',
      );
      out.push('');
      out.push(
        table(
          ['Ancien code', 'Ancienne commune', '→ Code actuel', 'Commune actuelle'],
          list.slice(0, 500).map((x) => [x.from, name(x.from), x.to, name(x.to)]),
        ),
      );
      if (list.length > 500) out.push(`\n… et ${list.length - 500} autres (voir manifest.json).`);
      out.push('');
    }
  }
  if (withoutPolygon.length > 0) {
    out.push(`### Communes sans contour : ${withoutPolygon.length}`);
    out.push('');
    out.push(
      table(
        ['Code', 'Commune'],
        withoutPolygon.map((c) => [c, name(c)]),
      ),
    );
    out.push('');
  }
  const outside = rows.filter((_, i) => !inScope[i]);
  if (outside.length > 0) {
    out.push(`### Communes hors périmètre ajoutées pour compléter les EPCI : ${outside.length}`);
    out.push('');
    const epci = levels.find((l) => l.id === 'epci');
    const byEpci = new Map<string, string[]>();
    for (const r of outside)
      byEpci.set(r.values.EPCI, [
        ...(byEpci.get(r.values.EPCI) ?? []),
        `${r.code} ${r.name} (${r.values.DEP})`,
      ]);
    for (const [code, list] of byEpci) {
      const unit = epci?.units.find((u) => u.code === code);
      out.push(
        `- **${unit?.name ?? code}** (${code}) : ${list.length} commune(s) hors périmètre — ${list.slice(0, 50).join(', ')}${list.length > 50 ? ', …' : ''}`,
      );
    }
    out.push('');
  }

  out.push('## Zonages');
  out.push('');
  out.push(
    table(
      ['Niveau', 'Unités', 'Unités complètes', 'Source des contours', 'Appartenance'],
      levels.map((l) => [
        l.label,
        l.units.length,
        `${l.units.filter((u) => u.complete).length} / ${l.units.length}`,
        l.geometrySource === 'dissolved' ? 'fusion des communes' : 'fichier de contours',
        l.membership.source === 'insee-table'
          ? `table INSEE, colonne ${l.membership.column}`
          : l.membership.method,
      ]),
    ),
  );
  out.push('');
  out.push(
    'Une unité « incomplète » a des communes membres hors du millésime (hors périmètre) : ses totaux ne couvrent que les communes présentes, et l’interface le signale. Les EPCI sont complétés par les communes hors périmètre.',
  );
  out.push('');
  if (cantonDetails) {
    if (cantonDetails.split.length > 0) {
      out.push('### Communes partagées entre plusieurs cantons');
      out.push('');
      out.push(
        table(
          ['Commune', 'Répartition de la surface'],
          cantonDetails.split.map((s) => [
            `${s.code} ${name(s.code)}`,
            s.shares.map((x) => `${x.canton} : ${pct.format(x.share)}`).join(' ; '),
          ]),
        ),
      );
      out.push('');
    }
    if (cantonDetails.mergedInto.size > 0) {
      out.push(
        `Cantons regroupés faute de commune entière (les statistiques n’existent pas sous la commune) : ${[...cantonDetails.mergedInto].map(([a, b]) => `${a} → ${b}`).join(', ')}.`,
      );
      out.push('');
    }
  }

  out.push('## Variables');
  out.push('');
  out.push(
    'Valeurs manquantes : cellule vide dans la source (non disponible ou secret statistique) — elles restent manquantes, jamais remplacées par 0.',
  );
  out.push('');
  out.push(
    table(
      [
        'Identifiant',
        'Colonne source',
        'Libellé',
        'Unité',
        'Agrégation',
        'Manquantes',
        'Estimées',
        'Origine',
      ],
      variables.map((v) => [
        `\`${v.id}\``,
        v.source,
        v.label,
        v.unit,
        v.aggregation === 'sum' ? 'somme' : `moyenne pondérée (${v.weight ?? ''})`,
        `${v.missing} (${pct.format(v.missing / Math.max(1, m.counts.communesInScope))})`,
        v.estimated,
        v.synthetic ? '**SIMULÉE**' : v.origin,
      ]),
    ),
  );
  out.push('');

  out.push('## Couche ESS');
  out.push('');
  out.push(m.ess.note);
  out.push('');

  out.push('## Avertissements');
  out.push('');
  if (m.warnings.length === 0) out.push('Aucun.');
  for (const w of m.warnings) out.push(`- **${w.code}** — ${w.message}`);
  out.push('');
  return `${out.join('\n')}\n`;
}
