// Shared helpers for the functions*.test.mjs files: a stored (uncompressed) zip writer for the fixture folders under
// functions/, deployment through the /admin management actions, SDK instances acting for a user, and checks of
// failed calls. Not a test file itself (the harness runs only *.test.mjs).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32 } from 'node:zlib'
import { connect, envId, uniqueName, assertRequestId } from './support.mjs'
import { connectUser, signInWeChat } from './users.mjs'

export const FIXTURES = fileURLToPath(new URL('./functions/', import.meta.url))
export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

/** A zip of `entries` ([{name, data}]) with every file stored uncompressed, as .NET's ZipArchive reads it. */
export function zipEntries(entries) {
  const locals = []
  const centrals = []
  let offset = 0
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8')
    const content = Buffer.isBuffer(data) ? data : Buffer.from(data)
    // version 2.0, flags: names are UTF-8, method 0 (stored), time 00:00, date 1980-01-01
    const common = [20, 0x0800, 0, 0, 0x21, crc32(content), content.length, content.length, nameBytes.length, 0]
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    writeFields(local, 4, common)
    locals.push(local, nameBytes, content)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // version made by
    writeFields(central, 6, common)
    central.writeUInt32LE(offset, 42) // comment length, disk, internal and external attributes stay 0
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + content.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

// version, flags, method, time, date (16-bit), crc, sizes (32-bit), name and extra lengths (16-bit)
function writeFields(buffer, at, [version, flags, method, time, date, crc, compressed, size, nameLength, extraLength]) {
  for (const value of [version, flags, method, time, date]) at = buffer.writeUInt16LE(value, at)
  for (const value of [crc, compressed, size]) at = buffer.writeUInt32LE(value, at)
  for (const value of [nameLength, extraLength]) at = buffer.writeUInt16LE(value, at)
}

/** The files of a folder (recursively), named relative to it with '/', as zip entries. */
export function folderEntries(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(e => e.isDirectory()
      ? folderEntries(join(dir, e.name), `${prefix}${e.name}/`)
      : [{ name: `${prefix}${e.name}`, data: readFileSync(join(dir, e.name)) }])
}

/** A fixture folder (functions/<fixture>) zipped with its files at the zip root, as base64. */
export const fixtureZip = fixture => zipEntries(folderEntries(join(FIXTURES, fixture))).toString('base64')

import { admin, adminData } from './support.mjs'

export { admin, adminData }

/** The code of an /admin action that must fail; returns the envelope. */
export async function adminError(action, params, code) {
  const res = await admin(action, params)
  assert.equal(res.code, code, `${action} should fail with ${code}: ${JSON.stringify(res)}`)
  assert.equal(typeof res.message, 'string')
  return res
}

/**
 * Creates a function from a fixture folder under a fresh name (prefix: the fixture's name) and returns
 * {name, data}. `options` adds Handler, Timeout, MemorySize, Environment… to the request.
 */
export async function deploy(fixture, options = {}) {
  const name = options.FunctionName ?? uniqueName(fixture.replace(/[^A-Za-z0-9]/g, '').slice(0, 20) || 'fn')
  const data = await adminData('actorcloud.createFunction', { FunctionName: name, Code: { ZipFile: fixtureZip(fixture) }, ...options })
  assert.equal(data.FunctionName, name)
  return { name, data }
}

/** Replaces a function's code with another fixture folder's. */
export const updateCode = (name, fixture, options = {}) =>
  adminData('actorcloud.updateFunctionCode', { FunctionName: name, Code: { ZipFile: fixtureZip(fixture) }, ...options })

/** Environment.Variables from a plain object. */
export const variables = object => ({ Variables: Object.entries(object).map(([Key, Value]) => ({ Key, Value })) })

/** An SDK instance acting as the WeChat user `openid` of the mini program `appid` (signed in, with their token). */
export const connectAs = async (openid, appid) => connectUser(await signInWeChat(openid, appid))

/** callFunction that must succeed: returns the result (and checks the requestId). */
export async function call(app, name, data) {
  const res = await app.callFunction({ name, data })
  assertRequestId(res)
  return res.result
}

/** Awaits a call that must fail with FUNCTIONS_EXECUTE_FAIL and a message matching `message`; returns the error. */
export async function expectCallFailure(promise, message) {
  let res
  try {
    res = await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    assert.equal(error.code, 'FUNCTIONS_EXECUTE_FAIL', `expected FUNCTIONS_EXECUTE_FAIL, got ${error.code}: ${error.message}`)
    if (message) assert.match(error.message, message)
    return error
  }
  assert.fail(`the call should have failed, but it returned ${JSON.stringify(res)}`)
}

/** functions.invokeFunction posted directly (for request shapes the SDK never sends); returns the envelope. */
export const invokeRaw = (params, headers) => admin('functions.invokeFunction', params, headers)
