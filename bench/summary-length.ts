/**
 * How long Shammie's summaries are next to their abstracts, and how often a TL;DR leans on a
 * sentence it does not include. Reads JSON-lines collections of `{ id, title, abstract }` named
 * on the command line and prints, for each: the mean and largest share of the abstract's words
 * that the summary (TL;DR and key points) repeats, and the share of TL;DRs with an unresolved
 * reference ("this data", "our baseline", a leading "It"). Usage:
 *
 *   npm run bench:summary -- corpus/omer-levy-papers.jsonl path/to/scitldr/dev.jsonl
 */
import { readFileSync } from 'node:fs';
import { unresolvedReference } from '../src/summary/dangling-reference.ts';
import { splitSentences } from '../src/summary/sentence-split.ts';
import { summarizeAbstract } from '../src/summary/summarize.ts';
import { analyzeText, contentTerms } from '../src/summary/summary-terms.ts';

interface PaperLine {
  id?: unknown;
  arxiv?: unknown;
  title?: unknown;
  abstract?: unknown;
}

/** What one collection measured. */
interface LengthFigures {
  papers: number;
  meanRatio: number;
  maxRatio: number;
  maxId: string;
  leaning: number;
  examples: string[];
}

const wordsOf = (text: string): number => analyzeText(text).words;

/** The abstract sentence a TL;DR was taken from: the one sharing most of its words. */
function sourceIndex(tldr: string, sentences: readonly string[]): number {
  const wanted = new Set(contentTerms(tldr));
  let best = 0;
  let bestShared = -1;
  sentences.forEach((sentence, i) => {
    const shared = contentTerms(sentence).filter((t) => wanted.has(t)).length;
    if (shared > bestShared) {
      best = i;
      bestShared = shared;
    }
  });
  return best;
}

function measure(file: string): LengthFigures {
  let papers = 0;
  let sum = 0;
  let maxRatio = 0;
  let maxId = '';
  let leaning = 0;
  const examples: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const paper = JSON.parse(line) as PaperLine;
    const abstract = typeof paper.abstract === 'string' ? paper.abstract : '';
    const total = wordsOf(abstract);
    if (total === 0) continue;
    const title = typeof paper.title === 'string' ? paper.title : '';
    const summary = summarizeAbstract({ title, abstract });
    const words = wordsOf(summary.tldr) + summary.points.reduce((n, p) => n + wordsOf(p.text), 0);
    const ratio = words / total;
    papers++;
    sum += ratio;
    if (ratio > maxRatio) {
      maxRatio = ratio;
      maxId = String(paper.id ?? paper.arxiv ?? paper.title);
    }
    const sentences = splitSentences(abstract);
    const index = sourceIndex(summary.tldr, sentences);
    const earlier = new Set(sentences.slice(0, index).flatMap((s) => contentTerms(s)));
    const reference = unresolvedReference(summary.tldr, earlier);
    if (reference !== undefined) {
      leaning++;
      if (examples.length < 5)
        examples.push(
          `${String(paper.id ?? paper.arxiv ?? paper.title)}: "${reference}" in: ${summary.tldr}`,
        );
    }
  }
  return { papers, meanRatio: sum / Math.max(1, papers), maxRatio, maxId, leaning, examples };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: npm run bench:summary -- COLLECTION.jsonl [MORE.jsonl ...]\n');
  process.exit(2);
}
for (const file of files) {
  const f = measure(file);
  process.stdout.write(
    `${file}: ${f.papers} papers; summary/abstract words mean ${pct(f.meanRatio)}, ` +
      `max ${pct(f.maxRatio)} (${f.maxId}); TL;DRs with an unresolved reference ` +
      `${f.leaning} (${pct(f.leaning / Math.max(1, f.papers))})\n`,
  );
  for (const example of f.examples) process.stdout.write(`  e.g. ${example}\n`);
}
