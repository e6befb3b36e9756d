/**
 * The plain text of a JATS fragment (Crossref's abstracts: `<jats:p>…</jats:p>`, with
 * `<jats:title>Abstract</jats:title>` headings, italics, sub- and superscripts), read with the
 * XML parser rather than by deleting tags, so entities and nesting come out right.
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { collapseSpace } from './clean-text.ts';

/** Elements whose end is a word break (paragraphs, sections, list items). */
const BLOCKS = new Set(['p', 'sec', 'list-item', 'list', 'disp-quote', 'statement', 'br']);
/** Headings inside an abstract ("Abstract", "Background") that are not part of its text. */
const SKIPPED = new Set(['title', 'label']);

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
});

type Ordered = Record<string, unknown>[];

/** The text of `fragment`, or undefined when it is not well-formed markup. */
export function jatsText(fragment: string): string | undefined {
  const wrapped = `<root>${fragment}</root>`;
  if (XMLValidator.validate(wrapped) !== true) return undefined;
  let tree: unknown;
  try {
    tree = parser.parse(wrapped);
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  collect(tree as Ordered, parts);
  return collapseSpace(parts.join(''));
}

function collect(nodes: Ordered, parts: string[]): void {
  for (const node of nodes) {
    for (const [name, value] of Object.entries(node)) {
      if (name === '#text') parts.push(String(value));
      else if (name === ':@' || SKIPPED.has(name)) continue;
      else if (Array.isArray(value)) {
        collect(value as Ordered, parts);
        if (BLOCKS.has(name)) parts.push(' ');
      }
    }
  }
}
