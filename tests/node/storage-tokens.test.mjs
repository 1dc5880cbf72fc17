// File storage through node-sdk, the signed upload protocol the SDK uses underneath: storage.getUploadMetadata's
// one-time token, direct PUTs with it (replayed, tampered, for another path or environment), how uploadFile
// reports such failures, and PUTs aborted midway.
// Every test works under a directory of its own (random name), so tests never see each other's files.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { connect, url, envId, expectError } from './support.mjs'
import { fileIdOf, sha256, sleep, newDir, admin, adminData, versionsOf, upload, download, tempUrl, urlCode, get, expectCosError, alter } from './storage-support.mjs'

/** storage.getUploadMetadata called directly: the one-time upload URL and token. */
async function uploadMetadata(path) {
  const data = await adminData('storage.getUploadMetadata', { path, method: 'put' })
  assert.equal(data.fileId, fileIdOf(path))
  return data
}

/** PUTs bytes to an upload URL with the token headers, as uploadFile does. */
const put = (meta, body, headers = {}, init = {}) =>
  fetch(meta.url, {
    method: 'PUT',
    headers: { authorization: meta.authorization, 'x-cos-security-token': meta.token, ...headers },
    body,
    ...init,
  })

describe('upload tokens', () => {
  it('getUploadMetadata answers url, token, authorization, fileId, cosFileId and download_url', async () => {
    const path = `${newDir()}/meta.txt`
    const meta = await uploadMetadata(path)
    assert.deepEqual(Object.keys(meta).sort(), ['authorization', 'cosFileId', 'download_url', 'fileId', 'token', 'url'])
    assert.equal(meta.url, `${url}/storage/${envId}/${path}`)
    assert.equal(meta.download_url, `${url}/storage/${envId}/${path}`)
    for (const k of ['token', 'authorization', 'cosFileId']) assert.ok(typeof meta[k] === 'string' && meta[k].length > 0, k)
    // asking for metadata stores nothing
    assert.equal(await urlCode(meta.fileId), 'STORAGE_FILE_NONEXIST')
  })

  it('a PUT with the token stores the file: 200, empty body, ETag of the content', async () => {
    const path = `${newDir()}/raw.txt`
    const meta = await uploadMetadata(path)
    const content = Buffer.from('raw put')
    const res = await put(meta, content)
    assert.equal(res.status, 200)
    assert.equal(await res.text(), '')
    assert.equal(res.headers.get('etag'), `"${sha256(content)}"`)
    assert.ok((await download(meta.fileId)).equals(content))
  })

  it('the content type the uploader declares is kept', async () => {
    const meta = await uploadMetadata(`${newDir()}/typed.txt`)
    assert.equal((await put(meta, Buffer.from('{}'), { 'content-type': 'application/x-custom' })).status, 200)
    const res = await get(await tempUrl(meta.fileId))
    assert.equal(res.headers.get('content-type'), 'application/x-custom')
    await res.arrayBuffer()
  })

  it('a token works once: replaying it answers 403 AccessDenied and the first content stays', async () => {
    const path = `${newDir()}/once.txt`
    const meta = await uploadMetadata(path)
    const first = await put(meta, Buffer.from('first'))
    assert.equal(first.status, 200)
    await first.text()
    const error = await expectCosError(await put(meta, Buffer.from('replayed')), 403, 'AccessDenied')
    assert.equal(error.resource, `/${path}`)
    assert.equal((await download(meta.fileId)).toString(), 'first')
    const { versions } = await versionsOf(meta.fileId)
    assert.deepEqual(versions.map(v => v.version), [1])
  })

  it('an altered token or authorization answers 403 SignatureDoesNotMatch and stores nothing', async () => {
    const path = `${newDir()}/tamper.txt`
    const meta = await uploadMetadata(path)
    const attempts = [
      { ...meta, token: alter(meta.token, 10) },
      { ...meta, token: alter(meta.token) },
      { ...meta, authorization: alter(meta.authorization) },
      { ...meta, authorization: '' },
      { ...meta, token: '' },
      { ...meta, token: 'not-a-token', authorization: 'not-a-signature' },
    ]
    for (const attempt of attempts) {
      await expectCosError(await put(attempt, Buffer.from('evil')), 403, 'SignatureDoesNotMatch')
    }
    assert.equal(await urlCode(meta.fileId), 'STORAGE_FILE_NONEXIST')
    // failed attempts do not use the token up
    const ok = await put(meta, Buffer.from('genuine'))
    assert.equal(ok.status, 200)
    assert.equal((await download(meta.fileId)).toString(), 'genuine')
  })

  it('a token for one path does not upload another path', async () => {
    const dir = newDir()
    const meta = await uploadMetadata(`${dir}/mine.txt`)
    const other = { ...meta, url: meta.url.replace(/mine\.txt$/, 'theirs.txt') }
    assert.notEqual(other.url, meta.url)
    await expectCosError(await put(other, Buffer.from('hijack')), 403, 'SignatureDoesNotMatch')
    assert.equal(await urlCode(fileIdOf(`${dir}/theirs.txt`)), 'STORAGE_FILE_NONEXIST')
  })

  it('a token of one environment does not upload into another', async () => {
    const meta = await uploadMetadata(`${newDir()}/env.txt`)
    const other = { ...meta, url: meta.url.replace(`/storage/${envId}/`, '/storage/other-env/') }
    await expectCosError(await put(other, Buffer.from('x')), 403, 'SignatureDoesNotMatch')
  })

  it('through uploadFile: an altered authorization throws SYS_ERR, a replayed token STORAGE_REQUEST_FAIL', async () => {
    // A relay in front of /admin rewrites what getUploadMetadata answers; the SDK then PUTs to the real host.
    let rewrite = data => data
    const relay = http.createServer(async (req, res) => {
      const chunks = []
      for await (const chunk of req) chunks.push(chunk)
      const body = Buffer.concat(chunks)
      const headers = { ...req.headers }
      for (const h of ['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']) delete headers[h]
      const upstream = await fetch(url + req.url, { method: req.method, headers, body: body.length ? body : undefined })
      const json = await upstream.json()
      if (JSON.parse(body.toString() || '{}').action === 'storage.getUploadMetadata' && json.data) json.data = rewrite(json.data)
      res.writeHead(upstream.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(json))
    })
    await new Promise(resolve => relay.listen(0, '127.0.0.1', resolve))
    try {
      const relayed = connect({ serviceUrl: `http://127.0.0.1:${relay.address().port}/admin` }).app
      const dir = newDir()

      rewrite = data => ({ ...data, authorization: alter(data.authorization) })
      await expectError(relayed.uploadFile({ cloudPath: `${dir}/t.txt`, fileContent: Buffer.from('x') }), 'SYS_ERR', /SignatureDoesNotMatch/)
      assert.equal(await urlCode(fileIdOf(`${dir}/t.txt`)), 'STORAGE_FILE_NONEXIST')

      let first
      rewrite = data => (first ??= data)
      const ok = await relayed.uploadFile({ cloudPath: `${dir}/r.txt`, fileContent: Buffer.from('first') })
      assert.deepEqual(ok, { fileID: fileIdOf(`${dir}/r.txt`) })
      await expectError(relayed.uploadFile({ cloudPath: `${dir}/r.txt`, fileContent: Buffer.from('second') }), 'STORAGE_REQUEST_FAIL', /AccessDenied/)
      assert.equal((await download(fileIdOf(`${dir}/r.txt`))).toString(), 'first')
    } finally {
      relay.closeAllConnections()
      await new Promise(resolve => relay.close(resolve))
    }
  })
})

