/**
 * The OAI-PMH fake of `npm run bench:import`, run as its own process so that serving costs the
 * measured process nothing: `ListRecords` over RECORDS generated arXiv records (the `arXiv`
 * metadata format arXiv documents and the client parses), PAGE a page, with resumption tokens
 * and `completeListSize`, as arXiv's endpoint answers. A thousand record texts are made once and
 * given each record's own id when a page is asked for, so serving a page costs a few
 * milliseconds and the harvest, not the fake, is what is timed. Says `{ port }` to its parent
 * once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-order.ts';

const records = Number(process.env.RECORDS ?? 100_000);
const pageSize = Number(process.env.PAGE ?? 1_000);

const WORDS = (
  'language model parsing lattice attention transformer corpus annotation alignment retrieval ' +
  'embedding token grammar dependency semantic syntactic translation dialogue summarization ' +
  'question answering benchmark evaluation pretraining finetuning instruction reasoning neural ' +
  'representation sparse dense multilingual morphology speech discourse entity relation graph'
).split(' ');
const NAMES = 'Ada Bertrand Chen Dana Emil Farah Goran Hana Ines Jun Kofi Lena Mateo Nadia'.split(
  ' ',
);
const SURNAMES = 'Quill Okafor Wei Ruiz Sato Haddad Petrov Novak Silva Tanaka Mensah Berg'.split(
  ' ',
);

/** The n-th record's arXiv id: 50,000 a month from January 2024. */
function arxivId(n: number): string {
  const month = Math.floor(n / 50_000);
  const yymm = 2401 + Math.floor(month / 12) * 100 + (month % 12);
  return `${yymm}.${String(n % 50_000).padStart(5, '0')}`;
}

function words(random: () => number, count: number): string {
  return Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

/** Record texts in rotation; each differs in its authors, title and abstract. */
const VARIANTS = 1_000;
const ID = '@@ID@@';

/** A `<record>` with {@link ID} for its id: ~9 title words, ~180 abstract words, 3–5 authors. */
function recordText(variant: number): string {
  const random = seededRandom(`import-bench:${variant}`);
  const authors = Array.from(
    { length: 3 + Math.floor(random() * 3) },
    () =>
      `<author><keyname>${SURNAMES[Math.floor(random() * SURNAMES.length)]}</keyname><forenames>${NAMES[Math.floor(random() * NAMES.length)]}</forenames></author>`,
  ).join('');
  return `<record><header><identifier>oai:arXiv.org:${ID}</identifier><datestamp>2024-02-01</datestamp><setSpec>cs</setSpec></header><metadata>
<arXiv xmlns="http://arxiv.org/OAI/arXiv/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://arxiv.org/OAI/arXiv/ http://arxiv.org/OAI/arXiv.xsd">
<id>${ID}</id><created>2024-01-15</created><updated>2024-02-01</updated>
<authors>${authors}</authors>
<title>${words(random, 9)}</title>
<categories>cs.CL cs.LG</categories>
<comments>12 pages, 3 figures</comments>
<license>http://creativecommons.org/licenses/by/4.0/</license>
<abstract>  We study ${words(random, 80)} &amp; ${words(random, 100)}.
</abstract>
</arXiv>
</metadata></record>`;
}

const TEXTS = Array.from({ length: VARIANTS }, (_, variant) => recordText(variant).split(ID));

function record(n: number): string {
  return (TEXTS[n % VARIANTS] as string[]).join(arxivId(n));
}

function page(offset: number): string {
  const last = Math.min(offset + pageSize, records);
  const body: string[] = [];
  for (let n = offset; n < last; n++) body.push(record(n));
  const token = last < records ? String(last) : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
<responseDate>2024-02-02T12:00:00Z</responseDate>
<request verb="ListRecords">http://oaipmh.arxiv.org/oai</request>
<ListRecords>
${body.join('\n')}
<resumptionToken cursor="${offset}" completeListSize="${records}">${token}</resumptionToken>
</ListRecords>
</OAI-PMH>
`;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const token = url.searchParams.get('resumptionToken');
  const offset = token === null ? 0 : Number(token);
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  res.end(page(offset));
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
