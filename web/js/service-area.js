// The service area the Live Tracking map draws, shipped with the app so the map needs no tile
// server: the demo's Puget Sound metro, simplified to water, districts (the towns the demo
// customers are in) and highways, as [lat, lng] outlines. `locate` turns a delivery address into
// a point on it. A deployment elsewhere replaces this file with its own area.

export const SERVICE_AREA = {
  name: 'Puget Sound service area',
  // Land first, then water over it: the district outlines may be rough along the shore.
  districts: [
    {
      name: 'Seattle', center: [47.6062, -122.3321],
      outline: [[47.734, -122.376], [47.734, -122.281], [47.68, -122.272], [47.62, -122.283], [47.58, -122.276],
        [47.52, -122.262], [47.497, -122.29], [47.497, -122.36], [47.52, -122.398], [47.57, -122.42],
        [47.6, -122.36], [47.63, -122.415], [47.67, -122.41], [47.7, -122.38]],
    },
    {
      name: 'Everett', center: [47.979, -122.2021],
      outline: [[48.02, -122.25], [48.02, -122.16], [47.9, -122.16], [47.9, -122.25]],
    },
    {
      name: 'Bothell', center: [47.7601, -122.2054],
      outline: [[47.79, -122.24], [47.79, -122.16], [47.74, -122.16], [47.735, -122.24]],
    },
    {
      name: 'Kirkland', center: [47.6769, -122.206],
      outline: [[47.72, -122.23], [47.72, -122.16], [47.66, -122.16], [47.655, -122.21]],
    },
    {
      name: 'Redmond', center: [47.674, -122.1215],
      outline: [[47.72, -122.155], [47.72, -122.09], [47.64, -122.09], [47.64, -122.15]],
    },
    {
      name: 'Bellevue', center: [47.6101, -122.2015],
      outline: [[47.655, -122.225], [47.655, -122.135], [47.575, -122.135], [47.565, -122.205], [47.6, -122.215]],
    },
    {
      name: 'Renton', center: [47.4829, -122.2171],
      outline: [[47.52, -122.25], [47.52, -122.15], [47.44, -122.15], [47.44, -122.24]],
    },
    {
      name: 'Tacoma', center: [47.2529, -122.4443],
      outline: [[47.31, -122.53], [47.31, -122.4], [47.19, -122.4], [47.19, -122.53]],
    },
  ],
  water: [
    {
      name: 'Puget Sound',
      outline: [[48.1, -122.23], [47.98, -122.23], [47.95, -122.31], [47.81, -122.39], [47.75, -122.38],
        [47.68, -122.41], [47.64, -122.42], [47.615, -122.36], [47.605, -122.345], [47.59, -122.36],
        [47.58, -122.4], [47.576, -122.42], [47.52, -122.4], [47.47, -122.36], [47.4, -122.33],
        [47.32, -122.41], [47.27, -122.42], [47.26, -122.44], [47.31, -122.53], [47.25, -122.56],
        [47.1, -122.6], [47.1, -122.8], [48.1, -122.8]],
    },
    {
      name: 'Lake Washington',
      outline: [[47.757, -122.28], [47.73, -122.262], [47.69, -122.25], [47.66, -122.232], [47.62, -122.232],
        [47.59, -122.235], [47.55, -122.205], [47.51, -122.205], [47.505, -122.215], [47.53, -122.255],
        [47.575, -122.27], [47.62, -122.275], [47.67, -122.27], [47.72, -122.28]],
    },
  ],
  roads: [
    {
      name: 'I-5',
      path: [[48.0, -122.19], [47.979, -122.2], [47.9, -122.24], [47.82, -122.29], [47.7, -122.322], [47.61, -122.329],
        [47.575, -122.322], [47.53, -122.3], [47.46, -122.262], [47.38, -122.29], [47.31, -122.3], [47.24, -122.36],
        [47.236, -122.43], [47.2, -122.47]],
    },
    {
      name: 'I-405',
      path: [[47.82, -122.27], [47.76, -122.19], [47.68, -122.18], [47.61, -122.188], [47.55, -122.19], [47.49, -122.2],
        [47.46, -122.262]],
    },
    { name: 'I-90', path: [[47.59, -122.32], [47.585, -122.26], [47.578, -122.23], [47.578, -122.17], [47.55, -122.05]] },
    { name: 'SR 520', path: [[47.645, -122.32], [47.64, -122.27], [47.638, -122.23], [47.63, -122.17], [47.655, -122.13], [47.673, -122.11]] },
    { name: 'SR 99', path: [[47.734, -122.345], [47.65, -122.347], [47.61, -122.34], [47.56, -122.335], [47.5, -122.32]] },
  ],
};

// How far around its district's centre an address is placed (its street is not on the map).
const SPREAD_DEG = 0.012;

function hash(text) {
  let value = 2166136261;
  for (const char of text) value = Math.imul(value ^ char.codePointAt(0), 16777619) >>> 0;
  return value;
}

/**
 * Where an address is on the map: its district (the town named in it, "…, Tacoma"), at a spot
 * near the district's centre that depends only on the address, so it stays put between renders.
 * Null for an address outside the area.
 */
export function locate(address, area = SERVICE_AREA) {
  if (!address) return null;
  const words = address.toLowerCase();
  const district = area.districts.find((d) => new RegExp(`\\b${d.name.toLowerCase()}\\b`).test(words));
  if (!district) return null;
  const h = hash(words);
  const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
  const radius = (((h >>> 16) & 0xffff) / 0x10000) * SPREAD_DEG;
  const [lat, lng] = district.center;
  return { lat: lat + radius * Math.sin(angle), lng: lng + (radius * Math.cos(angle)) / Math.cos((lat * Math.PI) / 180), district: district.name };
}
