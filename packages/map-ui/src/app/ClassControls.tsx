import { CLASS_METHODS, type ClassMethod } from '../lib/classify/classify.ts';
import { PALETTES } from '../lib/color/palettes.ts';
import { parseThresholds } from '../lib/format/parseThresholds.ts';
import { setView, view } from '../state/store.ts';

/** Classification method, number of classes (or manual thresholds) and palette of the map. */
export function ClassControls() {
  const v = view.value;
  return (
    <div class="controls">
      <label for="method">Classes</label>
      <select
        id="method"
        data-testid="method"
        value={v.method}
        onChange={(e) => setView({ method: e.currentTarget.value as ClassMethod })}
      >
        {CLASS_METHODS.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      {v.method === 'manual' ? (
        <>
          <label for="manual">Seuils</label>
          <input
            id="manual"
            type="text"
            inputMode="decimal"
            placeholder="ex. 10 ; 20 ; 30"
            defaultValue={v.manual.map((x) => String(x).replace('.', ',')).join(' ; ')}
            onChange={(e) => setView({ manual: parseThresholds(e.currentTarget.value) })}
          />
        </>
      ) : (
        <>
          <label for="classes">Nombre</label>
          <select
            id="classes"
            value={String(v.classes)}
            onChange={(e) => setView({ classes: Number(e.currentTarget.value) })}
          >
            {[3, 4, 5, 6, 7, 8, 9].map((k) => (
              <option key={k} value={String(k)}>
                {k}
              </option>
            ))}
          </select>
        </>
      )}
      <label for="palette">Couleurs</label>
      <select id="palette" value={v.palette} onChange={(e) => setView({ palette: e.currentTarget.value })}>
        {PALETTES.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </div>
  );
}
