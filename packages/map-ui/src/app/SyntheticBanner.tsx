import { meta } from '../state/store.ts';

/** Shown whenever the vintage's ESS layer is simulated: nobody may mistake it for real data. */
export function SyntheticBanner() {
  const m = meta.value?.manifest;
  if (!m?.synthetic.ess) return null;
  return (
    <div class="banner" role="alert" data-testid="synthetic-banner">
      <strong>Données ESS simulées.</strong> La couche « économie sociale et solidaire » de ce millésime est
      une démonstration générée par calcul, pas une mesure : ne pas l'utiliser pour décider.{' '}
      {m.synthetic.description && (
        <details class="inline">
          <summary>Comment elle est simulée</summary>
          {m.synthetic.description}
        </details>
      )}
    </div>
  );
}
