import { Foundation1763836800000 } from './1763836800000-Foundation.js';
import { ChannelSettingsAndHealth1796083200000 } from './1796083200000-ChannelSettingsAndHealth.js';
import { ChannelAdministration1796083500000 } from './1796083500000-ChannelAdministration.js';

/** Every migration in order. Migrations are never edited after they land: add a new file. */
export const migrations = [
  Foundation1763836800000,
  ChannelSettingsAndHealth1796083200000,
  ChannelAdministration1796083500000,
];
