import { formatNumber } from '../lib/format/format.ts';
import { markInput } from '../state/metrics.ts';
import { setView, view } from '../state/store.ts';

/** One weight: a range input (0 to 5) bound to a weight key (`pil:`, `dim:`, `ind:`) of the view. */
export function WeightSlider(props: { id: string; label: string; base: number; sub?: boolean }) {
  const value = view.value.weights[props.id] ?? props.base;
  const inputId = `w-${props.id.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <div class={`slider${props.sub ? ' sub' : ''}`}>
      <label for={inputId}>{props.label}</label>
      <input
        id={inputId}
        type="range"
        min="0"
        max="5"
        step="0.1"
        value={value}
        data-weight={props.id}
        onInput={(e) => {
          markInput(e.timeStamp);
          const w = Number(e.currentTarget.value);
          const weights = { ...view.value.weights };
          if (w === props.base) delete weights[props.id];
          else weights[props.id] = w;
          setView({ weights, ahp: props.id.startsWith('dim:') ? [] : view.value.ahp });
        }}
      />
      <output for={inputId}>{formatNumber(value, 1)}</output>
    </div>
  );
}
