import { markInput } from '../state/metrics.ts';
import { meta, setView, view } from '../state/store.ts';
import { AhpEditor } from './AhpEditor.tsx';
import { MethodsForm } from './MethodsForm.tsx';
import { PRESETS } from './presets.ts';
import { WeightSlider } from './WeightSlider.tsx';

/** Presets, pillar / dimension / indicator sliders, the AHP editor and the method choices. */
export function WeightsPanel() {
  const m = meta.value;
  if (!m) return <p class="hint">Chargement…</p>;
  const f = m.framework;
  const v = view.value;
  const usingAhp = v.ahp.length > 0;
  return (
    <div class="weights" data-testid="weights">
      <fieldset class="actions presets">
        <legend class="sr-only">Préréglages de pondération</legend>
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            class="btn"
            onClick={() => {
              markInput();
              setView({
                weights: p.weights,
                ahp: [],
                options: { ...withoutWeighting(v.options), ...p.options },
              });
            }}
          >
            {p.label}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>Besoins × potentiel</legend>
        <WeightSlider id="pil:need" label="Besoins" base={f.pillars.need} />
        <WeightSlider id="pil:potential" label="Potentiel" base={f.pillars.potential} />
      </fieldset>
      {(['need', 'potential'] as const).map((pillar) => (
        <fieldset key={pillar}>
          <legend>{pillar === 'need' ? 'Dimensions des besoins' : 'Dimensions du potentiel'}</legend>
          {f.dimensions
            .filter((d) => d.pillar === pillar)
            .map((d) => (
              <div key={d.id}>
                {usingAhp ? (
                  <p class="hint">{d.label} : poids fixé par l'AHP ci-dessous.</p>
                ) : (
                  <WeightSlider id={`dim:${d.id}`} label={d.label} base={d.weight} />
                )}
                <details>
                  <summary>Indicateurs</summary>
                  {f.indicators
                    .filter((i) => i.dimension === d.id)
                    .map((i) => (
                      <WeightSlider key={i.id} id={`ind:${i.id}`} label={i.label} base={i.weight} sub />
                    ))}
                </details>
              </div>
            ))}
        </fieldset>
      ))}
      <AhpEditor />
      <MethodsForm />
    </div>
  );
}

function withoutWeighting(options: Record<string, string>): Record<string, string> {
  const { weighting: _, ...rest } = options;
  return rest;
}
