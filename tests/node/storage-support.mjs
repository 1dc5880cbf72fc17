// Shared helpers for the storage*.test.mjs files: file ids, direct /admin actions, SDK upload/download/temp-URL
// wrappers and COS XML error checks. Not a test file itself (the harness runs only *.test.mjs).
import { after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { connect, envId, uniqueName } from './support.mjs'

// The helpers' own SDK instance; test files connect() their own for the calls they make directly.
const { app } = connect()

export const BUCKET = `${envId}.${envId}-1250000000`

export const fileIdOf = path => `cloud://${BUCKET}/${path}`
export const sha256 = bytes => createHash('sha256').update(bytes).digest('hex')
export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

/** A directory no other test uses. */
export const newDir = () => uniqueName('st')

/** A new local temporary directory, removed after the file's tests (call at module top level). */
export async function tempDir(prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  after(() => rm(dir, { recursive: true, force: true }))
  return dir
}

import { admin, adminData } from './support.mjs'

export { admin, adminData }

/** actorcloud.listFileVersions of a file that must exist. */
export const versionsOf = fileID => adminData('actorcloud.listFileVersions', { fileid: fileID })

export async function upload(path, content) {
  const res = await app.uploadFile({ cloudPath: path, fileContent: content })
  assert.deepEqual(res, { fileID: fileIdOf(path) })
  return res.fileID
}

export async function download(fileID) {
  const res = await app.downloadFile({ fileID })
  assert.ok(Buffer.isBuffer(res.fileContent), 'downloadFile returns the content as a Buffer')
  return res.fileContent
}

/** A temp URL that must be granted. */
export async function tempUrl(fileID, maxAge) {
  const res = await app.getTempFileURL({ fileList: [maxAge === undefined ? fileID : { fileID, maxAge }] })
  assert.equal(res.fileList.length, 1)
  const item = res.fileList[0]
  assert.equal(item.code, 'SUCCESS', `getTempFileURL(${fileID}) failed: ${JSON.stringify(item)}`)
  assert.equal(item.fileID, fileID)
  return item.tempFileURL
}

/** The code getTempFileURL gives one file. */
export async function urlCode(fileID) {
  const res = await app.getTempFileURL({ fileList: [fileID] })
  assert.equal(res.fileList.length, 1)
  assert.equal(res.fileList[0].fileID, fileID)
  return res.fileList[0].code
}

/** Fetches a temp URL as the SDKs do (the URL's path is unescaped; they pass it through encodeURI). */
export const get = (tempFileURL, init) => fetch(encodeURI(tempFileURL), init)

/** Parses COS's XML error body and checks it has all of its elements. */
function cosError(text) {
  assert.match(text, /<Error>/, `expected a COS XML error, got: ${text}`)
  const field = name => text.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1]
  for (const name of ['Code', 'Message', 'Resource', 'RequestId', 'TraceId']) {
    assert.notEqual(field(name), undefined, `the error lacks <${name}>: ${text}`)
  }
  return { code: field('Code'), message: field('Message'), resource: field('Resource') }
}

/** Asserts a response is COS's XML error with this status and code. */
export async function expectCosError(res, status, code) {
  const text = await res.text()
  assert.equal(res.status, status, `expected HTTP ${status}, got ${res.status}: ${text}`)
  const error = cosError(text)
  assert.equal(error.code, code, `expected <Code>${code}</Code>, got ${text}`)
  return error
}

/** Replaces the character at `i` with another of the same (hex / base64url) alphabet. */
export function alter(text, i = text.length - 1) {
  const c = text[i]
  return text.slice(0, i) + (c === 'a' ? 'b' : 'a') + text.slice(i + 1)
}
