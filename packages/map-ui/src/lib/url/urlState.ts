import { CLASS_METHODS, type ClassMethod } from '../classify/classify.ts';
import { DEFAULT_VIEW, PANELS, type Panel, type ViewState } from './viewState.ts';

/*
 * The view lives in the query string, one short key per field, only fields that differ from
 * the defaults, so links stay short and readable:
 *   ?v=bas-rhin-2021&l=epci&y=ind:prec_poverty&m=ckmeans&k=6&p=cividis
 *   &w=dim:precarity~2,ind:ess_density~0.5&a=3,5,0.333&o=norm~minmax&s=246700488,246700744&sh=1&t=ranking
 * Lists use `,`, pairs `key~value`; ids never contain those characters (letters, digits, `_`,
 * `:`, `@`, `.`, `-`), and numbers are written with `String(n)`, which reads back to the same
 * double, so decode(encode(view)) === view.
 */

const PAIR = '~';

/** `String(n)` reads back to the same double, except −0 which it writes as `0`. */
const num = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

function encodePairs(record: Record<string, number | string>): string {
  return Object.keys(record)
    .sort()
    .map((k) => `${k}${PAIR}${typeof record[k] === 'number' ? num(record[k]) : record[k]}`)
    .join(',');
}

function decodePairs(text: string): [string, string][] {
  if (text === '') return [];
  return text.split(',').flatMap((item) => {
    const at = item.indexOf(PAIR);
    return at > 0 ? [[item.slice(0, at), item.slice(at + 1)] as [string, string]] : [];
  });
}

function decodeNumbers(text: string | null): number[] {
  if (!text) return [];
  return text
    .split(',')
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

/**
 * The query string (without `?`) of a view: only what differs from the defaults.
 * @example encodeView({ ...DEFAULT_VIEW, level: 'epci' }) // 'l=epci'
 */
export function encodeView(view: ViewState): string {
  const q = new URLSearchParams();
  const d = DEFAULT_VIEW;
  if (view.vintage !== d.vintage) q.set('v', view.vintage);
  if (view.level !== d.level) q.set('l', view.level);
  if (view.layer !== d.layer) q.set('y', view.layer);
  if (view.method !== d.method) q.set('m', view.method);
  if (view.classes !== d.classes) q.set('k', String(view.classes));
  if (view.palette !== d.palette) q.set('p', view.palette);
  if (view.manual.length) q.set('b', view.manual.map(num).join(','));
  if (Object.keys(view.weights).length) q.set('w', encodePairs(view.weights));
  if (view.ahp.length) q.set('a', view.ahp.map(num).join(','));
  if (Object.keys(view.options).length) q.set('o', encodePairs(view.options));
  if (view.selection.length) q.set('s', view.selection.join(','));
  if (view.sheet) q.set('sh', '1');
  if (view.panel !== d.panel) q.set('t', view.panel);
  // URLSearchParams escapes `,`, `:`, `~` and `@`; they are safe in a query string, and keeping
  // them makes links readable when pasted in a mail.
  return q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%7E/g, '~').replace(/%40/g, '@');
}

/**
 * The view a query string describes. Unknown or malformed fields fall back to the defaults
 * (a link edited by hand must still open); the caller checks ids against the vintage.
 */
export function decodeView(search: string): ViewState {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const d = DEFAULT_VIEW;
  const method = q.get('m');
  const classes = Number(q.get('k'));
  const panel = q.get('t');
  const weights: Record<string, number> = {};
  for (const [k, v] of decodePairs(q.get('w') ?? '')) {
    const n = Number(v);
    if (v !== '' && Number.isFinite(n)) weights[k] = n;
  }
  const options: Record<string, string> = {};
  for (const [k, v] of decodePairs(q.get('o') ?? '')) options[k] = v;
  const selection = (q.get('s') ?? '').split(',').filter((c) => c !== '');
  return {
    vintage: q.get('v') ?? d.vintage,
    level: q.get('l') || d.level,
    layer: q.get('y') || d.layer,
    method: CLASS_METHODS.some((x) => x.id === method) ? (method as ClassMethod) : d.method,
    classes: Number.isInteger(classes) && classes >= 2 && classes <= 9 ? classes : d.classes,
    palette: q.get('p') || d.palette,
    manual: decodeNumbers(q.get('b')),
    weights,
    ahp: decodeNumbers(q.get('a')),
    options,
    selection,
    panel: PANELS.includes(panel as Panel) ? (panel as Panel) : d.panel,
    sheet: q.get('sh') === '1',
  };
}
