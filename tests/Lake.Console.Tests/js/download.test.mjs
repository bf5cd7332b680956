// How a download link works on each host (tools/Lake.Console/wwwroot/download.js): locally a plain link (the token
// cookie goes with it); on AWS a plain link carries no bearer token and API Gateway answers 401, so the query CSV is
// asked for its presigned address and other files are fetched with the token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkedAddress, downloadWay, fileNameOf } from '../../../tools/Lake.Console/wwwroot/download.js';

const origin = 'https://abc123.execute-api.ap-south-1.amazonaws.com';

test('locally every download stays a plain link, as the cookie carries the token', () => {
  assert.equal(downloadWay('local', 'query-csv'), 'link');
  assert.equal(downloadWay('local', 'file'), 'link');
});

test('on AWS the query CSV is asked for its address and other files are fetched with the token', () => {
  assert.equal(downloadWay('cognito', 'query-csv'), 'address');
  assert.equal(downloadWay('cognito', 'file'), 'blob');
});

test('an unknown kind of download is refused by name on either host', () => {
  assert.throws(() => downloadWay('local', 'csv'), /unknown download kind 'csv'/);
  assert.throws(() => downloadWay('cognito', undefined), /unknown download kind/);
});

test('the saved file keeps the name the console gives it', () => {
  assert.equal(fileNameOf('attachment; filename="quarantine-tripdata-jr_1.jsonl"', 'quarantine.jsonl'), 'quarantine-tripdata-jr_1.jsonl');
  assert.equal(fileNameOf(null, 'quarantine.jsonl'), 'quarantine.jsonl');
  assert.equal(fileNameOf('attachment', 'quarantine.jsonl'), 'quarantine.jsonl');
});

test('the browser goes only to an https address or one of the console', () => {
  const presigned = 'https://socar-lake-dev-athena-results.s3.ap-south-1.amazonaws.com/q.csv?X-Amz-Signature=ab';
  assert.equal(checkedAddress(presigned, origin), presigned);
  assert.equal(checkedAddress('/api/queries/q/csv', 'http://127.0.0.1:5000'), 'http://127.0.0.1:5000/api/queries/q/csv');
  assert.throws(() => checkedAddress('http://evil.example/q.csv', origin), /not https/);
  assert.throws(() => checkedAddress('javascript:alert(1)', origin), /not https/);
});
