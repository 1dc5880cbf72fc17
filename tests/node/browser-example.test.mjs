// The web example (examples/web, the unmodified @cloudbase/js-sdk 2.32.0 browser bundle) in a real headless
// Chromium, loaded FROM the ActorCloud host under test (same origin: the host serves <repo>/examples at /examples when
// started with ActorCloud:Examples:Directory). As the admin, through node-sdk, the test first resets the `books`
// collection (READONLY: everyone reads, users create), seeds the seed's French book, deploys the seed's `add` function
// and sets the storage permission to READONLY (users create their files, everyone reads); then it checks every step
// the page shows against what the server really stored. Any console error or uncaught page error fails the test.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { deflateSync, crc32 } from 'node:zlib'
import { chromium } from 'playwright-core'
import { connect, url, envId, admin, adminData, seedBooks } from './support.mjs'
import { setAcl } from './permissions-support.mjs'
import { fixtureZip } from './functions-support.mjs'
import { download, fileIdOf } from './storage-support.mjs'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const PAGE = `${url}/examples/web/index.html?env=${encodeURIComponent(envId)}`
const WAIT = 20_000 // per step; the first call of a function starts its runtime

// The page adds The Catcher in the Rye without an _id (the server gives it one).
const { _id: _seedId, ...catcher } = seedBooks.catcher
const { lady } = seedBooks

const { db } = connect()
let browser
let page
const problems = [] // console errors and uncaught exceptions of the page

