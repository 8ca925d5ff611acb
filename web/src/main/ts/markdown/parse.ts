import { safeUrl } from '../views/dom';

/**
 * The Markdown of notes, read into a tree the page builds from text nodes: headings, paragraphs, emphasis, strong,
 * strikethrough, code spans and fenced or indented code, block quotes, bullet and numbered lists, rules, links and
 * bare http(s) addresses. Raw HTML is not Markdown here: `<script>` stays the text it is. A link whose address is
 * not a clean http(s) URL (`javascript:`, `data:`) keeps its text and loses its address. A line break in a
 * paragraph is kept, as people writing notes expect. Nesting is bounded, so no input can exhaust the stack, and every
 * pass is linear in the text, so no input can stall the page.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'break' }
  | { kind: 'emphasis' | 'strong' | 'strike'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'rule' };

/** Quotes and lists nested deeper than this are read as text. */
const MAX_BLOCK_DEPTH = 16;
/** Emphasis nested deeper than this keeps its markers as text. */
const MAX_INLINE_DEPTH = 32;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n').map(expandTabs);
  return parseBlocks(lines, 0);
}

/** Leading tabs as four columns each, so indentation can be counted in spaces. */
function expandTabs(line: string): string {
  const leading = /^[ \t]*/.exec(line)![0];
  if (!leading.includes('\t')) {
    return line;
  }
  let columns = 0;
  for (const character of leading) {
    columns = character === '\t' ? columns + 4 - (columns % 4) : columns + 1;
  }
  return ' '.repeat(columns) + line.slice(leading.length);
}

const BLANK = /^\s*$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( {0,3})([-*+]|(\d{1,9})([.)]))(?:([ \t]+)(.*))?$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

interface ListMarker {
  indent: number;
  /** The bullet character, or the delimiter after the number. */
  type: string;
  ordered: boolean;
  start: number;
  /** Where the item's content starts: later lines indented this far belong to the item. */
  contentIndent: number;
  first: string;
}

function listMarker(line: string): ListMarker | null {
  const match = LIST_ITEM.exec(line);
  if (!match) {
    return null;
  }
  const [, indent, marker, number, delimiter, spaces, rest] = match;
  if (spaces === undefined && line.length > indent.length + marker.length) {
    return null;
  }
  // Five or more spaces after the marker start an indented code block inside the item: the content starts after one.
  const gap = spaces === undefined || spaces.length > 4 || spaces.includes('\t') || rest === '' ? 1 : spaces.length;
  return {
    indent: indent.length,
    type: delimiter ?? marker,
    ordered: number !== undefined,
    start: number === undefined ? 1 : Number(number),
    contentIndent: indent.length + marker.length + gap,
    first: spaces !== undefined && spaces.length > 4 ? spaces.slice(1) + rest : rest ?? '',
  };
}

