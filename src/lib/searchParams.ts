/** A query parameter as Next.js gives it to a page: absent, once, or repeated. */
export type ParamValue = string | string[] | undefined

/** A query parameter's first value (a repeated parameter counts once), or undefined when absent. */
export const firstParam = (value: ParamValue): string | undefined => (Array.isArray(value) ? value[0] : value)
