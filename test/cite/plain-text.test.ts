import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeBibtex, escapeBibtexTitle } from '../../src/cite/bibtex-escape.ts';
import { plainText } from '../../src/cite/plain-text.ts';
import { braceDepthOk } from './tex-braces.ts';

describe('plainText', () => {
  it('leaves text without LaTeX alone apart from whitespace', () => {
    expect(plainText('  LIMA:  Less Is More\nfor Alignment ')).toBe(
      'LIMA: Less Is More for Alignment',
    );
    expect(plainText("Don't Stop Pretraining")).toBe("Don't Stop Pretraining");
  });

  it('drops formatting commands and protective braces but keeps their text', () => {
    expect(plainText('\\emph{LIMA}: Less is {M}ore, {\\em really} \\textbf{more}')).toBe(
      'LIMA: Less is More, really more',
    );
  });

  it('turns accent commands into accented letters, nested ones included', () => {
    expect(plainText("Caf\\'{e} na\\\"ive \\v{S}koda {\\'\\i} {\\~{\\^e}}")).toBe(
      'Café naïve Škoda í ễ',
    );
    expect(plainText("Stra{\\ss}e Bj{\\o}rn {\\L}{\\'o}d{\\'z}")).toBe('Straße Bjørn Łódź');
  });

  it('unwraps inline math and Greek letters, but not lone dollar amounts', () => {
    expect(plainText('$O(n^2)$ scaling with $\\alpha$-entmax')).toBe(
      'O(n^2) scaling with α-entmax',
    );
    expect(plainText('From $5 to $10 {per} hour')).toBe('From $5 to $10 per hour');
  });

  it('unescapes LaTeX specials and keeps escaped braces as braces', () => {
    expect(plainText('100\\% \\& \\$5 \\{x\\} a\\_b \\#1')).toBe('100% & $5 {x} a_b #1');
  });

  it('turns LaTeX quotes and dashes into typographic ones', () => {
    expect(plainText("``Quoted'' -- and --- {dash}")).toBe('“Quoted” – and — dash');
  });
});

// Characters a title may hold that the BibTeX writer escapes and the reader must restore.
const TITLE_CHARS = [
  ...'abcXYZ019 .,:;!?()/+=@*',
  ...'&%$#_{}~^\\<>',
  ...'éèêëñçšžłøåæßıÅÉễ',
  ...'αβ×東',
];

describe('BibTeX escaping', () => {
  it('escapes every LaTeX special character', () => {
    expect(escapeBibtex('& % $ # _ { } ~ ^ \\')).toBe(
      '\\& \\% \\$ \\# \\_ \\{ \\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
  });

  it('writes accented letters as accent commands', () => {
    expect(escapeBibtex('Café Łódź naïve í š ệ')).toBe(
      "Caf{\\'e} {\\L}{\\'o}d{\\'z} na{\\\"\\i}ve {\\'\\i} {\\v{s}} {\\^{\\d{e}}}",
    );
  });

  it('turns straight and curly quotes into LaTeX quotes', () => {
    expect(escapeBibtex('A "quoted" word and “curly” ones')).toBe(
      "A ``quoted'' word and ``curly'' ones",
    );
  });

  it('protects acronyms and mixed case in titles, not ordinary capitals', () => {
    expect(escapeBibtexTitle('ZeroSCROLLS: GPT-4 and t-SNE in 3D with Multi-Modal Models')).toBe(
      '{ZeroSCROLLS}: {GPT-4} and {t-SNE} in {3D} with Multi-Modal Models',
    );
    expect(escapeBibtexTitle('Pick-a-Pic: An Open Dataset for Text-to-Image Generation')).toBe(
      '{Pick-a-Pic}: An Open Dataset for {Text-to-Image} Generation',
    );
  });

  it('protects every capitalised word after the first in a title written in sentence case', () => {
    expect(escapeBibtexTitle('Scaling laws for Transformers trained in Tel Aviv')).toBe(
      'Scaling laws for {Transformers} trained in {Tel} {Aviv}',
    );
    expect(escapeBibtexTitle('Self-Alignment with Instruction Backtranslation')).toBe(
      'Self-Alignment with Instruction Backtranslation',
    );
  });

  it('round-trips: reading an escaped title back gives the same text', () => {
    const title = fc
      .array(fc.constantFrom(...TITLE_CHARS), { maxLength: 40 })
      .map((chars) => chars.join('').replace(/\s+/g, ' ').trim());
    fc.assert(
      fc.property(title, (text) => {
        expect(plainText(escapeBibtexTitle(text))).toBe(text.normalize('NFC'));
      }),
    );
  });

  it('always yields balanced braces, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(braceDepthOk(escapeBibtexTitle(text))).toBe(true);
      }),
    );
  });
});