/** Whether the line starts a block that ends a paragraph above it. */
function interruptsParagraph(line: string): boolean {
  if (FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line)) {
    return true;
  }
  const marker = listMarker(line);
  return marker !== null && marker.first.trim() !== '' && (!marker.ordered || marker.start === 1);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (BLANK.test(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && !(fence[2][0] === '`' && fence[3].includes('`'))) {
      const [, indent, marker, info] = fence;
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      const text: string[] = [];
      i++;
      while (i < lines.length && !closing.test(lines[i])) {
        text.push(lines[i].slice(Math.min(indent.length, indentOf(lines[i]))));
        i++;
      }
      i++;
      blocks.push({ kind: 'code', language: info.trim().split(/\s+/)[0] ?? '', text: text.join('\n') });
      continue;
    }
    if (indentOf(line) >= 4) {
      const text: string[] = [];
      while (i < lines.length && (indentOf(lines[i]) >= 4 || BLANK.test(lines[i]))) {
        text.push(lines[i].slice(4));
        i++;
      }
      while (text.length > 0 && BLANK.test(text[text.length - 1])) {
        text.pop();
      }
      blocks.push({ kind: 'code', language: '', text: text.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length, content: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_BLOCK_DEPTH) {
      const quoted: string[] = [];
      let match: RegExpExecArray | null;
      while (i < lines.length && (match = QUOTE.exec(lines[i]))) {
        quoted.push(match[1]);
        i++;
      }
      blocks.push({ kind: 'quote', blocks: parseBlocks(quoted, depth + 1) });
      continue;
    }
    const marker = listMarker(line);
    if (marker && depth < MAX_BLOCK_DEPTH) {
      i = parseList(lines, i, marker, depth, blocks);
      continue;
    }
    i = parseParagraph(lines, i, blocks);
  }
  return blocks;
}

function parseParagraph(lines: string[], from: number, blocks: Block[]): number {
  const text: string[] = [lines[from].trim()];
  let i = from + 1;
  while (i < lines.length && !BLANK.test(lines[i])) {
    const setext = SETEXT.exec(lines[i]);
    if (setext) {
      blocks.push({ kind: 'heading', level: setext[1][0] === '=' ? 1 : 2, content: parseInline(text.join('\n')) });
      return i + 1;
    }
    if (interruptsParagraph(lines[i])) {
      break;
    }
    text.push(lines[i].trim());
    i++;
  }
  blocks.push({ kind: 'paragraph', content: parseInline(text.join('\n')) });
  return i;
}

function parseList(lines: string[], from: number, first: ListMarker, depth: number, blocks: Block[]): number {
  const items: Block[][] = [];
  let marker: ListMarker | null = first;
  let i = from;
  while (marker) {
    const content = [marker.first];
    i++;
    while (i < lines.length) {
      const line = lines[i];
      if (BLANK.test(line)) {
        let next = i;
        while (next < lines.length && BLANK.test(lines[next])) {
          next++;
        }
        if (next < lines.length && indentOf(lines[next]) >= marker.contentIndent) {
          for (; i < next; i++) {
            content.push('');
          }
          continue;
        }
        break;
      }
      if (indentOf(line) >= marker.contentIndent) {
        content.push(line.slice(marker.contentIndent));
      } else if (!listMarker(line) && !interruptsParagraph(line) && !BLANK.test(content[content.length - 1])) {
        // A lazy continuation line of the item's paragraph.
        content.push(line.trim());
      } else {
        break;
      }
      i++;
    }
    items.push(parseBlocks(content, depth + 1));
    let next = i;
    while (next < lines.length && BLANK.test(lines[next])) {
      next++;
    }
    const following = next < lines.length ? listMarker(lines[next]) : null;
    marker = following && following.type === first.type && following.indent < first.contentIndent ? following : null;
    if (marker) {
      i = next;
    }
  }
  blocks.push({ kind: 'list', ordered: first.ordered, start: first.start, items });
  return i;
}

// ---- inline ----

type EmphasisKind = 'emphasis' | 'strong' | 'strike';

interface Delimiter {
  type: 'delimiter';
  character: string;
  /** Characters not (yet) used by a pair. */
  count: number;
  canOpen: boolean;
  canClose: boolean;
  /** Pairs this run closes, innermost first. */
  closes: EmphasisKind[];
  /** Pairs this run opens, innermost first. */
  opens: EmphasisKind[];
}

type Token = { type: 'node'; node: Inline } | { type: 'bracket' } | Delimiter;

const PUNCTUATION = /[!-/:-@[-`{-~\p{P}\p{S}]/u;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const SPECIAL = /[\\`*_~[\]<\nh]/g;

function isWhitespace(character: string | undefined): boolean {
  return character === undefined || /\s/.test(character);
}

function isPunctuation(character: string | undefined): boolean {
  return character !== undefined && PUNCTUATION.test(character);
}

export function parseInline(source: string): Inline[] {
  const tokens: Token[] = [];
  /** Indices in `tokens` of the `[` that may still open a link. */
  const brackets: number[] = [];
  /** Lengths of backtick runs known to have no closing run after the current position. */
  const unclosedTicks = new Set<number>();
  const text = (value: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.type === 'node' && last.node.kind === 'text') {
      last.node.text += value;
    } else {
      tokens.push({ type: 'node', node: { kind: 'text', text: value } });
    }
  };
  let i = 0;
  while (i < source.length) {
    SPECIAL.lastIndex = i;
    const found = SPECIAL.exec(source);
    const at = found ? found.index : source.length;
    if (at > i) {
      text(source.slice(i, at));
      i = at;
      continue;
    }
    const character = source[i];
    switch (character) {
      case '\\': {
        const next = source[i + 1];
        if (next === '\n') {
          tokens.push({ type: 'node', node: { kind: 'break' } });
          i += 2;
        } else if (next !== undefined && ESCAPABLE.test(next)) {
          text(next);
          i += 2;
        } else {
          text('\\');
          i++;
        }
        break;
      }
      case '`': {
        let run = 1;
        while (source[i + run] === '`') {
          run++;
        }
        const close = unclosedTicks.has(run) ? -1 : closingTicks(source, i + run, run);
        if (close < 0) {
          unclosedTicks.add(run);
          text('`'.repeat(run));
          i += run;
        } else {
          let code = source.slice(i + run, close).replace(/\n/g, ' ');
          if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') {
            code = code.slice(1, -1);
          }
          tokens.push({ type: 'node', node: { kind: 'code', text: code } });
          i = close + run;
        }
        break;
      }
      case '*':
      case '_':
      case '~': {
        let run = 1;
        while (source[i + run] === character) {
          run++;
        }
        const before = source[i - 1];
        const after = source[i + run];
        const leftFlanking = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
        const rightFlanking = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
        if (character === '~' && run !== 2) {
          text('~'.repeat(run));
        } else {
          // An underscore inside a word (snake_case) is not emphasis.
          const canOpen = character === '_' ? leftFlanking && (!rightFlanking || isPunctuation(before)) : leftFlanking;
          const canClose = character === '_' ? rightFlanking && (!leftFlanking || isPunctuation(after)) : rightFlanking;
          tokens.push({ type: 'delimiter', character, count: run, canOpen, canClose, closes: [], opens: [] });
        }
        i += run;
        break;
      }
      case '[':
        brackets.push(tokens.length);
        tokens.push({ type: 'bracket' });
        i++;
        break;
      case ']': {
        const opener = brackets.pop();
        const link = opener === undefined ? null : linkTail(source, i + 1);
        if (opener === undefined || !link) {
          if (opener !== undefined) {
            tokens[opener] = { type: 'node', node: { kind: 'text', text: '[' } };
          }
          text(']');
          i++;
          break;
        }
        const children = resolveEmphasis(tokens.splice(opener + 1));
        tokens.pop();
        const href = safeUrl(link.destination);
        if (href) {
          tokens.push({ type: 'node', node: { kind: 'link', href, children } });
        } else {
          children.forEach((node) => tokens.push({ type: 'node', node }));
        }
        // No link inside a link: the brackets still open become text.
        for (const index of brackets.splice(0)) {
          tokens[index] = { type: 'node', node: { kind: 'text', text: '[' } };
        }
        i = link.end;
        break;
      }
      case '<': {
        const autolink = source.startsWith('<http', i) ? /^<(https?:\/\/[^\s<>]+)>/.exec(source.slice(i, i + 2050))
          : null;
        const href = autolink ? safeUrl(autolink[1]) : null;
        if (autolink && href) {
          tokens.push({ type: 'node', node: { kind: 'link', href, children: [{ kind: 'text', text: autolink[1] }] } });
          i += autolink[0].length;
        } else {
          text('<');
          i++;
        }
        break;
      }
      case '\n': {
        const last = tokens[tokens.length - 1];
        if (last?.type === 'node' && last.node.kind === 'text') {
          last.node.text = last.node.text.replace(/ +$/, '');
        }
        tokens.push({ type: 'node', node: { kind: 'break' } });
        i++;
        break;
      }
      default: {
        const bare = !source.startsWith('http', i) || /[A-Za-z0-9]/.test(source[i - 1] ?? '') ? null
          : /^https?:\/\/[^\s<]+/.exec(source.slice(i, i + 2048));
        const address = bare ? trimAddress(bare[0]) : '';
        const href = address ? safeUrl(address) : null;
        if (href) {
          tokens.push({ type: 'node', node: { kind: 'link', href, children: [{ kind: 'text', text: address }] } });
          i += address.length;
        } else {
          text(character);
          i++;
        }
      }
    }
  }
  for (const index of brackets) {
    tokens[index] = { type: 'node', node: { kind: 'text', text: '[' } };
  }
  return resolveEmphasis(tokens);
}

