// Drivers: who they are, their status (set through its own action) and last known position.
// Columns, filters and form fields come from the catalogue; this page adds the status buttons,
// the location form and the position as one column.

import { api } from '../api.js';
import { formDialog } from '../dialogs.js';
import { isConflict } from '../conflict.js';
import { invalidateRecord } from '../record-form.js';
import { resourcePage } from '../resource.js';
import { coordinates } from '../widgets.js';
import { humanize } from '../format.js';


const STATUS_ACTIONS = [
  { status: 'available', label: 'Available' },
  { status: 'on_break', label: 'On break' },
  { status: 'offline', label: 'Off duty' },
];

function openLocationForm(driver, { conflict }) {
  const ui = formDialog({
    title: `Location of ${driver.name}`,
    intro: 'Record where the driver is now, in decimal degrees.',
    submitLabel: 'Update location',
    testid: 'driver-location-form',
    fields: [
      { name: 'lat', label: 'Latitude', type: 'decimal', required: true, min: -90, max: 90 },
      { name: 'lng', label: 'Longitude', type: 'decimal', required: true, min: -180, max: 180 },
    ],
    values: { lat: driver.lat ?? null, lng: driver.lng ?? null },
    onSubmit: async (values) => {
      const send = (record) => api.action('drivers', record.id, 'location', values, record.version)
        .then(() => invalidateRecord('drivers', record.id));
      try {
        await send(driver);
      } catch (error) {
        if (!isConflict(error)) throw error;
        ui.close();
        await conflict('record a location', (current) => ({ label: 'Record it anyway', run: () => send(current) }), error);
      }
    },
  });
}

export const driversPage = resourcePage({
  collection: 'drivers',
  title: 'Drivers',
  description: 'Drivers, their vehicles, status and last known position.',
  columns: {
    // Latitude and longitude read as one position.
    hide: ['lat', 'lng'],
    add: [{ after: 'status', id: 'position', name: 'position', label: 'Position', className: 'mono position', render: (r) => coordinates(r.lat, r.lng) }],
  },
  rowActions: (driver) => [
    ...STATUS_ACTIONS.filter((a) => a.status !== driver.status).map((a) => ({
      label: a.label,
      action: `status:${a.status}`,
      title: `Set status to ${humanize(a.status).toLowerCase()}`,
      needs: { action: 'status' },
      done: `set to ${humanize(a.status).toLowerCase()}`,
      run: () => api.action('drivers', driver.id, 'status', { status: a.status }, driver.version),
      // The status action accepts any status, so the previous one can be put back (on the
      // version the step produced).
      undo: (record, { data }) => api.action('drivers', driver.id, 'status', { status: driver.status }, data?.version),
    })),
    { label: 'Location…', action: 'location', needs: { action: 'location' }, open: openLocationForm },
  ],
});
