import { binomial, mulberry32, normal, poisson } from '../../lib/random.ts';
import type { EssLayer } from './essVariables.ts';

export const SYNTHETIC_ESS_SEED = 20_211;

export const SYNTHETIC_ESS_DESCRIPTION =
  'Couche ESS de DÉMONSTRATION, simulée (aucune source publique ne donne l’ESS par commune) : ' +
  'établissements ESS ~ Poisson(u × (0,055 × établissements actifs + 0,10 × établissements de ' +
  'l’administration publique, enseignement, santé, action sociale)), u log-normal (σ = 0,35) par commune ; ' +
  'familles tirées selon 80 % associations, 12 % coopératives, 5 % mutuelles, 3 % fondations ; salariés = ' +
  'établissements × taille moyenne des établissements de la commune × 1,4 × bruit log-normal (σ = 0,3), ' +
  'plafonnés à 40 % des emplois salariés ; créations sur 5 ans ~ Binomiale(établissements, 0,18 × U(0,6 ; 1,4)). ' +
  'Graine fixe : mêmes valeurs à chaque construction. À remplacer par un fichier de la CRESS ou un extrait SIRENE.';

export interface SyntheticInput {
  codes: string[];
  /** Total active establishments (ETTOT), NaN = missing. */
  establishments: Float64Array;
  /** Establishments of public administration, education, health, social work (ETOQ). */
  publicSocial: Float64Array;
  /** Salaried jobs at the workplace (EMPLT_SAL). */
  salariedJobs: Float64Array;
}

/**
 * Draws the demonstration ESS layer (see {@link SYNTHETIC_ESS_DESCRIPTION}): plausible orders
 * of magnitude, tied to each commune's economic fabric, reproducible from the seed. Communes
 * whose establishment counts are missing get missing ESS values, never 0.
 */
export function syntheticEss(input: SyntheticInput, seed = SYNTHETIC_ESS_SEED): EssLayer {
  const random = mulberry32(seed);
  const stems = [
    'ESS_ETAB',
    'ESS_SAL',
    'ESS_ETAB_ASSO',
    'ESS_ETAB_COOP',
    'ESS_ETAB_MUT',
    'ESS_ETAB_FOND',
    'ESS_CREA',
  ] as const;
  const values = Object.fromEntries(stems.map((s) => [s, new Map<string, number | null>()])) as Record<
    (typeof stems)[number],
    Map<string, number | null>
  >;
  input.codes.forEach((code, i) => {
    // Draw the same number of variates for every commune so one commune's data does not shift
    // the others' draws.
    const u = Math.exp(0.35 * normal(random));
    const sizeNoise = Math.exp(0.3 * normal(random));
    const creationRate = 0.18 * (0.6 + 0.8 * random());
    const familySeed = random();
    const countSeed = random();
    const creationSeed = random();
    const et = input.establishments[i];
    const oq = input.publicSocial[i];
    const sal = input.salariedJobs[i];
    if (!Number.isFinite(et) || !Number.isFinite(oq)) {
      for (const s of stems) values[s].set(code, null);
      return;
    }
    const count = poisson(mulberry32(Math.floor(countSeed * 2 ** 32)), u * (0.055 * et + 0.1 * oq));
    const families = drawFamilies(mulberry32(Math.floor(familySeed * 2 ** 32)), count);
    const meanSize = et > 0 && Number.isFinite(sal) ? Math.max(1, sal / et) : 1;
    const employees =
      count === 0 || !Number.isFinite(sal)
        ? Number.isFinite(sal)
          ? 0
          : null
        : Math.round(Math.min(count * meanSize * 1.4 * sizeNoise, 0.4 * sal));
    values.ESS_ETAB.set(code, count);
    values.ESS_SAL.set(code, employees);
    values.ESS_ETAB_ASSO.set(code, families[0]);
    values.ESS_ETAB_COOP.set(code, families[1]);
    values.ESS_ETAB_MUT.set(code, families[2]);
    values.ESS_ETAB_FOND.set(code, families[3]);
    values.ESS_CREA.set(
      code,
      binomial(mulberry32(Math.floor(creationSeed * 2 ** 32)), count, Math.min(1, creationRate)),
    );
  });
  return {
    origin: 'ess-synthetic',
    year: null,
    note: SYNTHETIC_ESS_DESCRIPTION,
    values,
    estimatedStems: [],
    warnings: [
      {
        code: 'SYNTHETIC_ESS',
        message:
          'Aucun fichier ESS (CRESS ou SIRENE) fourni : la couche ESS est SIMULÉE pour la démonstration. Tout écran et tout document qui l’utilise doit l’indiquer.',
      },
    ],
  };
}

const FAMILY_SHARES = [0.8, 0.12, 0.05, 0.03];

/** Splits `count` establishments among associations, cooperatives, mutuals, foundations. */
function drawFamilies(random: () => number, count: number): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = 0; k < count; k++) {
    const r = random();
    let acc = 0;
    for (let f = 0; f < 4; f++) {
      acc += FAMILY_SHARES[f];
      if (r < acc || f === 3) {
        out[f]++;
        break;
      }
    }
  }
  return out;
}