/** Where the closing run of exactly `run` backticks starts, or -1. */
function closingTicks(source: string, from: number, run: number): number {
  const ticks = '`'.repeat(run);
  let at = source.indexOf(ticks, from);
  while (at >= 0) {
    let end = at + run;
    if (source[end] !== '`') {
      return at;
    }
    while (source[end] === '`') {
      end++;
    }
    at = source.indexOf(ticks, end);
  }
  return -1;
}

/** A bare address without the punctuation that ends the sentence around it. */
function trimAddress(address: string): string {
  let end = address.length;
  for (;;) {
    const last = address[end - 1];
    if (/[.,:;!?'"*_~]/.test(last)) {
      end--;
    } else if (last === ')' && count(address.slice(0, end), '(') < count(address.slice(0, end), ')')) {
      end--;
    } else {
      return address.slice(0, end);
    }
  }
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** The longest `(destination "title")` read: longer addresses are no links, and no `]` makes the page scan far. */
const MAX_LINK_TAIL = 4096;

/** `(destination "title")` right after a link's `]`: the destination and where the link ends. */
function linkTail(whole: string, from: number): { destination: string; end: number } | null {
  if (whole[from] !== '(') {
    return null;
  }
  const source = whole.slice(from, from + MAX_LINK_TAIL);
  let i = 1;
  const skipSpaces = (): void => {
    while (source[i] === ' ' || source[i] === '\n') {
      i++;
    }
  };
  skipSpaces();
  let destination = '';
  if (source[i] === '<') {
    const close = source.indexOf('>', i);
    const inside = close < 0 ? '' : source.slice(i + 1, close);
    if (close < 0 || /[\n<]/.test(inside)) {
      return null;
    }
    destination = inside;
    i = close + 1;
  } else {
    let depth = 0;
    const start = i;
    while (i < source.length && !/\s/.test(source[i])) {
      if (source[i] === '\\' && i + 1 < source.length) {
        i += 2;
        continue;
      }
      if (source[i] === '(') {
        // CommonMark's limit on parentheses nested in a destination; it also keeps each attempt short.
        if (++depth > 32) {
          return null;
        }
      } else if (source[i] === ')') {
        if (depth === 0) {
          break;
        }
        depth--;
      }
      i++;
    }
    destination = source.slice(start, i).replace(/\\([!-/:-@[-`{-~])/g, '$1');
  }
  skipSpaces();
  const quote = source[i];
  if (quote === '"' || quote === "'" || quote === '(') {
    const close = source.indexOf(quote === '(' ? ')' : quote, i + 1);
    if (close < 0) {
      return null;
    }
    i = close + 1;
    skipSpaces();
  }
  return source[i] === ')' ? { destination, end: from + i + 1 } : null;
}

/**
 * Pairs the delimiter runs as emphasis (a stack of openers per character, each closer taking the nearest opener of
 * its character and dropping the other openers inside the pair), then builds the tree in one pass.
 */
function resolveEmphasis(tokens: Token[]): Inline[] {
  const openers: Record<string, { index: number; delimiter: Delimiter }[]> = { '*': [], _: [], '~': [] };
  tokens.forEach((token, index) => {
    if (token.type !== 'delimiter') {
      return;
    }
    const stack = openers[token.character];
    while (token.canClose && token.count > 0 && stack.length > 0) {
      const opener = stack[stack.length - 1];
      for (const [character, others] of Object.entries(openers)) {
        if (character !== token.character) {
          while (others.length > 0 && others[others.length - 1].index > opener.index) {
            others.pop();
          }
        }
      }
      const used = token.character === '~' ? 2 : Math.min(2, token.count, opener.delimiter.count);
      const kind: EmphasisKind = token.character === '~' ? 'strike' : used === 2 ? 'strong' : 'emphasis';
      opener.delimiter.count -= used;
      opener.delimiter.opens.push(kind);
      token.count -= used;
      token.closes.push(kind);
      if (opener.delimiter.count === 0) {
        stack.pop();
      }
    }
    if (token.canOpen && token.count > 0) {
      stack.push({ index, delimiter: token });
    }
  });

  interface Frame {
    children: Inline[];
    /** Beyond the depth limit a pair keeps its markers as text and its content goes to the enclosing frame. */
    literal: string | null;
  }
  const root: Inline[] = [];
  const frames: Frame[] = [];
  let depth = 0;
  const current = (): Inline[] => (frames.length === 0 ? root : frames[frames.length - 1].children);
  const push = (node: Inline): void => {
    const children = current();
    const last = children[children.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') {
      last.text += node.text;
    } else if (node.kind !== 'text' || node.text !== '') {
      children.push(node);
    }
  };
  const marker = (kind: EmphasisKind, character: string): string => character.repeat(kind === 'emphasis' ? 1 : 2);
  for (const token of tokens) {
    if (token.type === 'node') {
      push(token.node);
      continue;
    }
    if (token.type === 'bracket') {
      push({ kind: 'text', text: '[' });
      continue;
    }
    for (const kind of token.closes) {
      const frame = frames.pop()!;
      if (frame.literal !== null) {
        push({ kind: 'text', text: frame.literal });
      } else {
        depth--;
        push({ kind, children: frame.children });
      }
    }
    push({ kind: 'text', text: token.character.repeat(token.count) });
    for (const kind of [...token.opens].reverse()) {
      if (depth >= MAX_INLINE_DEPTH) {
        const text = marker(kind, token.character);
        push({ kind: 'text', text });
        frames.push({ children: current(), literal: text });
      } else {
        depth++;
        frames.push({ children: [], literal: null });
      }
    }
  }
  return root;
}
