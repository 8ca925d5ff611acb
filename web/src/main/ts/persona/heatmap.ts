import { h } from '../views/dom';
import { scrollTable } from '../views/common';
import { formatNumber, hourLabel, WEEKDAYS } from '../views/format';

/** The intensity class of a count: 0 for none, then five steps up to the busiest hour of the week. */
export function intensity(count: number, max: number): number {
  if (count <= 0 || max <= 0) {
    return 0;
  }
  return Math.min(5, Math.max(1, Math.ceil((count / max) * 5)));
}

/**
 * The weekday × hour-of-day heat map as a real table: each cell's count is its text (hidden visually, read by
 * screen readers with its row and column headers) and its shade a CSS class, so no inline style is needed.
 */
export function heatMap(weekHour: number[][], timezone: string): HTMLElement {
  const max = Math.max(0, ...weekHour.flat());
  const table = h('table', { class: 'heat-map', id: 'heat-map' },
    h('caption', { class: 'visually-hidden' }, `Activity by weekday and hour (${timezone})`),
    h('thead', {}, h('tr', {}, h('td', {}),
      Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col', abbr: hourLabel(hour) },
        h('span', { 'aria-hidden': 'true' }, hour % 3 === 0 ? String(hour) : ''),
        h('span', { class: 'visually-hidden' }, hourLabel(hour)))))),
    h('tbody', {}, weekHour.map((hours, day) => h('tr', {},
      h('th', { scope: 'row' }, h('span', { 'aria-hidden': 'true' }, WEEKDAYS[day].slice(0, 3)),
        h('span', { class: 'visually-hidden' }, WEEKDAYS[day])),
      hours.map((count) => h('td', { class: `heat heat-${intensity(count, max)}` },
        h('span', { class: 'visually-hidden' }, formatNumber(count))))))));
  const legend = h('p', { class: 'heat-legend', 'aria-hidden': 'true' }, 'Fewer ',
    [0, 1, 2, 3, 4, 5].map((level) => h('span', { class: `heat-swatch heat-${level}` })), ' More');
  return h('figure', { class: 'chart', id: 'weekday-hour' },
    h('figcaption', {}, 'When you are active: weekday × hour of day'),
    scrollTable('Activity by weekday and hour', table), legend);
}
