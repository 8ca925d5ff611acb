import { describe, expect, it } from 'vitest';
import { type Block, type Inline, parseInline, parseMarkdown } from '../../main/ts/markdown/parse';

const text = (value: string): Inline => ({ kind: 'text', text: value });

/** The text a reader sees of some inline content, markers of emphasis left out. */
function plain(nodes: Inline[]): string {
  return nodes.map((node) => {
    switch (node.kind) {
      case 'text':
      case 'code':
        return node.text;
      case 'break':
        return '\n';
      default:
        return plain(node.children);
    }
  }).join('');
}

describe('Markdown blocks', () => {
  it('reads headings, paragraphs, rules, quotes and code', () => {
    const blocks = parseMarkdown([
      '# Reading list',
      '',
      'Books I want',
      'to read.',
      '',
      '---',
      '> quoted **words**',
      '> more',
      '',
      '```ts',
      'const a = "<b>";',
      '```',
      '',
      '    indented code',
      '',
      'Setext title',
      '============',
    ].join('\n'));

    expect(blocks.map((block) => block.kind)).toEqual(['heading', 'paragraph', 'rule', 'quote', 'code', 'code', 'heading']);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, content: [text('Reading list')] });
    expect(blocks[1]).toEqual({ kind: 'paragraph', content: [text('Books I want'), { kind: 'break' }, text('to read.')] });
    expect(blocks[3]).toEqual({ kind: 'quote', blocks: [{ kind: 'paragraph', content: [text('quoted '),
      { kind: 'strong', children: [text('words')] }, { kind: 'break' }, text('more')] }] });
    expect(blocks[4]).toEqual({ kind: 'code', language: 'ts', text: 'const a = "<b>";' });
    expect(blocks[5]).toEqual({ kind: 'code', language: '', text: 'indented code' });
    expect(blocks[6]).toEqual({ kind: 'heading', level: 1, content: [text('Setext title')] });
  });

  it('reads bullet and numbered lists, nested and loose', () => {
    const blocks = parseMarkdown([
      '- one',
      '- two',
      '  - two a',
      '  - two b',
      '',
      '- three',
      '',
      '3. third',
      '4. fourth',
    ].join('\n'));

    expect(blocks).toHaveLength(2);
    const bullets = blocks[0] as Extract<Block, { kind: 'list' }>;
    expect(bullets.ordered).toBe(false);
    expect(bullets.items).toHaveLength(3);
    expect(bullets.items[1][1]).toMatchObject({ kind: 'list', items: [[{ content: [text('two a')] }], [{ content: [text('two b')] }]] });
    expect(blocks[1]).toMatchObject({ kind: 'list', ordered: true, start: 3, items: [[{ content: [text('third')] }],
      [{ content: [text('fourth')] }]] });
  });

  it('keeps a year at the start of a paragraph line as text, and #hashtags as text', () => {
    const blocks = parseMarkdown('It happened in\n2024. Then more.\n#hashtag');
    expect(blocks).toHaveLength(1);
    expect(plain((blocks[0] as Extract<Block, { kind: 'paragraph' }>).content)).toBe('It happened in\n2024. Then more.\n#hashtag');
  });

  it('stops nesting quotes at a bounded depth', () => {
    const blocks = parseMarkdown(`${'>'.repeat(5000)} deep`);
    let depth = 0;
    let block: Block = blocks[0];
    while (block.kind === 'quote') {
      depth++;
      block = block.blocks[0];
    }
    expect(depth).toBeLessThanOrEqual(16);
    expect(block.kind).toBe('paragraph');
  });
});

describe('Markdown inline', () => {
  it('reads emphasis, strong, strikethrough and code spans', () => {
    expect(parseInline('*a* **b** _c_ __d__ ~~e~~ `f *g*`')).toEqual([
      { kind: 'emphasis', children: [text('a')] }, text(' '),
      { kind: 'strong', children: [text('b')] }, text(' '),
      { kind: 'emphasis', children: [text('c')] }, text(' '),
      { kind: 'strong', children: [text('d')] }, text(' '),
      { kind: 'strike', children: [text('e')] }, text(' '),
      { kind: 'code', text: 'f *g*' },
    ]);
    expect(parseInline('***both***')).toEqual([{ kind: 'emphasis', children: [{ kind: 'strong', children: [text('both')] }] }]);
  });

  it('leaves snake_case, lone stars and escaped markers as text', () => {
    expect(parseInline('snake_case_name')).toEqual([text('snake_case_name')]);
    expect(parseInline('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
    expect(parseInline('\\*not emphasis\\*')).toEqual([text('*not emphasis*')]);
    expect(parseInline('**unclosed')).toEqual([text('**unclosed')]);
  });

  it('links clean http(s) addresses only, keeping the text of any other', () => {
    expect(parseInline('[docs](https://example.com/a_(b) "Title")')).toEqual([
      { kind: 'link', href: 'https://example.com/a_(b)', children: [text('docs')] }]);
    expect(parseInline('[**bold** link](<https://example.com/x>)')).toEqual([{ kind: 'link', href: 'https://example.com/x',
      children: [{ kind: 'strong', children: [text('bold')] }, text(' link')] }]);
    expect(parseInline('[spaced](<https://example.com/x y>)')).toEqual([text('spaced')]);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([text('click')]);
    expect(parseInline('[x](data:text/html,<script>alert(1)</script>)')).toEqual([text('x')]);
    expect(parseInline('[nested [link](https://a.example/)](https://b.example/)')).toEqual([text('[nested '),
      { kind: 'link', href: 'https://a.example/', children: [text('link')] }, text(']('),
      { kind: 'link', href: 'https://b.example/', children: [text('https://b.example/')] }, text(')')]);
  });

  it('links bare and angle-bracketed addresses without the sentence’s punctuation', () => {
    expect(parseInline('See https://example.com/path, then <https://example.org/>.')).toEqual([text('See '),
      { kind: 'link', href: 'https://example.com/path', children: [text('https://example.com/path')] }, text(', then '),
      { kind: 'link', href: 'https://example.org/', children: [text('https://example.org/')] }, text('.')]);
    expect(parseInline('(see https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([text('(see '),
      { kind: 'link', href: 'https://en.wikipedia.org/wiki/Foo_(bar)', children: [text('https://en.wikipedia.org/wiki/Foo_(bar)')] },
      text(')')]);
  });

  it('keeps markup as the text it is', () => {
    const nodes = parseInline('<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:x">a</a>');
    expect(nodes).toEqual([text('<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:x">a</a>')]);
  });

  it('stays linear and bounded on hostile input', () => {
    const started = performance.now();
    const stars = parseInline('*a '.repeat(20_000));
    const nested = parseInline(`${'*_'.repeat(10_000)}x${'_*'.repeat(10_000)}`);
    const brackets = parseInline('['.repeat(30_000) + ']('.repeat(10_000));
    const ticks = parseInline(Array.from({ length: 300 }, (_, n) => '`'.repeat(n + 1)).join(' x '));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(plain(stars)).toBe('*a '.repeat(20_000));
    expect(plain(brackets)).toBe('['.repeat(30_000) + ']('.repeat(10_000));
    expect(plain(ticks)).toContain('x');
    let depth = 0;
    let node: Inline | undefined = nested.find((child) => child.kind !== 'text');
    while (node && node.kind !== 'text' && node.kind !== 'code' && node.kind !== 'break') {
      depth++;
      node = node.children.find((child) => child.kind !== 'text') ?? node.children[0];
    }
    expect(depth).toBeLessThanOrEqual(32);
  });
});
