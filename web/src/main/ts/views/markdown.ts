import { type Block, type Inline, parseMarkdown } from '../markdown/parse';
import { type Child, h } from './dom';

function inline(node: Inline): Child {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'code':
      return h('code', {}, node.text);
    case 'break':
      return h('br');
    case 'emphasis':
      return h('em', {}, node.children.map(inline));
    case 'strong':
      return h('strong', {}, node.children.map(inline));
    case 'strike':
      return h('s', {}, node.children.map(inline));
    case 'link':
      return h('a', { href: node.href, rel: 'noopener noreferrer nofollow', target: '_blank', referrerpolicy: 'no-referrer' },
        node.children.map(inline), h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
  }
}

/** A note's headings sit below the page's own h1: `#` is an h2, and nothing goes past h6. */
function headingTag(level: number): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  return `h${Math.min(6, level + 1)}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
}

function block(node: Block): Child {
  switch (node.kind) {
    case 'heading':
      return h(headingTag(node.level), {}, node.content.map(inline));
    case 'paragraph':
      return h('p', {}, node.content.map(inline));
    case 'code':
      return h('pre', {}, h('code', { 'data-language': node.language || undefined }, node.text));
    case 'quote':
      return h('blockquote', {}, node.blocks.map(block));
    case 'rule':
      return h('hr');
    case 'list': {
      // An item of one paragraph shows its text alone, as a tight list does.
      const items = node.items.map((item) => h('li', {}, item.length === 1 && item[0].kind === 'paragraph'
        ? item[0].content.map(inline) : item.map(block)));
      return node.ordered ? h('ol', { start: node.start === 1 ? undefined : node.start }, items) : h('ul', {}, items);
    }
  }
}

/** Markdown as elements built from text nodes: whatever the text holds, it cannot add markup or run script. */
export function renderMarkdown(source: string): HTMLElement {
  return h('div', { class: 'markdown' }, parseMarkdown(source).map(block));
}
