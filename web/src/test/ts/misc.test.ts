import { describe, expect, it } from 'vitest';
import { apiError, retryAfterSeconds } from '../../main/ts/api/client';
import { ConfigError, parseConfig } from '../../main/ts/config';
import { intensity } from '../../main/ts/persona/heatmap';
import { ACCEPTED_EXTENSIONS, checkFile, contentTypeFor, metadataText } from '../../main/ts/upload/checks';
import { ProgressMeter } from '../../main/ts/upload/progress';
import { StepClock } from '../../main/ts/views/job';
import { match } from '../../main/ts/views/router';
import { safeUrl } from '../../main/ts/views/dom';

describe('file checks', () => {
  it('refuses empty and oversized files in plain words', () => {
    expect(checkFile({ name: 'a.json', size: 0 }, 100)).toContain('empty');
    expect(checkFile({ name: 'a.json', size: 2 * 1024 ** 3 }, 1024 ** 3)).toContain('largest upload is 1.0 GB');
    expect(checkFile({ name: 'a.json', size: 10 }, 100)).toBeNull();
  });

  it('declares the content type from the extension', () => {
    expect(contentTypeFor('MyActivity.JSON')).toBe('application/json');
    expect(contentTypeFor('events.jsonl')).toBe('application/x-ndjson');
    expect(contentTypeFor('history.csv.gz')).toBe('application/gzip');
    expect(contentTypeFor('notes')).toBe('application/octet-stream');
    expect(contentTypeFor('takeout-20240105T101010Z-001.zip')).toBe('application/zip');
    expect(contentTypeFor('takeout.tgz')).toBe('application/x-compressed-tar');
    expect(contentTypeFor('takeout.TAR.GZ')).toBe('application/x-compressed-tar');
    expect(contentTypeFor('MyActivity.html')).toBe('text/html');
  });

  it('offers every export in the picker', () => {
    expect(ACCEPTED_EXTENSIONS.split(',')).toEqual(expect.arrayContaining(['.zip', '.tgz', '.tar', '.html', '.json', '.csv', '.gz']));
  });

  it('carries a profile name in metadata as ASCII, as the API encodes it', () => {
    expect(metadataText('Zoë & Ben+1')).toBe('Zo%C3%AB%20%26%20Ben%2B1');
    expect(metadataText('Anna')).toBe('Anna');
  });
});

describe('progress', () => {
  it('measures speed over the last seconds and the time left', () => {
    let now = 0;
    const meter = new ProgressMeter(1000, () => now);
    now = 1000;
    meter.update(100);
    now = 2000;
    const snapshot = meter.update(300);
    expect(snapshot.fraction).toBeCloseTo(0.3);
    expect(snapshot.bytesPerSecond).toBeCloseTo(150);
    expect(snapshot.secondsLeft).toBeCloseTo(700 / 150);
  });
});

describe('safeUrl', () => {
  it('lets only clean http(s) URLs through', () => {
    expect(safeUrl('https://www.youtube.com/watch')).toBe('https://www.youtube.com/watch');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeUrl('https://example.com/"><svg onload=alert(1)>')).toBeNull();
    expect(safeUrl('https://user:pw@example.com/')).toBeNull();
    expect(safeUrl('=HYPERLINK("https://evil.example")')).toBeNull();
  });
});

describe('config', () => {
  it('names the member that is wrong', () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
    expect(() => parseConfig({ apiBaseUrl: 'ftp://x', region: 'r', authDomain: 'https://a', clientId: 'c', scopes: ['openid'],
      maxUploadBytes: 1, multipartThresholdBytes: 1, multipartPartBytes: 6000000 })).toThrow('apiBaseUrl');
  });
});

describe('apiError', () => {
  it('shows the problem document’s detail in plain words, with its code and request id', async () => {
    const response = new Response(JSON.stringify({ type: 'urn:persona:problem:validation-failed', title: 'Validation Failed',
      status: 400, detail: 'One or more fields are invalid: see errors.', code: 'VALIDATION_FAILED', requestId: 'r-1',
      errors: [{ field: 'sizeBytes', message: 'must be at most 1073741824 bytes' }] }),
    { status: 400, headers: { 'Content-Type': 'application/problem+json' } });
    const error = await apiError(response);
    expect(error.message).toBe('One or more fields are invalid: see errors.');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.requestId).toBe('r-1');
    expect(error.fieldErrors).toEqual([{ field: 'sizeBytes', message: 'must be at most 1073741824 bytes' }]);
  });

  it('says something useful when a proxy answered without a problem document', async () => {
    const error = await apiError(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Retry-After': '5' } }));
    expect(error.message).toContain('try again');
    expect(error.retryAfterSeconds).toBe(5);
  });
});

describe('small pieces', () => {
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterSeconds('3')).toBe(3);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds(new Date(10_000).toUTCString(), 0)).toBe(10);
  });

  it('matches routes with parameters', () => {
    const routes = [{ pattern: '/jobs/:id', value: 'job' }, { pattern: '/history', value: 'history' }];
    expect(match(routes, '/jobs/01AB')).toEqual({ value: 'job', parameters: { id: '01AB' } });
    expect(match(routes, '/jobs/01AB/x')).toBeNull();
    expect(match(routes, '/jobs/%zz')).toBeNull();
  });

  it('shades the heat map in five steps', () => {
    expect(intensity(0, 10)).toBe(0);
    expect(intensity(1, 10)).toBe(1);
    expect(intensity(10, 10)).toBe(5);
  });

  it('times steps from the job’s updatedAt as it was seen', () => {
    const clock = new StepClock();
    const base = { jobId: 'J', createdAt: '2026-01-01T00:00:00Z', queuedAt: '2026-01-01T00:00:01Z', links: { self: '' } };
    clock.observe({ ...base, status: 'RUNNING', step: 'preprocess', updatedAt: '2026-01-01T00:00:02Z' });
    clock.observe({ ...base, status: 'RUNNING', step: 'build-persona', updatedAt: '2026-01-01T00:00:05Z' });
    clock.observe({ ...base, status: 'SUCCEEDED', updatedAt: '2026-01-01T00:00:07Z', finishedAt: '2026-01-01T00:00:07Z' });
    expect(clock.elapsed(0, 4, 0)).toBe(1000);
    expect(clock.elapsed(1, 4, 0)).toBeNull();
    expect(clock.elapsed(2, 4, 0)).toBeNull();
    expect(clock.elapsed(3, 4, 0)).toBe(2000);
  });
});
