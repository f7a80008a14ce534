/** Weight presets: changes from the framework, in the URL's weight keys. */
export const PRESETS: {
  id: string;
  label: string;
  weights: Record<string, number>;
  options?: Record<string, string>;
}[] = [
  { id: 'framework', label: 'Cadre par défaut', weights: {} },
  {
    id: 'equal',
    label: 'Équilibré',
    weights: { 'pil:need': 1, 'pil:potential': 1 },
    options: { weighting: 'equal' },
  },
  { id: 'need', label: "Besoins d'abord", weights: { 'pil:need': 2, 'pil:potential': 1 } },
  { id: 'potential', label: "Potentiel d'abord", weights: { 'pil:need': 1, 'pil:potential': 2 } },
];
