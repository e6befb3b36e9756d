import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLatex } from '../../src/corpus/latex-clean.ts';

describe('cleanLatex', () => {
  it.each([
    ['{LIMA}: {Less} {Is} {More} for {Alignment}', 'LIMA: Less Is More for Alignment'],
    [
      String.raw`\emph{really} \textit{quite} \textbf{bold} \textsc{Caps}`,
      'really quite bold Caps',
    ],
    [String.raw`{\em old} and {\bf style}`, 'old and style'],
    [
      String.raw`M{\"u}ller, J\"{o}rg, Fran{\c c}ois, Ren\'e, Erd\H{o}s`,
      'Müller, Jörg, François, René, Erdős',
    ],
    [
      String.raw`\v{C}ech, Espa\~{n}ol, na\"{\i}ve, Mar{\'\i}a, \aa{}ngstr\"om`,
      'Čech, Español, naïve, María, ångström',
    ],
    [String.raw`{\O}stergaard S{\o}ren, Stra{\ss}e, {\L}\'od\'z`, 'Østergaard Søren, Straße, Łódź'],
    ['pages 12--20 --- done', 'pages 12–20 — done'],
    ['Fig.~2 and et~al.', 'Fig. 2 and et al.'],
    ['about ~10% faster', 'about ~10% faster'],
    [String.raw`95\% of \$5 \& more \#1 snake\_case`, '95% of $5 & more #1 snake_case'],
    ["``quoted'' text", '“quoted” text'],
    ['  spaced\n\tout   text ', 'spaced out text'],
  ])('cleans %j', (input, expected) => {
    expect(cleanLatex(input)).toBe(expected);
  });

  it.each([
    ['$O(n^2)$ time', 'O(n²) time'],
    [String.raw`$\alpha \leq 0.5$ and $\beta \geq 1$`, 'α ≤ 0.5 and β ≥ 1'],
    [String.raw`a $3 \times 3$ grid`, 'a 3 × 3 grid'],
    [String.raw`$\mathrm{softmax}(x)$ over $\mathbb{R}^d$`, 'softmax(x) over ℝᵈ'],
    ['$x_{i}^{2}$ and $10^{-3}$', 'xᵢ² and 10⁻³'],
    [String.raw`$\frac{a+b}{2}$ or $\sqrt{d}$`, '(a+b)/2 or √d'],
    [String.raw`$W^\top x$, $e^{x+y}$ and $e^{\beta x}$`, 'Wᵀ x, eˣ⁺ʸ and e^(β x)'],
    [String.raw`$\mathcal{O}(n \log n)$`, 'O(n log n)'],
    [
      'obtains $k$ answers with $10$ samples and $k-10$ guesses',
      'obtains k answers with 10 samples and k-10 guesses',
    ],
    ['$$E = mc^2$$', 'E = mc²'],
    [String.raw`\(a \to b\)`, 'a → b'],
  ])('makes the math in %j readable', (input, expected) => {
    expect(cleanLatex(input)).toBe(expected);
  });

  it.each([
    'It costs $10 and $20 a month.',
    'Prices from $5-$10.',
    'A lone $ sign.',
    'C++ and e-mail and x^2 and snake_case',
    "The model's answers",
  ])('leaves ordinary prose like %j alone', (input) => {
    expect(cleanLatex(input)).toBe(input);
  });

  it('keeps web addresses verbatim, tildes and dashes included', () => {
    expect(cleanLatex('Code: https://example.org/~user/a--b and \\url{http://x.org/~y}')).toBe(
      'Code: https://example.org/~user/a--b and http://x.org/~y',
    );
    expect(cleanLatex(String.raw`\href{https://x.org}{our site}`)).toBe('our site');
  });

  it('drops citations and references together with the space before them', () => {
    expect(cleanLatex(String.raw`as shown before \cite{smith2020}. See Section~\ref{sec:x}.`)).toBe(
      'as shown before. See Section.',
    );
  });

  it('keeps the argument of an unknown command and drops a bare unknown command', () => {
    expect(cleanLatex(String.raw`\mycommand{kept} and \relax\foo gone`)).toBe('kept and gone');
  });

  it('survives unbalanced braces, unclosed math and a trailing backslash', () => {
    expect(cleanLatex('unclosed {brace and \\emph{also $x^ and \\')).toBe(
      'unclosed brace and also $x^ and',
    );
    expect(cleanLatex('}}} stray {{')).toBe('stray');
  });

  it('survives long hostile runs of markup (a line of up to a megabyte is read)', () => {
    const runs = [
      "\\'",
      '\\"{',
      '{\\"',
      '\\sqrt[',
      '~',
      'a~',
      ' \\cite{x}',
      '$a ',
      '$$',
      '\\frac',
      '\\emph{',
      '^',
      '``',
      '\\\\',
    ];
    for (const run of runs) {
      const output = cleanLatex(run.repeat(200_000 / run.length));
      expect(typeof output).toBe('string');
      expect(output).not.toMatch(/\s\s/);
    }
  });

  it('survives very deep nesting without exhausting the stack', () => {
    const deep = `${'\\emph{'.repeat(5000)}core${'}'.repeat(5000)}`;
    expect(cleanLatex(deep)).toContain('core');
  });

  it('never throws and always returns single-spaced, trimmed text', () => {
    const latexish = fc.string({
      unit: fc.constantFrom(
        '\\',
        '{',
        '}',
        '$',
        '^',
        '_',
        '~',
        '-',
        '`',
        "'",
        'a',
        ' ',
        '\n',
        'emph',
        'frac',
        '"',
        'i',
        'c',
        'http://',
        '1',
      ),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(latexish, fc.string()), (input) => {
        const output = cleanLatex(input);
        expect(output).toBe(output.trim());
        expect(output).not.toMatch(/\s\s/);
      }),
      { numRuns: 2000 },
    );
  });

  it('collapses every kind of Unicode space as \\s does, and leaves look-alikes alone', () => {
    const unit = fc.constantFrom(
      ...['a', 'é', 'ł', '中', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000'],
      ...['\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'],
      // Not white space to JavaScript: kept as they are.
      ...['\u0085', '\u200b', '\u180e'],
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (input) => {
        expect(cleanLatex(input)).toBe(input.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing but spacing in text without markup characters', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[\\${}~`]|--|''/.test(s)),
        (input) => {
          expect(cleanLatex(input)).toBe(input.replace(/\s+/g, ' ').trim());
        },
      ),
    );
  });
});
