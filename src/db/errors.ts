/** A database that could not be reached or started, with what to do about it. */
export class DatabaseStartError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message)
    this.name = 'DatabaseStartError'
  }
}

/** Turns PostgreSQL's own words into the reason and the fix a person needs. */
export function diagnoseStartFailure(log: string, { dataDir, port }: { dataDir: string; port: number }): DatabaseStartError {
  if (/No space left on device|could not extend file|disk full/i.test(log)) {
    return new DatabaseStartError(
      `The disk holding ${dataDir} is full.`,
      'Free some disk space, or set BEACON_DATA_DIR to a folder on another disk, then start again.',
    )
  }
  if (/Address already in use|could not bind|could not create any TCP\/IP sockets/i.test(log)) {
    return new DatabaseStartError(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot listen on it.`,
      'Stop the program using that port, or set BEACON_DB_PORT to a free port (leave it unset to pick one automatically).',
    )
  }
  if (/lock file .* already exists|Is another postmaster/i.test(log)) {
    return new DatabaseStartError(
      `Another PostgreSQL server is already running on ${dataDir} (is Beacon already running?).`,
      'Stop the other Beacon first, or set BEACON_DATA_DIR to a different folder.',
    )
  }
  if (/Permission denied|must be owned by|has invalid permissions|Operation not permitted/i.test(log)) {
    return new DatabaseStartError(
      `PostgreSQL is not allowed to use ${dataDir}.`,
      'Make the folder (and every folder above it) accessible to the user PostgreSQL runs as, or set BEACON_DATA_DIR to one that is. ' +
        'As root, PostgreSQL runs as the system user "postgres"; folders such as /root are closed to it.',
    )
  }
  const lastLines = log.trim().split('\n').slice(-5).join('\n')
  return new DatabaseStartError(
    'The embedded PostgreSQL server did not start.',
    `Its last words were:\n${lastLines || '(nothing)'}\nSet DATABASE_URL to use a PostgreSQL server of your own instead.`,
  )
}
