import {
  BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, LinearScale, Tooltip,
} from 'chart.js';
import { h } from '../views/dom';
import { scrollTable } from '../views/common';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
Chart.defaults.color = '#374151';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const CHART_BLUE = '#1d4ed8';

const AXIS_LABEL_LENGTH = 16;

function shorten(label: string): string {
  return label.length <= AXIS_LABEL_LENGTH ? label : `${label.slice(0, AXIS_LABEL_LENGTH - 1)}…`;
}

export interface Series {
  labels: string[];
  values: number[];
  /** How a value reads in the table and the description. */
  format: (value: number) => string;
}

/**
 * A bar chart drawn on a canvas (bundled Chart.js, no animation), described for screen readers, with the same data
 * as a table below it.
 */
export function barChart(options: { id: string; title: string; valueLabel: string; series: Series;
  horizontal?: boolean; height?: number }): { element: HTMLElement; chart: Chart } {
  const { series } = options;
  const description = series.labels.map((label, index) => `${label}: ${series.format(series.values[index])}`).join('; ');
  const canvas = h('canvas', { role: 'img', 'aria-label': `${options.title}. ${description}`, id: `${options.id}-canvas` });
  const box = h('div', { class: options.horizontal ? 'chart-box chart-box-tall' : 'chart-box' }, canvas);
  const configuration: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: [{ label: options.valueLabel, data: series.values, backgroundColor: CHART_BLUE, borderRadius: 3 }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: options.horizontal ? 'y' : 'x',
      plugins: {
        tooltip: { callbacks: { label: (item) => `${options.valueLabel}: ${series.format(Number(item.raw))}` } },
      },
      scales: {
        x: { grid: { display: !options.horizontal }, ticks: options.horizontal ? {
          callback: (value) => series.format(Number(value)),
        } : { autoSkip: true, maxRotation: 0 } },
        y: {
          grid: { display: !options.horizontal },
          beginAtZero: true,
          // Long category names are shortened on the axis only; the table below has them whole.
          ticks: options.horizontal ? { callback: (_value, index) => shorten(series.labels[index] ?? '') } : {},
        },
      },
    },
  };
  const chart = new Chart(canvas, configuration);
  const table = h('table', { class: 'data-table', id: `${options.id}-table` },
    h('caption', {}, options.title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Label'), h('th', { scope: 'col' }, options.valueLabel))),
    h('tbody', {}, series.labels.map((label, index) =>
      h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, series.format(series.values[index]))))));
  const element = h('figure', { class: 'chart', id: options.id },
    h('figcaption', {}, options.title),
    box,
    h('details', { class: 'chart-data' }, h('summary', {}, 'Show the data as a table'),
      scrollTable(`${options.title}, as a table`, table)));
  return { element, chart };
}
