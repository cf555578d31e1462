import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { NS } from './ews-soap';

export type Node = Record<string, unknown>;

/** A SOAP fault Exchange would answer with (HTTP 500). */
export class EwsFault extends Error {
  constructor(
    readonly code: string,
    readonly text: string,
    readonly values: Record<string, string> = {},
  ) {
    super(code);
  }
}

/** ExchangeVersionType in Exchange Online's types.xsd: the RequestServerVersion values it knows. */
export const EXCHANGE_VERSIONS = new Set([
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2009',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2012',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2015',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
  'V2017_10_09',
  'V2018_01_08',
]);

const options = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
} as const;
const parser = new XMLParser({ ...options, removeNSPrefix: true });
/** Keeps prefixes and xmlns attributes, to check which namespace each element is in. */
const prefixedParser = new XMLParser(options);

export function list(value: unknown): Node[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as Node[];
}

export function child(node: unknown, name: string): Node | undefined {
  return node && typeof node === 'object'
    ? (list((node as Node)[name])[0] as Node | undefined)
    : undefined;
}

export function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as Node)['#text']);
  return '';
}

export function attr(node: Node | undefined, name: string): string | undefined {
  const value = node?.[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

const schemaFault = (detail: string) =>
  new EwsFault('ErrorSchemaValidation', `The request failed schema validation: ${detail}`);

const elements = (node: Node) =>
  Object.entries(node).filter(([k]) => !k.startsWith('@_') && k !== '#text');

/** The element's namespace, from its prefix and the declarations in scope (outermost first). */
function namespaceOf(qualified: string, scopes: Node[]): string | undefined {
  const colon = qualified.indexOf(':');
  const declaration = colon < 0 ? '@_xmlns' : `@_xmlns:${qualified.slice(0, colon)}`;
  for (const scope of [...scopes].reverse()) {
    const value = scope[declaration];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

/**
 * The envelope in SOAP 1.1's namespace and the operation in EWS's messages namespace, as
 * Exchange's schema validation requires.
 */
function checkNamespaces(raw: string): void {
  const doc = prefixedParser.parse(raw) as Node;
  const [envelopeName, envelopeNode] =
    elements(doc).find(([k]) => localName(k) === 'Envelope') ?? [];
  if (!envelopeName || typeof envelopeNode !== 'object')
    throw schemaFault('The root element is not a SOAP Envelope.');
  const envelope = envelopeNode as Node;
  const envelopeNs = namespaceOf(envelopeName, [envelope]);
  if (envelopeNs !== NS.soap)
    throw schemaFault(`The element 'Envelope' in namespace '${envelopeNs ?? ''}' is not expected.`);
  const [bodyName, bodyNode] = elements(envelope).find(([k]) => localName(k) === 'Body') ?? [];
  if (!bodyName || typeof bodyNode !== 'object') return;
  const body = bodyNode as Node;
  for (const [name, node] of elements(body)) {
    const scopes = [envelope, body, ...(typeof node === 'object' && node ? [node as Node] : [])];
    const ns = namespaceOf(name, scopes);
    if (ns !== NS.m) {
      throw schemaFault(
        `The element 'Body' in namespace '${NS.soap}' has invalid child element '${localName(name)}' in namespace '${ns ?? ''}'.`,
      );
    }
  }
}

/**
 * A RequestServerVersion Exchange does not know: Exchange answers "The request is invalid."
 * (ErrorInvalidRequest, as Exchange 2019 answers `Exchange2019` in exchangelib#927 and
 * `V2018_01_08` in ews-javascript-api#441), a code clients take as "try an older version".
 */
function checkRequestServerVersion(header: Node | undefined): void {
  const version = attr(child(header, 'RequestServerVersion'), 'Version');
  if (version === undefined || EXCHANGE_VERSIONS.has(version)) return;
  throw new EwsFault('ErrorInvalidRequest', 'The request is invalid.');
}

export interface SoapRequest {
  operation: string;
  request: Node;
  header: Node | undefined;
}

/** Well-formed XML, the right namespaces, a known RequestServerVersion, one operation. */
export function parseSoapRequest(raw: string): SoapRequest {
  const valid = XMLValidator.validate(raw);
  if (valid !== true)
    throw schemaFault(`${valid.err.msg} Line ${valid.err.line}, position ${valid.err.col}.`);
  checkNamespaces(raw);
  const envelope = child(parser.parse(raw) as Node, 'Envelope');
  const header = child(envelope, 'Header');
  checkRequestServerVersion(header);
  const [operation, request] = elements(child(envelope, 'Body') ?? {})[0] ?? [];
  if (!operation || !request || typeof request !== 'object')
    throw new EwsFault('ErrorInvalidRequest', 'The request is invalid.');
  return { operation, request: request as Node, header };
}
