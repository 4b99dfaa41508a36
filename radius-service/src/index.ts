export { type RadiusConfig, RadiusConfigError, radiusConfigFromEnv } from './config'
