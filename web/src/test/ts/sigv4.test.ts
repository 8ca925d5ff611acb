import { describe, expect, it } from 'vitest';
import { amzDate, sha256Hex, signRequest, uriEncode } from '../../main/ts/upload/sigv4';

// Examples from the AWS Signature Version 4 documentation.
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('signRequest', () => {
  it('signs the IAM ListUsers example of the SigV4 documentation', async () => {
    const headers = await signRequest({
      method: 'GET',
      url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payloadHash: EMPTY_HASH,
    }, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, 'us-east-1', 'iam',
    new Date('2015-08-30T12:36:00Z'));
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.Authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, '
      + 'SignedHeaders=content-type;host;x-amz-date, '
      + 'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('signs the S3 GET Object example of the S3 documentation', async () => {
    const headers = await signRequest({
      method: 'GET',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      headers: { range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_HASH },
      payloadHash: EMPTY_HASH,
    }, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    'us-east-1', 's3', new Date('2013-05-24T00:00:00Z'));
    expect(headers.Authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, '
      + 'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, '
      + 'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('signs the session token of temporary credentials', async () => {
    const headers = await signRequest({ method: 'PUT', url: 'http://127.0.0.1:3001/bucket/a%20b?partNumber=1&uploadId=x',
      headers: { 'x-amz-content-sha256': EMPTY_HASH }, payloadHash: EMPTY_HASH },
    { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token+/=' }, 'us-east-1', 's3', new Date());
    expect(headers['x-amz-security-token']).toBe('token+/=');
    expect(headers.Authorization).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,');
  });

  it('encodes as RFC 3986 and dates as SigV4 does', async () => {
    expect(uriEncode("a b!'()*~")).toBe('a%20b%21%27%28%29%2A~');
    expect(amzDate(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
    expect(await sha256Hex('')).toBe(EMPTY_HASH);
  });
});
