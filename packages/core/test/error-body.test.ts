import { describe, expect, it } from 'vitest';
import { readErrorBody } from '../src/internal.js';

describe('readErrorBody: the one reader of common error bodies', () => {
  it.each([
    [
      'nested error object',
      { error: { code: 'NOT_FOUND', message: 'No such engagement', statusCode: 404 } },
      { message: 'No such engagement', code: 'NOT_FOUND' },
    ],
    [
      'string error that is a code',
      { error: 'rate_limited' },
      { message: 'rate_limited', code: 'rate_limited' },
    ],
    [
      'string error that is prose',
      { error: 'Lead not found' },
      { message: 'Lead not found', code: undefined },
    ],
    [
      'string error with a separate code',
      { error: 'Not enough credits', code: 'INSUFFICIENT_CREDITS' },
      { message: 'Not enough credits', code: 'INSUFFICIENT_CREDITS' },
    ],
    [
      'FastAPI string detail',
      { detail: 'Workspace is on the free plan' },
      { message: 'Workspace is on the free plan', code: undefined },
    ],
    [
      'FastAPI validation list',
      {
        detail: [
          { loc: ['body', 'email'], msg: 'field required', type: 'value_error.missing' },
          { loc: ['query', 'limit'], msg: 'too big' },
        ],
      },
      { message: 'email: field required; limit: too big', code: undefined },
    ],
    ['API Gateway message', { message: 'Forbidden' }, { message: 'Forbidden', code: undefined }],
    ['plain text', 'upstream timed out\nmore', { message: 'upstream timed out' }],
    ['an HTML page', '<html><body>502</body></html>', {}],
    ['nothing usable', { foo: 1 }, { message: undefined, code: undefined }],
  ])('%s', (_name, body, expected) => {
    expect(readErrorBody(body)).toEqual(expected);
  });
});
