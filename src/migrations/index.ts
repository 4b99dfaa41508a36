import * as migration_20261122_152557_initial from './20261122_152557_initial';
import * as migration_20261122_161440_network from './20261122_161440_network';
import * as migration_20261122_175051_radius from './20261122_175051_radius';
import * as migration_20261122_181551_router_control from './20261122_181551_router_control';
import * as migration_20261122_203028_radius_hot_paths from './20261122_203028_radius_hot_paths';
import * as migration_20261122_224531_helpdesk from './20261122_224531_helpdesk';
import * as migration_20261122_232944_audit_logs from './20261122_232944_audit_logs';
import * as migration_20261122_234459_audit_retention from './20261122_234459_audit_retention';
import * as migration_20261123_005315_session_logs from './20261123_005315_session_logs';
import * as migration_20261123_033013_portal from './20261123_033013_portal';
import * as migration_20261204_223155_never_started from './20261204_223155_never_started';
import * as migration_20261204_223702_customer_logins from './20261204_223702_customer_logins';
import * as migration_20261204_224009_organization_dates from './20261204_224009_organization_dates';
import * as migration_20261204_224708_hot_path_plans from './20261204_224708_hot_path_plans';
import * as migration_20261205_033000_never_started_refund from './20261205_033000_never_started_refund';

export const migrations = [
  {
    up: migration_20261122_152557_initial.up,
    down: migration_20261122_152557_initial.down,
    name: '20261122_152557_initial',
  },
  {
    up: migration_20261122_161440_network.up,
    down: migration_20261122_161440_network.down,
    name: '20261122_161440_network',
  },
  {
    up: migration_20261122_175051_radius.up,
    down: migration_20261122_175051_radius.down,
    name: '20261122_175051_radius',
  },
  {
    up: migration_20261122_181551_router_control.up,
    down: migration_20261122_181551_router_control.down,
    name: '20261122_181551_router_control',
  },
  {
    up: migration_20261122_203028_radius_hot_paths.up,
    down: migration_20261122_203028_radius_hot_paths.down,
    name: '20261122_203028_radius_hot_paths',
  },
  {
    up: migration_20261122_224531_helpdesk.up,
    down: migration_20261122_224531_helpdesk.down,
    name: '20261122_224531_helpdesk',
  },
  {
    up: migration_20261122_232944_audit_logs.up,
    down: migration_20261122_232944_audit_logs.down,
    name: '20261122_232944_audit_logs',
  },
  {
    up: migration_20261122_234459_audit_retention.up,
    down: migration_20261122_234459_audit_retention.down,
    name: '20261122_234459_audit_retention',
  },
  {
    up: migration_20261123_005315_session_logs.up,
    down: migration_20261123_005315_session_logs.down,
    name: '20261123_005315_session_logs',
  },
  {
    up: migration_20261123_033013_portal.up,
    down: migration_20261123_033013_portal.down,
    name: '20261123_033013_portal',
  },
  {
    up: migration_20261204_223155_never_started.up,
    down: migration_20261204_223155_never_started.down,
    name: '20261204_223155_never_started',
  },
  {
    up: migration_20261204_223702_customer_logins.up,
    down: migration_20261204_223702_customer_logins.down,
    name: '20261204_223702_customer_logins',
  },
  {
    up: migration_20261204_224009_organization_dates.up,
    down: migration_20261204_224009_organization_dates.down,
    name: '20261204_224009_organization_dates',
  },
  {
    up: migration_20261204_224708_hot_path_plans.up,
    down: migration_20261204_224708_hot_path_plans.down,
    name: '20261204_224708_hot_path_plans',
  },
  {
    up: migration_20261205_033000_never_started_refund.up,
    down: migration_20261205_033000_never_started_refund.down,
    name: '20261205_033000_never_started_refund',
  },
];
