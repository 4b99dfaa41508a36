export { type RadiusConfig, RadiusConfigError, radiusConfigFromEnv } from './config'
export { type RadiusService, startRadiusService } from './service'
