// File storage under load through node-sdk: a 100 MB file streamed up from disk and back, and 20 concurrent
// uploads to one path (each commits its own version; the last commit is what everyone reads).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createReadStream, createWriteStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import { createHash, randomBytes } from 'node:crypto'
import { connect, uniqueName } from './support.mjs'
import { fileIdOf, sha256, tempDir, versionsOf } from './storage-support.mjs'

const { app } = connect()

const tmp = await tempDir('ac-storage-large-')

/** Writes `size` random bytes to a file, 1 MiB at a time; returns the content's SHA-256. */
async function writeRandomFile(file, size) {
  const hash = createHash('sha256')
  const out = createWriteStream(file)
  for (let left = size; left > 0;) {
    const chunk = randomBytes(Math.min(left, 1 << 20))
    hash.update(chunk)
    left -= chunk.length
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return hash.digest('hex')
}

async function readSlice(file, position, length) {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, position)
    assert.equal(bytesRead, length)
    return buffer
  } finally {
    await handle.close()
  }
}

test('a 100 MB file streamed from disk comes back byte-identical', async t => {
  const size = 100 * 1024 * 1024
  const file = join(tmp, 'big.bin')
  const expected = await writeRandomFile(file, size)
  const path = `${uniqueName('big')}/big.bin`
  const fileID = fileIdOf(path)

  await t.test('uploadFile with an fs.ReadStream', async () => {
    const res = await app.uploadFile({ cloudPath: path, fileContent: createReadStream(file) })
    assert.deepEqual(res, { fileID })
    const { current, versions } = await versionsOf(fileID)
    assert.equal(current, 1)
    assert.deepEqual(versions.map(v => [v.version, v.size, v.sha256]), [[1, size, expected]])
  })

  await t.test('downloadFile returns the same bytes', async () => {
    const { fileContent } = await app.downloadFile({ fileID })
    assert.equal(fileContent.length, size)
    assert.equal(sha256(fileContent), expected)
  })

  await t.test('the temp URL streams the same bytes, with the size and ETag in its headers', async () => {
    const [item] = (await app.getTempFileURL({ fileList: [fileID] })).fileList
    assert.equal(item.code, 'SUCCESS')
    const res = await fetch(encodeURI(item.tempFileURL))
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-length'), String(size))
    assert.equal(res.headers.get('etag'), `"${expected}"`)
    const hash = createHash('sha256')
    let received = 0
    for await (const chunk of res.body) {
      hash.update(chunk)
      received += chunk.length
    }
    assert.equal(received, size)
    assert.equal(hash.digest('hex'), expected)

    // a range deep inside the file is served from the right offset
    const start = size - 3_000_000
    const ranged = await fetch(encodeURI(item.tempFileURL), { headers: { range: `bytes=${start}-${start + 65535}` } })
    assert.equal(ranged.status, 206)
    assert.equal(ranged.headers.get('content-range'), `bytes ${start}-${start + 65535}/${size}`)
    assert.ok(Buffer.from(await ranged.arrayBuffer()).equals(await readSlice(file, start, 65536)))
  })

  await t.test('getFileInfo reports the size', async () => {
    const [info] = (await app.getFileInfo({ fileList: [fileID] })).fileList
    assert.equal(info.code, 'SUCCESS')
    assert.equal(info.size, size)
    assert.equal(info.mime, 'application/octet-stream')
  })

  await t.test('deleting it frees the path', async () => {
    const res = await app.deleteFile({ fileList: [fileID] })
    assert.equal(res.fileList[0].code, 'SUCCESS')
    const [item] = (await app.getTempFileURL({ fileList: [fileID] })).fileList
    assert.equal(item.code, 'STORAGE_FILE_NONEXIST')
  })
})

test('20 concurrent uploads to one path all succeed and the last committed version wins', async () => {
  const path = `${uniqueName('race')}/race.bin`
  const fileID = fileIdOf(path)
  const contents = Array.from({ length: 20 }, (_, i) =>
    Buffer.concat([Buffer.from(`upload #${i}\n`), randomBytes(64 * 1024 + i * 1000)]))
  const bySha = new Map(contents.map((c, i) => [sha256(c), i]))
  assert.equal(bySha.size, 20)

  const results = await Promise.all(contents.map(fileContent => app.uploadFile({ cloudPath: path, fileContent })))
  assert.deepEqual(results, contents.map(() => ({ fileID })))

  const { fileContent } = await app.downloadFile({ fileID })
  const matches = contents.filter(c => c.equals(fileContent))
  assert.equal(matches.length, 1, 'the file is exactly one of the 20 uploads, not a mixture')

  const data = await versionsOf(fileID)
  assert.equal(data.fileID, fileID)
  const numbers = data.versions.map(v => v.version)
  assert.ok(numbers.length >= 1 && numbers.length <= 20, `versions: ${numbers}`)
  assert.equal(numbers[0], 20, 'each of the 20 uploads committed one version')
  assert.deepEqual(numbers, numbers.map((_, i) => 20 - i), 'versions are consecutive, newest first')
  assert.equal(data.current, 20)
  assert.equal(data.versions[0].sha256, sha256(fileContent), 'the current version is what downloads return')
  const seen = new Set()
  for (const v of data.versions) {
    assert.ok(bySha.has(v.sha256), `version ${v.version} is none of the uploads`)
    assert.equal(v.size, contents[bySha.get(v.sha256)].length)
    assert.ok(!seen.has(v.sha256), `version ${v.version} repeats another version's content`)
    seen.add(v.sha256)
  }
})
