// Shared setup for the node SDK end-to-end suite.
// The C# harness (tests/Api.Tests/NodeSdkTests.cs) starts one ActorCloud host and runs each *.test.mjs file with
// ACTORCLOUD_URL, ACTORCLOUD_KEY and ACTORCLOUD_ENV set. Every test works in collections of its own (random suffix),
// so files and tests never see each other's data.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import tcb from '@cloudbase/node-sdk'

const { ACTORCLOUD_URL, ACTORCLOUD_KEY, ACTORCLOUD_ENV } = process.env
const missing = Object.entries({ ACTORCLOUD_URL, ACTORCLOUD_KEY, ACTORCLOUD_ENV })
  .filter(([, v]) => !v)
  .map(([k]) => k)
if (missing.length) {
  throw new Error(
    `missing environment variable(s) ${missing.join(', ')}: run these tests against a running ActorCloud host, e.g.\n` +
      '  ACTORCLOUD_URL=http://127.0.0.1:PORT ACTORCLOUD_KEY=k ACTORCLOUD_ENV=test-env node --test --test-concurrency=1 *.test.mjs'
  )
}

// The SDK warns on every database call slower than 3 s; keep the report readable.
process.env.SILENCE = 'true'
// Outside Tencent Cloud the SDK probes http://metadata.tencentyun.com (30 ms timeout) before EVERY request, because a
// failed probe is not cached. Without a resolver for that name this costs ~70 ms a call and keeps the process alive
// for a minute after the last test. TENCENTCLOUD=true skips the probe; its only effect with an explicit serviceUrl is
// the run-environment tag in the X-TCB-Source header (",tencentcloud" instead of ",unknown").
process.env.TENCENTCLOUD = 'true'

export const url = ACTORCLOUD_URL.replace(/\/+$/, '')
export const accessKey = ACTORCLOUD_KEY
export const envId = ACTORCLOUD_ENV

/** A fresh SDK instance pointed at the host under test (overrides let error tests use a wrong key or env). */
export function connect(overrides = {}) {
  const app = tcb.init({ env: envId, serviceUrl: `${url}/admin`, accessKey, ...overrides })
  const db = app.database()
  return { app, db, _: db.command }
}

/** A collection name no other test uses. */
export function uniqueName(prefix = 't') {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
}

/** Creates a new, empty collection and returns its reference. */
export async function freshCollection(db, prefix = 't') {
  const name = uniqueName(prefix)
  const res = await db.createCollection(name)
  assert.equal(typeof res.requestId, 'string')
  return db.collection(name)
}

/** A new collection holding `docs` (inserted with one batch `add`). */
export async function seededCollection(db, docs, prefix = 't') {
  const coll = await freshCollection(db, prefix)
  if (docs.length) {
    const res = await coll.add(docs)
    assert.equal(res.ids.length, docs.length)
  }
  return coll
}

/** Every document of a collection, ordered by `_id`. */
export async function readAll(coll) {
  const res = await coll.orderBy('_id', 'asc').limit(1000).get()
  return res.data
}

/** The `_id`s of a get result, sorted (for order-insensitive comparisons). */
export function idsOf(res) {
  return res.data.map(d => d._id).sort()
}

/** The `_id`s of a get result in the order the server returned them. */
export function orderOf(res) {
  return res.data.map(d => d._id)
}

export const HEX_ID = /^[0-9a-f]{32}$/

export function assertRequestId(res) {
  assert.equal(typeof res.requestId, 'string', 'requestId must be a string')
  assert.ok(res.requestId.length > 0, 'requestId must not be empty')
}

/** Asserts the result has exactly the `required` keys plus any of `optional`, and a requestId. */
export function assertShape(res, required, optional = []) {
  const keys = Object.keys(res)
  for (const k of required) assert.ok(keys.includes(k), `result lacks '${k}': ${JSON.stringify(res)}`)
  for (const k of keys) {
    assert.ok(required.includes(k) || optional.includes(k), `unexpected key '${k}' in ${JSON.stringify(res)}`)
  }
  assertRequestId(res)
}

/**
 * Awaits a call that must fail with the SDK's TcbError carrying `code` (and a message matching `message`, if given).
 * Returns the error.
 */
export async function expectError(promise, code, message) {
  let error
  await assert.rejects(
    async () => {
      await (typeof promise === 'function' ? promise() : promise)
    },
    e => {
      error = e
      return true
    }
  )
  assert.equal(error.code, code, `expected error code ${code}, got ${error.code}: ${error.message}`)
  if (message) assert.match(error.message, message)
  return error
}

/** Asserts `date` is a Date within `toleranceMs` of `expectedMs`. */
export function assertDateNear(date, expectedMs, toleranceMs = 10_000) {
  assert.ok(date instanceof Date, `expected a Date, got ${typeof date}: ${JSON.stringify(date)}`)
  const delta = Math.abs(date.getTime() - expectedMs)
  assert.ok(delta <= toleranceMs, `date ${date.toISOString()} is ${delta} ms away from ${new Date(expectedMs).toISOString()}`)
}

/** POSTs an action to /admin as the SDK does and returns the parsed envelope ({data, requestId} or {code, message, requestId}). */
export async function admin(action, params = {}, headers = {}) {
  const res = await fetch(`${url}/admin?env=${envId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessKey}`, ...headers },
    body: JSON.stringify({ action, ...params }),
  })
  assert.equal(res.status, 200, `${action} answered HTTP ${res.status}`)
  return res.json()
}

/** The data of an /admin action that must succeed. */
export async function adminData(action, params = {}) {
  const res = await admin(action, params)
  assert.equal(res.code, undefined, `${action} failed: ${JSON.stringify(res)}`)
  assertRequestId(res)
  return res.data
}

/**
 * The SDKs' realtime client logs every socket event and message (with whole socket objects) at log/warn/error level;
 * keep the test report readable (WATCH_DEBUG=1 shows them).
 */
export function quietRealtimeLogs() {
  if (process.env.WATCH_DEBUG || console.quietedRealtime) return
  console.quietedRealtime = true
  const noise = /^(\[realtime|nextevent |pong timed out|ws onMessage)/
  for (const level of ['log', 'warn', 'error']) {
    const original = console[level].bind(console)
    console[level] = (...args) => {
      if (typeof args[0] === 'string' && noise.test(args[0])) return
      original(...args)
    }
  }
}

/** The seed's `books` collection (shared/seed-examples.md), as CloudBase's capability page prints it. */
export const seedBooks = {
  catcher: {
    _id: 'Wzh76lk5_O_dt0vO',
    title: 'The Catcher in the Rye',
    author: 'J. D. Salinger',
    characters: ['Holden Caulfield', 'Stradlater', 'Mr. Antolini'],
    publishInfo: { year: 1951, country: 'United States' },
  },
  lady: {
    _id: 'Wzia0lk5_O_dt0vR',
    _openid: 'ohl4L0Rnhq7vmmbT_DaNQa4ePaz0',
    title: 'The Lady of the Camellias',
    author: 'Alexandre Dumas fils',
    characters: ['Marguerite Gautier', 'Armand Duval', 'Prudence', 'Count de Varville'],
    publishInfo: { year: 1848, country: 'France' },
  },
}
