/**
 * Great-circle helpers on a spherical Earth. The radius is the IUGG mean radius R1 = 6371.0088 km
 * (Moritz 2000, "Geodetic Reference System 1980"); on the sphere, distances differ from the
 * WGS84 ellipsoid by at most about 0.5 %, which is far below what neighbourhood choices care about.
 */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/**
 * Haversine great-circle distance in km between two (longitude, latitude) points in degrees
 * (Sinnott 1984, "Virtues of the haversine", Sky & Telescope 68(2)). Stable for short distances.
 * @example
 * haversineKm(7.7521, 48.5734, 2.3522, 48.8566); // ≈ 397.4 (Strasbourg – Paris)
 */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Longitude/latitude box that contains every point within `radiusKm` of (lon, lat), following
 * Matuschek, "Finding Points Within a Distance of a Latitude/Longitude Using Bounding
 * Coordinates" (2010). Near a pole the box spans all longitudes. `minLon > maxLon` never
 * happens: a box crossing the antimeridian is returned as [-180, 180].
 */
export function boundingBoxKm(
  lon: number,
  lat: number,
  radiusKm: number,
): [minLon: number, minLat: number, maxLon: number, maxLat: number] {
  const angular = radiusKm / EARTH_RADIUS_KM;
  const latRad = lat * RAD;
  let minLat = latRad - angular;
  let maxLat = latRad + angular;
  let minLon: number;
  let maxLon: number;
  if (minLat > -Math.PI / 2 && maxLat < Math.PI / 2) {
    const dLon = Math.asin(Math.min(1, Math.sin(angular) / Math.cos(latRad)));
    minLon = lon * RAD - dLon;
    maxLon = lon * RAD + dLon;
    if (minLon < -Math.PI || maxLon > Math.PI) {
      minLon = -Math.PI;
      maxLon = Math.PI;
    }
  } else {
    minLat = Math.max(minLat, -Math.PI / 2);
    maxLat = Math.min(maxLat, Math.PI / 2);
    minLon = -Math.PI;
    maxLon = Math.PI;
  }
  return [minLon / RAD, minLat / RAD, maxLon / RAD, maxLat / RAD];
}

/**
 * Length in km of a short segment between two (longitude, latitude) points, on the local
 * equirectangular projection at its mid-latitude. For polygon edges (metres to a few km) it
 * differs from the haversine distance by far less than 0.01 %, and it is cheaper. Used for both
 * perimeters and shared borders, so that the two subtract exactly.
 */
export function segmentKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dx = (lon2 - lon1) * Math.cos(((lat1 + lat2) / 2) * RAD);
  const dy = lat2 - lat1;
  return Math.sqrt(dx * dx + dy * dy) * RAD * EARTH_RADIUS_KM;
}
