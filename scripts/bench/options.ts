/**
 * The command line of a benchmark: `--name value` for numbers and choices, `--name` for switches,
 * `--help` for the usage, and a clear error (exit code 2) for anything it does not know, before
 * any database is started.
 */
type Spec =
  | { kind: 'count'; default: number; min?: number; help: string }
  | { kind: 'choice'; default: string; choices: readonly string[]; help: string }
  | { kind: 'switch'; help: string }

type Value<S extends Spec> = S extends { kind: 'switch' } ? boolean : S extends { kind: 'count' } ? number : string

export type Usage = {
  /** How it is run, e.g. `npm run bench:radius -- [options]`. */
  command: string
  /** What it measures, in a few lines. */
  about: string
  examples: string[]
}

/** `--no-fsync`, which every benchmark takes: see openBenchDatabase. */
export const FSYNC_OPTION = {
  'no-fsync': {
    kind: 'switch',
    help: 'run the throw-away database without fsync (faster writes, not what a real server does; the figures say so)',
  },
} as const satisfies Record<string, Spec>

function usageText(usage: Usage, specs: Record<string, Spec>): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const left = spec.kind === 'switch' ? `--${name}` : `--${name} <${spec.kind === 'count' ? 'n' : spec.choices.join('|')}>`
    const fallback = spec.kind === 'switch' ? '' : ` (default ${spec.kind === 'count' ? spec.default.toLocaleString('en') : spec.default})`
    return [left, `${spec.help}${fallback}`]
  })
  const width = Math.max(...rows.map(([left]) => left.length), '--help'.length) + 2
  return [
    `Usage: ${usage.command}`,
    '',
    usage.about,
    '',
    'Options:',
    ...[...rows, ['--help', 'print this and exit']].map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    '',
    'Examples:',
    ...usage.examples.map((example) => `  ${example}`),
    '',
  ].join('\n')
}

function fail(message: string, usage: Usage): never {
  console.error(`${message}\nSee: ${usage.command.replace(/\[options\]/, '--help')}`)
  process.exit(2)
}

/** The options given, with defaults; prints the usage and exits for --help, or says what is wrong and exits. */
export function parseBenchOptions<Specs extends Record<string, Spec>>(
  usage: Usage,
  specs: Specs,
  argv: string[] = process.argv.slice(2),
): { [Name in keyof Specs]: Value<Specs[Name]> } {
  const values: Record<string, number | string | boolean> = {}
  for (const [name, spec] of Object.entries(specs)) values[name] = spec.kind === 'switch' ? false : spec.default
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usageText(usage, specs))
      process.exit(0)
    }
    const name = arg.startsWith('--') ? arg.slice(2) : null
    const spec = name === null ? undefined : specs[name]
    if (name === null || !spec)
      fail(
        `Unknown option ${JSON.stringify(arg)}. Known: ${Object.keys(specs)
          .map((known) => `--${known}`)
          .join(', ')}, --help.`,
        usage,
      )
    if (spec.kind === 'switch') {
      values[name] = true
      continue
    }
    const raw = argv[++index]
    if (raw === undefined || raw.startsWith('--')) fail(`--${name} needs a value.`, usage)
    if (spec.kind === 'choice') {
      if (!spec.choices.includes(raw)) fail(`--${name} is one of ${spec.choices.join(', ')}; got ${JSON.stringify(raw)}.`, usage)
      values[name] = raw
    } else {
      const number = Number(raw.replaceAll('_', ''))
      const min = spec.min ?? 0
      if (!Number.isInteger(number) || number < min)
        fail(`--${name} is a whole number of at least ${min}; got ${JSON.stringify(raw)}.`, usage)
      values[name] = number
    }
  }
  return values as { [Name in keyof Specs]: Value<Specs[Name]> }
}