describe('aborted uploads', () => {
  it('a PUT whose connection dies before Content-Length bytes arrive stores nothing and uses no version', async () => {
    const path = `${newDir()}/aborted.bin`
    const meta = await uploadMetadata(path)
    let answered
    await new Promise(resolve => {
      const req = http.request(meta.url, {
        method: 'PUT',
        headers: { authorization: meta.authorization, 'x-cos-security-token': meta.token, 'content-length': 4 << 20 },
      })
      req.on('response', res => {
        answered = res.statusCode
        res.resume()
      })
      req.on('error', () => {})
      req.on('close', resolve)
      const fallback = setTimeout(() => req.destroy(), 5000) // should the server never read the body
      req.write(randomBytes(1 << 20), () => setTimeout(() => {
        clearTimeout(fallback)
        req.destroy()
      }, 300))
    })
    assert.equal(answered, undefined, 'the server answered before the body was complete, so it was not receiving it')
    await sleep(500)
    assert.equal(await urlCode(meta.fileId), 'STORAGE_FILE_NONEXIST')
    const listed = await admin('actorcloud.listFileVersions', { fileid: meta.fileId })
    assert.equal(listed.code, 'STORAGE_FILE_NONEXIST', `no version may exist: ${JSON.stringify(listed)}`)
    // the next real upload is version 1
    const content = Buffer.from('complete')
    await upload(path, content)
    const { current, versions } = await versionsOf(meta.fileId)
    assert.equal(current, 1)
    assert.deepEqual(versions.map(v => [v.version, v.size, v.sha256]), [[1, content.length, sha256(content)]])
  })

  it('a streamed PUT aborted midway leaves the existing file and its versions unchanged', async () => {
    const path = `${newDir()}/keep.bin`
    const original = randomBytes(10_000)
    const fileID = await upload(path, original)
    const meta = await uploadMetadata(path)
    const controller = new AbortController()
    let sent = 0
    const body = new ReadableStream({
      pull(stream) {
        if (sent === 2) return new Promise(() => {}) // never sends the rest: the abort ends the request
        stream.enqueue(new Uint8Array(randomBytes(256 * 1024)))
        if (++sent === 2) setTimeout(() => controller.abort(), 300)
      },
    })
    let answered
    await assert.rejects(
      put(meta, body, {}, { duplex: 'half', signal: controller.signal }).then(res => {
        answered = res.status
      }),
      e => e.name === 'AbortError'
    )
    assert.equal(answered, undefined)
    await sleep(500)
    assert.ok((await download(fileID)).equals(original))
    const { current, versions } = await versionsOf(fileID)
    assert.equal(current, 1)
    assert.deepEqual(versions.map(v => [v.version, v.sha256]), [[1, sha256(original)]])
  })
})
