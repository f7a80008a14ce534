import { describe, expect, it } from 'vitest';
import { pickPlaces } from './pickPlaces.ts';

const strasbourg = { name: 'Strasbourg', lng: 7.7521, lat: 48.5734, population: 284677 };
const schiltigheim = { name: 'Schiltigheim', lng: 7.7499, lat: 48.6064, population: 33069 };
const haguenau = { name: 'Haguenau', lng: 7.7906, lat: 48.8156, population: 34789 };

describe('pickPlaces', () => {
  it('pickPlaces(places, minKm, limit) drops a town too close to a larger one', () => {
    // Strasbourg to Schiltigheim: 0.033° of latitude ≈ 3.7 km; Haguenau is ≈ 27 km away.
    expect(pickPlaces([schiltigheim, haguenau, strasbourg], 8, 10).map((p) => p.name)).toEqual([
      'Strasbourg',
      'Haguenau',
    ]);
    expect(pickPlaces([schiltigheim, haguenau, strasbourg], 3, 10)).toHaveLength(3);
    expect(pickPlaces([schiltigheim, haguenau, strasbourg], 0, 1).map((p) => p.name)).toEqual(['Strasbourg']);
  });
});
