import type { CollectionBeforeDeleteHook, CollectionConfig } from 'payload'

/**
 * Adds a plugin's delete guards to collections other plugins defined (a branch its routers
 * point at, a person their tickets name), after the guards already there.
 */
export function withDeleteGuards(
  collections: CollectionConfig[],
  guards: Record<string, CollectionBeforeDeleteHook>,
): CollectionConfig[] {
  return collections.map((collection) => {
    const guard = guards[collection.slug]
    if (!guard) return collection
    return { ...collection, hooks: { ...collection.hooks, beforeDelete: [...(collection.hooks?.beforeDelete ?? []), guard] } }
  })
}
