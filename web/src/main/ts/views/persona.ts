import type { Chart } from 'chart.js';
import { ApiError } from '../api/client';
import type { Interest, Persona } from '../api/types';
import { barChart } from '../persona/charts';
import { heatMap } from '../persona/heatmap';
import { errorBox, heading, loading, scrollTable } from './common';
import type { Page } from './context';
import { externalLink, h } from './dom';
import { formatDate, formatDateTime, formatNumber, formatPercent, hourLabel, WEEKDAYS, words } from './format';

const TREND = {
  rising: { arrow: '↑', words: 'rising' },
  falling: { arrow: '↓', words: 'falling' },
  steady: { arrow: '→', words: 'steady' },
} as const;

function trend(interest: Interest): HTMLElement {
  const shown = TREND[interest.trend] ?? TREND.steady;
  return h('span', { class: `trend trend-${interest.trend}` },
    h('span', { 'aria-hidden': 'true' }, `${shown.arrow} `), shown.words);
}

function counted(values: { value: string; count: number }[], limit: number): string {
  return values.slice(0, limit).map((entry) => entry.value).join(', ') || '–';
}

function stat(term: string, value: string, id?: string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', { id }, value)];
}

function interestsSection(persona: Persona, charts: Chart[]): HTMLElement {
  const top = persona.interests.slice(0, 10);
  const { element, chart } = barChart({
    id: 'interests-chart',
    title: 'Your interests, by share of your activity',
    valueLabel: 'Share',
    horizontal: true,
    series: { labels: top.map((i) => i.category), values: top.map((i) => i.share), format: (v) => formatPercent(v, 1) },
  });
  charts.push(chart);
  const table = h('table', { class: 'data-table', id: 'interests-table' },
    h('caption', {}, 'Interests in detail'),
    h('thead', {}, h('tr', {}, ['Interest', 'Share', 'Trend', 'Score', 'Top terms', 'Top sites'].map(
      (label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, persona.interests.map((interest) => h('tr', {},
      h('th', { scope: 'row' }, interest.category),
      h('td', {}, formatPercent(interest.share, 1)),
      h('td', {}, trend(interest)),
      h('td', {}, String(interest.score)),
      h('td', { class: 'terms' }, counted(interest.topTerms, 5)),
      h('td', { class: 'terms' }, counted(interest.topDomains, 3))))));
  const examples = persona.interests.slice(0, 3).filter((interest) => interest.examples.length > 0);
  return h('section', { 'aria-labelledby': 'interests-heading', class: 'card' },
    h('h2', { id: 'interests-heading' }, 'Interests'),
    persona.interests.length === 0 ? h('p', {}, 'No activity could be given a category.') : [
      h('p', { id: 'top-interest' }, 'Top interest: ', h('strong', {}, persona.interests[0].category),
        ` (${formatPercent(persona.interests[0].share)})`),
      element,
      scrollTable('Interests in detail', table),
      examples.length > 0 ? h('h3', {}, 'Recent examples') : null,
      h('div', { class: 'examples', id: 'examples' }, examples.map((interest) => h('div', {},
        h('h4', {}, interest.category),
        h('ul', {}, interest.examples.map((example) => h('li', { class: 'example' },
          h('span', { class: 'example-text' }, example.url
            ? externalLink(example.url, example.text || example.url) : example.text ?? '–'),
          h('span', { class: 'muted' }, ` · ${example.kind ? `${example.kind}, ` : ''}${formatDateTime(example.time)}`))))))),
    ]);
}

function rhythmSection(persona: Persona, charts: Chart[]): HTMLElement {
  const { rhythms } = persona;
  const hours = barChart({
    id: 'hour-chart',
    title: `Activity by hour of day (${persona.timezone.id})`,
    valueLabel: 'Activities',
    series: { labels: rhythms.hourOfDay.map((_, hour) => hourLabel(hour)), values: rhythms.hourOfDay, format: formatNumber },
  });
  const days = barChart({
    id: 'day-chart',
    title: 'Activity by day of the week',
    valueLabel: 'Activities',
    series: { labels: WEEKDAYS, values: rhythms.dayOfWeek, format: formatNumber },
  });
  charts.push(hours.chart, days.chart);
  const periods = rhythms.periodShares;
  return h('section', { 'aria-labelledby': 'rhythm-heading', class: 'card' },
    h('h2', { id: 'rhythm-heading' }, 'Rhythm'),
    h('dl', { class: 'facts' },
      stat('Chronotype', rhythms.chronotype, 'chronotype'),
      stat('Busiest hour', rhythms.peakHour === undefined ? '–' : hourLabel(rhythms.peakHour)),
      stat('Busiest day', rhythms.peakDay),
      stat('Weekdays / weekend', `${formatPercent(rhythms.weekdayShare)} / ${formatPercent(rhythms.weekendShare)}`),
      stat('Morning · daytime · evening · night', [periods.morning, periods.daytime, periods.evening, periods.night]
        .map((share) => formatPercent(share)).join(' · '))),
    rhythms.weekHour ? heatMap(rhythms.weekHour, persona.timezone.id)
      : h('p', { class: 'muted' }, 'This persona was built before weekday × hour counts were kept.'),
    h('div', { class: 'chart-grid' }, hours.element, days.element));
}

function engagementSection(persona: Persona): HTMLElement {
  const { engagement, diversity } = persona;
  return h('section', { 'aria-labelledby': 'engagement-heading', class: 'card' },
    h('h2', { id: 'engagement-heading' }, 'Engagement and diversity'),
    h('dl', { class: 'facts' },
      stat('Active days', `${formatNumber(engagement.activeDays)} of ${formatNumber(engagement.spanDays)}`),
      stat('Longest streak', `${formatNumber(engagement.longestStreakDays)} days`, 'longest-streak'),
      stat('Activities per active day', engagement.eventsPerActiveDay.toFixed(1)),
      stat('Sessions', formatNumber(engagement.sessions)),
      stat('Average session', `${engagement.averageSessionMinutes.toFixed(1)} min`),
      stat('Diversity', `${diversity.label} (${formatPercent(diversity.normalizedEntropy)} of the most varied possible)`),
      stat('Categories seen', formatNumber(diversity.categoriesSeen))));
}

function qualitySection(persona: Persona): HTMLElement {
  const quality = persona.dataQuality;
  const reasons = Object.entries(quality.rejectedByReason ?? {}).sort(([, a], [, b]) => b - a);
  return h('section', { 'aria-labelledby': 'quality-heading', class: 'card' },
    h('h2', { id: 'quality-heading' }, 'Data quality'),
    h('dl', { class: 'facts', id: 'data-quality' },
      stat('Records read', formatNumber(quality.recordsRead), 'records-read'),
      stat('Records used', formatNumber(quality.recordsUsed), 'records-used'),
      stat('Records rejected', formatNumber(quality.recordsRejected), 'records-rejected'),
      stat('Duplicates removed', formatNumber(quality.duplicatesRemoved), 'duplicates-removed'),
      stat('Without a category', `${formatNumber(quality.uncategorized)} (${formatPercent(quality.uncategorizedShare)})`),
      stat('Dates without a time', formatNumber(quality.dateOnlyRecords)),
      stat('Time range', `${formatDate(quality.firstActivityAt)} – ${formatDate(quality.lastActivityAt)}`),
      stat('Format', quality.detectedFormat)),
    reasons.length === 0 ? null : scrollTable('Rejected records by reason', h('table', { class: 'data-table', id: 'rejected-table' },
      h('caption', {}, 'Rejected records by reason'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Reason'), h('th', { scope: 'col' }, 'Records'))),
      h('tbody', {}, reasons.map(([reason, count]) => h('tr', {}, h('th', { scope: 'row' }, words(reason)),
        h('td', {}, formatNumber(count))))))));
}

/** The persona of one job (or the newest, at /personas/latest): archetype and summary, interests, rhythm, engagement, data quality; JSON download. */
export const personaPage: Page = async (context, main, parameters) => {
  const charts: Chart[] = [];
  let downloadUrl: string | null = null;
  main.replaceChildren(heading('Your persona'), loading());
  try {
    const { persona, text } = await context.api.persona(parameters.id);
    downloadUrl = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const download = h('a', { href: '#', class: 'button', id: 'download-json', download: `persona-${persona.jobId}.json` },
      'Download the raw JSON');
    // The app's own object URL of the document it just fetched (h() lets only app paths and http(s) through).
    download.setAttribute('href', downloadUrl);
    const title = heading(persona.archetype.label);
    main.replaceChildren(
      h('p', { class: 'eyebrow' }, 'Your persona'),
      title,
      h('p', { class: 'lead', id: 'persona-summary' }, persona.summary),
      h('p', { class: 'muted' }, `Built ${formatDateTime(persona.generatedAt)} · times in ${persona.timezone.id}`),
      h('div', { class: 'actions' }, download,
        h('a', { href: `/jobs/${encodeURIComponent(persona.jobId)}`, class: 'button' }, 'How it was built')),
      interestsSection(persona, charts),
      rhythmSection(persona, charts),
      engagementSection(persona),
      qualitySection(persona));
  } catch (error) {
    main.replaceChildren(heading('Your persona'), error instanceof ApiError && error.status === 404
      && parameters.id === 'latest'
      ? h('p', { id: 'persona-none' }, 'You have no persona yet. ', h('a', { href: '/upload' }, 'Upload a file'),
        ' of your activity to get one.')
      : errorBox(error));
  }
  return {
    title: 'Persona',
    leave: () => {
      charts.forEach((chart) => chart.destroy());
      if (downloadUrl) {
        URL.revokeObjectURL(downloadUrl);
      }
    },
  };
};
