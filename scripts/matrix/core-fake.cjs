// A tiny loopback API for the @quiver/core runtime matrix (core ships no fake server of its own).
// CommonJS, so that both the ESM and the CJS consumers can load it; types in core-fake.d.cts.
const { createServer } = require('node:http');

const CORE_FAKE_KEY = 'smoke-key';
const ITEMS = [
  { id: 'item_1', name: 'first', extra: true },
  { id: 'item_2', name: 'second' },
  { id: 'item_3', name: 'third' },
];

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_smoke' });
  res.end(JSON.stringify(body));
}

/** Starts the fake on 127.0.0.1 (port 0): `{ url, close() }`. */
async function startCoreFake() {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${CORE_FAKE_KEY}`) return send(res, 401, { error: 'bad_key' });
    if (url.pathname === '/v1/items') {
      // Two pages (cursor "2" for the second), so the matrix exercises pagination too.
      const second = url.searchParams.get('cursor') === '2';
      return send(
        res,
        200,
        second
          ? { items: ITEMS.slice(2), next_cursor: null }
          : { items: ITEMS.slice(0, 2), next_cursor: '2' },
      );
    }
    const item = ITEMS.find((i) => url.pathname === `/v1/items/${i.id}`);
    if (item) return send(res, 200, item);
    return send(res, 404, { error: 'not_found' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

module.exports = { startCoreFake, CORE_FAKE_KEY };
