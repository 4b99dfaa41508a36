import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` type-checks the whole project (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Server code keeps its names: stack traces in the logs name functions, and Payload picks log
  // levels by error class name (`loggingLevels`), which minifying turns into `i` and `j`.
  experimental: { serverMinification: false },
  // The site's front door is the admin panel (the dashboard is at /dashboard; the portal is per branch).
  async redirects() {
    return [{ source: '/', destination: '/admin', permanent: false }]
  },
  webpack: (webpackConfig) => {
    // Source files import each other by their `.js` names (ESM); let webpack find the `.ts`.
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
