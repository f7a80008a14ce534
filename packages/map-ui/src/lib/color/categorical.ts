/**
 * LISA cluster colours by engine cluster code (0 not significant, 1 high-high, 2 low-low,
 * 3 low-high, 4 high-low, 5 missing, 6 isolated): GeoDa's red/blue convention, taken from the
 * colour-blind-safe ColorBrewer RdBu scheme (dark for HH/LL, light for the outliers).
 * Missing values are hatched like every other missing value.
 */
export const LISA_COLORS = ['#f0f0f0', '#b2182b', '#2166ac', '#92c5de', '#f4a582', '#d9d9d9', '#bdbdbd'];

/**
 * Okabe & Ito (2008, "Color Universal Design") qualitative palette, designed to stay distinct
 * for colour-blind readers: outlines of candidate zones, by rank.
 */
export const OKABE_ITO = [
  '#E69F00',
  '#0072B2',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
];
