/**
 * Plain text in and out of Lexical's stored JSON (the editor of `richText` fields), for text
 * that arrives without an editor (the seed, the captive portal's form) and for exports.
 */
type LexicalNode = { type?: string; text?: string; children?: LexicalNode[] }

export type RichText = {
  root: {
    type: 'root'
    children: { type: string; version: number; [key: string]: unknown }[]
    direction: 'ltr' | 'rtl' | null
    format: '' | 'left' | 'start' | 'center' | 'right' | 'end' | 'justify'
    indent: number
    version: number
  }
  [key: string]: unknown
}

/** One paragraph per line of `text`. */
export function richTextFromPlain(text: string): RichText {
  const paragraph = (line: string) => ({
    type: 'paragraph',
    version: 1,
    direction: 'ltr' as const,
    format: '',
    indent: 0,
    textFormat: 0,
    children: line ? [{ type: 'text', version: 1, text: line, format: 0, style: '', mode: 'normal', detail: 0 }] : [],
  })
  return {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: text.split(/\r?\n/).map(paragraph),
    },
  }
}

/** The text of a Lexical document, blocks separated by new lines. */
export function plainFromRichText(value: unknown): string {
  const root = (value as { root?: LexicalNode } | null | undefined)?.root
  if (!root) return ''
  const textOf = (node: LexicalNode): string =>
    node.type === 'linebreak' ? '\n' : (node.text ?? '') + (node.children ?? []).map(textOf).join('')
  return (root.children ?? []).map(textOf).join('\n')
}
