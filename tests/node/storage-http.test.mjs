// File storage through node-sdk, the HTTP semantics of a temp URL: Content-Type, Content-Length, ETag,
// Last-Modified, Range (206/416), If-None-Match (304), HEAD, and getFileInfo, which reads them.
// Every test works under a directory of its own (random name), so tests never see each other's files.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { connect, assertRequestId } from './support.mjs'
import { fileIdOf, sha256, newDir, upload, tempUrl, get } from './storage-support.mjs'

const { app } = connect()

describe('HTTP semantics of a temp URL', () => {
  const content = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz')
  const N = content.length

  async function served(name = 'range.txt') {
    const fileID = await upload(`${newDir()}/${name}`, content)
    return tempUrl(fileID)
  }

  it('GET carries Content-Type, Content-Length, a sha256 ETag, Last-Modified and Accept-Ranges', async () => {
    const started = Date.now()
    const res = await get(await served())
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'text/plain')
    assert.equal(res.headers.get('content-length'), String(N))
    assert.equal(res.headers.get('etag'), `"${sha256(content)}"`)
    assert.equal(res.headers.get('accept-ranges'), 'bytes')
    const lastModified = Date.parse(res.headers.get('last-modified'))
    assert.ok(Number.isFinite(lastModified), `bad Last-Modified: ${res.headers.get('last-modified')}`)
    assert.ok(Math.abs(lastModified - started) < 120_000, 'Last-Modified is the upload time')
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(content))
  })

  it('the content type comes from the extension when the uploader gives none', async () => {
    const dir = newDir()
    const cases = [
      ['a.txt', 'text/plain'],
      ['b.png', 'image/png'],
      ['c.json', 'application/json'],
      ['d.html', 'text/html'],
      ['e.jpg', 'image/jpeg'],
      ['f.unknownext', 'application/octet-stream'],
      ['noextension', 'application/octet-stream'],
    ]
    for (const [name, type] of cases) {
      const fileID = await upload(`${dir}/${name}`, Buffer.from('x'))
      const res = await get(await tempUrl(fileID))
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-type'), type, `${name}`)
      await res.arrayBuffer()
    }
  })

  it('Range bytes=a-b answers 206 with Content-Range and exactly those bytes', async () => {
    const u = await served()
    const res = await get(u, { headers: { range: 'bytes=2-5' } })
    assert.equal(res.status, 206)
    assert.equal(res.headers.get('content-range'), `bytes 2-5/${N}`)
    assert.equal(res.headers.get('content-length'), '4')
    assert.equal(Buffer.from(await res.arrayBuffer()).toString(), '2345')
  })

  it('open-ended, suffix and over-long ranges', async () => {
    const u = await served()
    const open = await get(u, { headers: { range: 'bytes=30-' } })
    assert.equal(open.status, 206)
    assert.equal(open.headers.get('content-range'), `bytes 30-${N - 1}/${N}`)
    assert.equal(Buffer.from(await open.arrayBuffer()).toString(), content.subarray(30).toString())

    const suffix = await get(u, { headers: { range: 'bytes=-4' } })
    assert.equal(suffix.status, 206)
    assert.equal(suffix.headers.get('content-range'), `bytes ${N - 4}-${N - 1}/${N}`)
    assert.equal(Buffer.from(await suffix.arrayBuffer()).toString(), 'wxyz')

    const past = await get(u, { headers: { range: `bytes=${N - 2}-${N + 100}` } })
    assert.equal(past.status, 206)
    assert.equal(past.headers.get('content-range'), `bytes ${N - 2}-${N - 1}/${N}`)
    assert.equal(Buffer.from(await past.arrayBuffer()).toString(), 'yz')
  })

  it('a suffix longer than the file is the whole file; malformed, inverted or multiple ranges are ignored', async () => {
    const u = await served()
    const longSuffix = await get(u, { headers: { range: `bytes=-${N + 50}` } })
    assert.equal(longSuffix.status, 206)
    assert.equal(longSuffix.headers.get('content-range'), `bytes 0-${N - 1}/${N}`)
    assert.ok(Buffer.from(await longSuffix.arrayBuffer()).equals(content))
    for (const range of ['bytes=abc', 'bytes=5-2', 'items=0-3']) {
      const res = await get(u, { headers: { range } })
      assert.equal(res.status, 200, range)
      assert.equal(res.headers.get('content-range'), null, range)
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(content), range)
    }
  })

  it('an unsatisfiable range answers 416 with bytes */size', async () => {
    const u = await served()
    const res = await get(u, { headers: { range: `bytes=${N}-${N + 10}` } })
    assert.equal(res.status, 416)
    assert.equal(res.headers.get('content-range'), `bytes */${N}`)
    await res.arrayBuffer()
  })

  it('If-None-Match with the ETag answers 304 without a body; another ETag gets the file', async () => {
    const u = await served()
    const first = await get(u)
    const etag = first.headers.get('etag')
    await first.arrayBuffer()
    const notModified = await get(u, { headers: { 'if-none-match': etag } })
    assert.equal(notModified.status, 304)
    assert.equal(notModified.headers.get('etag'), etag)
    assert.equal((await notModified.arrayBuffer()).byteLength, 0)
    const any = await get(u, { headers: { 'if-none-match': '*' } })
    assert.equal(any.status, 304)
    await any.arrayBuffer()
    const other = await get(u, { headers: { 'if-none-match': `"${sha256(Buffer.from('other'))}"` } })
    assert.equal(other.status, 200)
    assert.ok(Buffer.from(await other.arrayBuffer()).equals(content))
  })

  it('HEAD answers the headers without a body', async () => {
    const u = await served('head.png')
    const res = await get(u, { method: 'HEAD' })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-length'), String(N))
    assert.equal(res.headers.get('content-type'), 'image/png')
    assert.equal(res.headers.get('etag'), `"${sha256(content)}"`)
    assert.equal((await res.arrayBuffer()).byteLength, 0)
  })

  it('getFileInfo reports size and content type (from a HEAD on the temp URL)', async () => {
    const dir = newDir()
    const png = await upload(`${dir}/pic.png`, randomBytes(1234))
    const txt = await upload(`${dir}/note.txt`, Buffer.from('twelve bytes'))
    const missing = fileIdOf(`${dir}/none.txt`)
    const res = await app.getFileInfo({ fileList: [png, txt, missing] })
    assertRequestId(res)
    const [a, b, c] = res.fileList
    assert.equal(a.code, 'SUCCESS')
    assert.equal(a.fileID, png)
    assert.equal(a.fileName, 'pic.png')
    assert.equal(a.size, 1234)
    assert.equal(a.contentType, 'image/png')
    assert.equal(a.mime, 'image/png')
    assert.equal(b.code, 'SUCCESS')
    assert.equal(b.size, 12)
    assert.equal(b.mime, 'text/plain')
    assert.equal(c.code, 'STORAGE_FILE_NONEXIST')
    assert.equal(c.fileID, missing)
  })
})
