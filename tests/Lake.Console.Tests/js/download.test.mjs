// How a download link works on each host (tools/Lake.Console/wwwroot/download.js): locally a plain link (the token
// cookie goes with it); on AWS a plain link carries no bearer token and API Gateway answers 401, so the query CSV is
// asked for its presigned address and other files are fetched with the token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkedAddress, downloadWay, fileNameOf, filesPlan } from '../../../tools/Lake.Console/wwwroot/download.js';

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

test('on AWS the quarantine is asked for the addresses of its stored objects', () => {
  assert.equal(downloadWay('cognito', 'quarantine'), 'files');
  assert.equal(downloadWay('local', 'quarantine'), 'link');
});

test('one stored quarantine object is opened; several are listed, with what is left out said', () => {
  const file = n => ({ name: `quarantine-tripdata-jr_1-bad-rows-0000${n}.jsonl`, location: `https://q.s3.amazonaws.com/${n}?X-Amz-Signature=ab`, bytes: 10 });
  assert.deepEqual(filesPlan({ files: [file(0)], unlisted: 0 }, origin), { open: file(0).location, list: [], note: '' });
  // One listed of several stored: opening it would pass one object off as the whole download.
  assert.equal(filesPlan({ files: [file(0)], unlisted: 3 }, origin).open, null);
  const several = filesPlan({ files: [file(0), file(1)], unlisted: 5 }, origin);
  assert.equal(several.open, null);
  assert.deepEqual(several.list.map(f => f.name), [file(0).name, file(1).name]);
  assert.match(several.note, /^2 files \(and 5 more not listed: choose a dataset and a run/);
  assert.match(filesPlan({ files: [], unlisted: 0 }, origin).note, /Nothing is quarantined/);
  assert.throws(() => filesPlan({ files: [{ ...file(0), location: 'http://evil.example/x' }], unlisted: 0 }, origin), /not https/);
});
