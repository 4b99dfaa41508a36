import * as migration_20261122_134332_initial from './20261122_134332_initial';

export const migrations = [
  {
    up: migration_20261122_134332_initial.up,
    down: migration_20261122_134332_initial.down,
    name: '20261122_134332_initial'
  },
];