/** A 3×2 RGB PNG made here, so the file-input upload has bytes the test knows in advance. */
function tinyPng() {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(3, 0) // width
  header.writeUInt32BE(2, 4) // height
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter method variants, no interlace
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255, 255])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * Waits until a status element of the page has settled and answers its data-* attributes plus its text. Settled: it
 * shows an error (which fails the test with the page's message), or it is ok and each data-* key of `match` matches
 * its regular expression (to wait for the outcome of a second upload rather than the first's).
 */
async function outcome(id, match = {}) {
  let handle
  try {
    handle = await page.waitForFunction(
      ([id, match]) => {
        const el = document.getElementById(id)
        const ok = el.dataset.state === 'ok' && Object.entries(match).every(([key, re]) => new RegExp(re).test(el.dataset[key] ?? ''))
        return (ok || el.dataset.state === 'error') && { ...el.dataset, text: el.textContent }
      },
      [id, Object.fromEntries(Object.entries(match).map(([key, re]) => [key, re.source]))],
      { timeout: WAIT }
    )
  } catch (error) {
    const shown = await page.$eval(`#${id}`, el => `${el.dataset.state}: ${el.textContent}`).catch(() => '?')
    throw new Error(`the page's "${id}" step did not finish (${shown}); page problems so far: ${JSON.stringify(problems)}`, { cause: error })
  }
  const result = await handle.jsonValue()
  assert.equal(result.state, 'ok', `the page's "${id}" step failed: ${result.text}`)
  return result
}

/** The items of one of the page's book lists. */
const listed = listId =>
  page.$$eval(`#${listId} li`, items => items.map(li => ({ id: li.dataset.id, title: li.dataset.title, openid: li.dataset.openid })))

/** The picture element's size as loaded (0 when it did not decode). */
const pictureSize = () => page.$eval('#picture', img => ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight }))

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium is missing at ${CHROMIUM}: install it (apt-get install -y --no-install-recommends chromium; test.sh does) ` +
      'or point CHROMIUM_PATH at a Chromium binary'
  )
  assert.ok(
    existsSync(new URL('../../examples/web/node_modules/@cloudbase/js-sdk/miniprogram_dist/index.js', import.meta.url)),
    'the example page needs its SDK: npm ci --prefix examples/web'
  )

  // `books`, anew: drop whatever an earlier run left (a missing collection is fine), create it, let users read all
  // and create, and seed the French book as the admin (with the seed's _openid: only the admin may set one).
  const dropped = await admin('actorcloud.dropCollection', { collectionName: 'books' })
  assert.ok(!dropped.code || dropped.code === 'DATABASE_COLLECTION_NOT_EXIST', `drop books: ${JSON.stringify(dropped)}`)
  await db.createCollection('books')
  await setAcl('books', 'READONLY')
  await db.collection('books').add(lady)

  // The seed's `add` function under its own name (the page calls 'add'): created, or its code replaced if it exists.
  const code = { Code: { ZipFile: fixtureZip('add') } }
  const created = await admin('actorcloud.createFunction', { FunctionName: 'add', ...code })
  if (created.code === 'ResourceInUse.Function') await adminData('actorcloud.updateFunctionCode', { FunctionName: 'add', ...code })
  else assert.equal(created.code, undefined, `createFunction add: ${JSON.stringify(created)}`)

  await adminData('actorcloud.modifyStorageSafeRule', { AclTag: 'READONLY' })

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true })
  page = await (await browser.newContext()).newPage() // a fresh context: empty localStorage, so a new anonymous user
  page.on('console', message => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', error => problems.push(`uncaught in the page: ${error.stack ?? error.message}`))
  const res = await page.goto(PAGE)
  assert.equal(res.status(), 200, `GET ${PAGE} answered HTTP ${res.status()} (is the host serving examples/?)`)
})

after(async () => {
  await browser?.close()
})

let uid
test('signs in anonymously', async () => {
  const signin = await outcome('signin')
  uid = signin.uid
  assert.match(uid, /^\S+$/)
  // What the server says about the token the SDK stored: the same user, an anonymous one.
  const stored = await page.evaluate(env => localStorage.getItem(`credentials_${env}`), envId)
  assert.ok(stored, `the SDK stored no credentials_${envId} in localStorage`)
  const me = await fetch(`${url}/auth/v1/user/me`, { headers: { authorization: `Bearer ${JSON.parse(stored).access_token}` } })
  const user = await me.json()
  assert.equal(user.sub, uid)
  assert.equal(user.name, 'anonymous', JSON.stringify(user))
})

let bookId
test('adds a book, and the server records who created it', async () => {
  bookId = (await outcome('add')).id
  assert.ok(bookId, 'the page shows no document id')
  const res = await db.collection('books').doc(bookId).get()
  assert.deepEqual(res.data, [{ _id: bookId, _openid: uid, ...catcher }])
})

test("the seed's query shows The Catcher in the Rye", async () => {
  const query = await outcome('query')
  assert.equal(query.count, '1')
  assert.deepEqual(await listed('query-list'), [{ id: bookId, title: catcher.title, openid: uid }])
})

test('the plain list shows both books', async () => {
  await outcome('list')
  const books = (await listed('list-list')).sort((a, b) => a.title.localeCompare(b.title))
  assert.deepEqual(books, [
    { id: bookId, title: catcher.title, openid: uid },
    { id: lady._id, title: lady.title, openid: lady._openid },
  ])
})

test('the add function answers sum 31', async () => {
  const fn = await outcome('function')
  assert.equal(fn.sum, '31', fn.text)
  assert.match(fn.text, /"sum":31/)
})

test('uploads a PNG drawn on a canvas and shows it through its temporary URL', async () => {
  await page.click('#upload-generated')
  const upload = await outcome('upload', { fileId: /\/generated-\d+\.png$/ })
  const prefix = fileIdOf(`web-example/${uid}/generated-`)
  assert.ok(upload.fileId.startsWith(prefix) && /^\d+\.png$/.test(upload.fileId.slice(prefix.length)), upload.fileId)
  await outcome('image')
  const size = await pictureSize()
  assert.ok(size.complete && size.width > 0, `the picture is not displayed: ${JSON.stringify(size)}`)
  // The bytes the browser sent are the bytes the server keeps.
  const sent = Buffer.from(await page.evaluate(async () => {
    const bytes = new Uint8Array(await window.lastUpload.blob.arrayBuffer())
    let binary = ''
    for (const b of bytes) binary += String.fromCharCode(b)
    return btoa(binary)
  }), 'base64')
  assert.equal(sent.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'the canvas did not give a PNG')
  assert.equal(String(sent.length), upload.size)
  assert.ok((await download(upload.fileId)).equals(sent), 'the stored file differs from the uploaded bytes')
})

test('uploads a file chosen in the file input', async () => {
  const png = tinyPng()
  await page.setInputFiles('#file', { name: 'my-photo.png', mimeType: 'image/png', buffer: png })
  const upload = await outcome('upload', { fileId: /\/my-photo\.png$/ })
  assert.equal(upload.fileId, fileIdOf(`web-example/${uid}/my-photo.png`))
  await outcome('image', { url: /\/my-photo\.png/ })
  assert.deepEqual(await pictureSize(), { complete: true, width: 3, height: 2 })
  assert.ok((await download(upload.fileId)).equals(png), 'the stored file differs from the chosen file')
})

test('no console errors and no uncaught exceptions in the page', () => {
  assert.deepEqual(problems, [])
})
