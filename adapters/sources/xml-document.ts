/**
 * The one XML parser configuration every service client uses (fast-xml-parser), and small
 * readers for the parsed tree. Namespace prefixes are dropped (`arxiv:doi` → `doi`) so that a
 * feed written with other prefixes reads the same; values stay strings (an arXiv id such as
 * `2305.11210` must not become the number 2305.1121); entity expansion is bounded by the
 * library's limits.
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { collapseSpace } from './clean-text.ts';

/** A parsed element: child elements by name, attributes as `@_name`, text as `#text`. */
export type XmlNode = { readonly [name: string]: unknown };

/** Elements that may repeat in the formats read here: always arrays, even with one child. */
const REPEATED = new Set([
  'entry',
  'author',
  'category',
  'link',
  'record',
  'item',
  'day',
  'version',
  'error',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // The callbacks read only the tag name: without this the parser builds each tag's path as
  // a string for them (a tenth of a harvest's parsing time).
  jPath: false,
  isArray: (name) => REPEATED.has(name),
});

/**
 * Parses `text` as an XML document, or returns undefined when it is not well-formed XML (the
 * caller turns that into its service's BAD_RESPONSE).
 */
export function parseXml(text: string): XmlNode | undefined {
  if (XMLValidator.validate(text) !== true) return undefined;
  try {
    const parsed: unknown = parser.parse(text);
    return isNode(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** True for a parsed element (an object, not a text value or a list). */
export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The child element `name` of `node` (the first one when it repeats). */
export function child(node: unknown, name: string): XmlNode | undefined {
  if (!isNode(node)) return undefined;
  const value = node[name];
  const first = Array.isArray(value) ? value[0] : value;
  return isNode(first) ? first : undefined;
}

/** Every child `name` of `node`, elements and text alike, as a list. */
export function children(node: unknown, name: string): unknown[] {
  if (!isNode(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of a value read from the tree: a text node, or an element's `#text`. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (isNode(value)) return textOf(value['#text']);
  return '';
}

/** The whitespace-collapsed text of `node`'s child `name` ('' when absent). */
export function childText(node: unknown, name: string): string {
  return isNode(node) ? collapseSpace(textOf(node[name])) : '';
}

/** The attribute `name` of an element ('' when absent). */
export function attribute(node: unknown, name: string): string {
  return isNode(node) ? textOf(node[`@_${name}`]) : '';
}
