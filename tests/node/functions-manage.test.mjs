// Function management on /admin (CloudBase's CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration,
// GetFunction, ListFunctions, DeleteFunction shapes): what a deployment answers, its error codes, validation, and
// configuration changes that the next call sees.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { connect, uniqueName } from './support.mjs'
import {
  FIXTURES, deploy, call, updateCode, admin, adminData, adminError, expectCallFailure, fixtureZip, folderEntries,
  zipEntries, variables,
} from './functions-support.mjs'

const { app } = connect()

const create = (name, fixture, options = {}) =>
  admin('actorcloud.createFunction', { FunctionName: name, Code: { ZipFile: fixtureZip(fixture) }, ...options })

function assertDateNear(text, toleranceMs = 120_000) {
  const ms = Date.parse(text)
  assert.ok(Number.isFinite(ms), `not a date: ${text}`)
  assert.ok(Math.abs(ms - Date.now()) < toleranceMs, `${text} is not about now`)
}

describe('create, get, list and delete', () => {
  it('createFunction answers the function with its defaults, its code hash and its first version', async () => {
    const zip = zipEntries(folderEntries(join(FIXTURES, 'add')))
    const name = uniqueName('mgadd')
    const data = await adminData('actorcloud.createFunction', { FunctionName: name, Code: { ZipFile: zip.toString('base64') } })
    const sha = createHash('sha256').update(zip).digest('hex')
    assert.equal(data.FunctionName, name)
    assert.equal(data.Status, 'Active')
    assert.equal(typeof data.Runtime, 'string')
    assert.match(data.Runtime, /^Nodejs/)
    assert.equal(data.Handler, 'index.main')
    assert.equal(data.Timeout, 3)
    assert.equal(data.MemorySize, 256)
    assert.equal(data.Version, 1)
    assert.equal(data.CodeSha256, sha)
    assert.equal(data.CodeSize, zip.length)
    assertDateNear(data.ModTime)
    assert.deepEqual(data.Environment, { Variables: [] })
    assert.equal(data.Versions.length, 1)
    assert.equal(data.Versions[0].Version, 1)
    assert.equal(data.Versions[0].CodeSha256, sha)
    assertDateNear(data.Versions[0].AddTime)
    assert.equal(typeof data.Versions[0].By, 'object')

    assert.equal((await call(app, name, { a: 12, b: 19 })).sum, 31)
  })

  it('createFunction keeps the given Handler, Timeout, MemorySize and variables', async () => {
    const { data } = await deploy('styles', {
      Handler: 'index.sync', Timeout: 60, MemorySize: 3072, Environment: variables({ B: '2', A: '1' }),
    })
    assert.equal(data.Handler, 'index.sync')
    assert.equal(data.Timeout, 60)
    assert.equal(data.MemorySize, 3072)
    assert.deepEqual(data.Environment.Variables.sort((x, y) => x.Key.localeCompare(y.Key)),
      [{ Key: 'A', Value: '1' }, { Key: 'B', Value: '2' }])
  })

  it('creating a name twice is ResourceInUse.Function, and the first code stays', async () => {
    const { name } = await deploy('add')
    await adminError('actorcloud.createFunction', { FunctionName: name, Code: { ZipFile: fixtureZip('redeploy-v1') } },
      'ResourceInUse.Function')
    assert.equal((await call(app, name, { a: 1, b: 1 })).sum, 2)
    assert.equal((await adminData('actorcloud.getFunction', { FunctionName: name })).Version, 1)
  })

  it('updating, configuring, getting, rolling back or deleting a missing function is ResourceNotFound.Function', async () => {
    const FunctionName = uniqueName('nofn')
    await adminError('actorcloud.updateFunctionCode', { FunctionName, Code: { ZipFile: fixtureZip('add') } }, 'ResourceNotFound.Function')
    await adminError('actorcloud.updateFunctionConfiguration', { FunctionName, Timeout: 5 }, 'ResourceNotFound.Function')
    await adminError('actorcloud.getFunction', { FunctionName }, 'ResourceNotFound.Function')
    await adminError('actorcloud.rollBackFunction', { FunctionName, Version: 1 }, 'ResourceNotFound.Function')
    await adminError('actorcloud.deleteFunction', { FunctionName }, 'ResourceNotFound.Function')
  })

  it('getFunction answers what createFunction answered', async () => {
    const { name, data } = await deploy('add', { Timeout: 5, Environment: variables({ K: 'v' }) })
    const got = await adminData('actorcloud.getFunction', { FunctionName: name })
    assert.deepEqual(got, data)
  })

  it('listFunctions lists the functions of the environment with their settings', async () => {
    const a = await deploy('add')
    const b = await deploy('sleeper', { Timeout: 9 })
    const { Functions, TotalCount } = await adminData('actorcloud.listFunctions')
    assert.equal(TotalCount, Functions.length)
    const byName = new Map(Functions.map(f => [f.FunctionName, f]))
    for (const { name, data } of [a, b]) {
      const listed = byName.get(name)
      assert.ok(listed, `${name} is listed`)
      const { Versions, ...summary } = data
      assert.equal(Versions.length, 1)
      assert.deepEqual(listed, summary)
    }
  })

  it('deleteFunction removes it: get, list and calls no longer find it; the name can be created again', async () => {
    const { name } = await deploy('add')
    assert.equal((await call(app, name, { a: 1, b: 2 })).sum, 3)
    await adminData('actorcloud.deleteFunction', { FunctionName: name })
    await adminError('actorcloud.getFunction', { FunctionName: name }, 'ResourceNotFound.Function')
    const { Functions } = await adminData('actorcloud.listFunctions')
    assert.ok(!Functions.some(f => f.FunctionName === name), 'a deleted function is not listed')
    await expectCallFailure(app.callFunction({ name, data: { a: 1, b: 2 } }), /FunctionName parameter could not be found/)
    await adminError('actorcloud.deleteFunction', { FunctionName: name }, 'ResourceNotFound.Function')

    const again = await adminData('actorcloud.createFunction', { FunctionName: name, Code: { ZipFile: fixtureZip('redeploy-v2') } })
    assert.equal(again.FunctionName, name)
    assert.equal(await call(app, name, {}), 'v2')
  })
})

describe('validation', () => {
  const bad = [
    ['Timeout 0', { Timeout: 0 }],
    ['Timeout 61', { Timeout: 61 }],
    ['MemorySize 10', { MemorySize: 10 }],
    ['MemorySize 4096', { MemorySize: 4096 }],
    ['a handler without an export', { Handler: 'index' }],
    ['a handler whose file is not in the zip', { Handler: 'main.main' }],
    ['variables that are not a list', { Environment: { Variables: { A: '1' } } }],
  ]
  for (const [label, options] of bad) {
    it(`createFunction with ${label} is INVALID_PARAM and creates nothing`, async () => {
      const name = uniqueName('bad')
      const res = await create(name, 'add', options)
      assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
      await adminError('actorcloud.getFunction', { FunctionName: name }, 'ResourceNotFound.Function')
    })
  }

  it('a zip without index.js, a zip of the folder instead of its files, a non-zip and non-base64 code are INVALID_PARAM', async () => {
    const codes = {
      'no index.js': zipEntries([{ name: 'main.js', data: 'exports.main = () => 1\n' }]).toString('base64'),
      'the folder zipped': zipEntries(folderEntries(join(FIXTURES, 'add'), 'add/')).toString('base64'),
      'not a zip': Buffer.from('exports.main = () => 1\n').toString('base64'),
      'empty': '',
      'not base64': '!!! not base64 !!!',
    }
    for (const [label, ZipFile] of Object.entries(codes)) {
      const name = uniqueName('bad')
      const res = await admin('actorcloud.createFunction', { FunctionName: name, Code: { ZipFile } })
      assert.equal(res.code, 'INVALID_PARAM', `${label}: ${JSON.stringify(res)}`)
      await adminError('actorcloud.getFunction', { FunctionName: name }, 'ResourceNotFound.Function')
    }
    const missing = await admin('actorcloud.createFunction', { FunctionName: uniqueName('bad') })
    assert.equal(missing.code, 'INVALID_PARAM', `no Code: ${JSON.stringify(missing)}`)
  })

  it('a zip with another handler file works when Handler names it', async () => {
    const ZipFile = zipEntries([{ name: 'src/app.js', data: 'exports.handler = async e => ({ doubled: e.n * 2 })\n' }]).toString('base64')
    const name = uniqueName('handler')
    await adminData('actorcloud.createFunction', { FunctionName: name, Handler: 'src/app.handler', Code: { ZipFile } })
    assert.deepEqual(await call(app, name, { n: 21 }), { doubled: 42 })
  })

  it("updateFunctionCode without a Handler keeps the function's handler and checks the package for its file", async () => {
    const doubled = zipEntries([{ name: 'src/app.js', data: 'exports.handler = async e => ({ doubled: e.n * 2 })\n' }])
    const name = uniqueName('handler')
    await adminData('actorcloud.createFunction', { FunctionName: name, Handler: 'src/app.handler', Code: { ZipFile: doubled.toString('base64') } })
    // The package needs src/app.js, not index.js.
    const tripled = zipEntries([{ name: 'src/app.js', data: 'exports.handler = async e => ({ tripled: e.n * 3 })\n' }])
    const updated = await adminData('actorcloud.updateFunctionCode', { FunctionName: name, Code: { ZipFile: tripled.toString('base64') } })
    assert.equal(updated.Handler, 'src/app.handler')
    assert.deepEqual(await call(app, name, { n: 21 }), { tripled: 63 })
  })

  it('function names must start with a letter and hold at most 60 letters, digits, - or _', async () => {
    for (const FunctionName of ['1abc', '_abc', 'a.b', 'a b', 'x'.repeat(61), '']) {
      const res = await admin('actorcloud.createFunction', { FunctionName, Code: { ZipFile: fixtureZip('add') } })
      assert.equal(res.code, 'INVALID_PARAM', `${JSON.stringify(FunctionName)}: ${JSON.stringify(res)}`)
    }
    const longest = `f${uniqueName('x').replace(/_/g, '-')}`.padEnd(60, 'z')
    const res = await create(longest, 'add')
    assert.equal(res.code, undefined, JSON.stringify(res))
  })

  it('updateFunctionCode validates like createFunction and leaves the function as it was', async () => {
    const { name } = await deploy('add')
    for (const params of [{ Code: { ZipFile: Buffer.from('nope').toString('base64') } }, { Code: { ZipFile: fixtureZip('add') }, Timeout: 0 }]) {
      const res = await admin('actorcloud.updateFunctionCode', { FunctionName: name, ...params })
      assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
    }
    assert.equal((await adminData('actorcloud.getFunction', { FunctionName: name })).Version, 1)
    assert.equal((await call(app, name, { a: 2, b: 3 })).sum, 5)
  })
})

describe('updateFunctionConfiguration', () => {
  it('changes the variables, memory and timeout the next call sees, and keeps the code', async () => {
    const { name, data: created } = await deploy('styles', {
      Timeout: 3, MemorySize: 256, Environment: variables({ A: '1', GONE: 'soon' }),
    })
    const before = await call(app, name, {})
    assert.equal(before.env.A, '1')
    assert.equal(before.env.GONE, 'soon')
    assert.equal(before.context.time_limit_in_ms, 3000)

    const configured = await adminData('actorcloud.updateFunctionConfiguration', {
      FunctionName: name, Timeout: 9, MemorySize: 512, Environment: variables({ A: '2', B: 'new' }),
    })
    assert.equal(configured.Version, 2)
    assert.equal(configured.Timeout, 9)
    assert.equal(configured.MemorySize, 512)
    assert.equal(configured.CodeSha256, created.CodeSha256)
    assert.deepEqual(configured.Environment, variables({ A: '2', B: 'new' }))

    const after = await call(app, name, {})
    assert.equal(after.env.A, '2')
    assert.equal(after.env.B, 'new')
    assert.equal(after.env.GONE, undefined, 'the variable list is replaced, not merged')
    assert.equal(after.context.time_limit_in_ms, 9000)
    assert.equal(after.context.memory_limit_in_mb, 512)

    // Fields left out keep their values; a new code package keeps the configuration.
    const timeoutOnly = await adminData('actorcloud.updateFunctionConfiguration', { FunctionName: name, Timeout: 4 })
    assert.equal(timeoutOnly.MemorySize, 512)
    assert.deepEqual(timeoutOnly.Environment, variables({ A: '2', B: 'new' }))
    const recoded = await updateCode(name, 'styles')
    assert.equal(recoded.Timeout, 4)
    assert.equal(recoded.MemorySize, 512)
    assert.deepEqual(recoded.Environment, variables({ A: '2', B: 'new' }))
    assert.equal((await call(app, name, {})).env.B, 'new')
  })

  it('a longer Timeout lets a slow call finish that timed out before', async () => {
    const { name } = await deploy('sleeper', { Timeout: 1 })
    await expectCallFailure(app.callFunction({ name, data: { value: 1, ms: 1500 } }), /^Invoking task timed out after 1 seconds$/)
    const configured = await adminData('actorcloud.updateFunctionConfiguration', { FunctionName: name, Timeout: 3 })
    assert.equal(configured.Timeout, 3)
    assert.equal((await call(app, name, { value: 2, ms: 1500 })).value, 2)
  })

  it('bad values are INVALID_PARAM and change nothing', async () => {
    const { name, data } = await deploy('add', { Timeout: 5, MemorySize: 128 })
    for (const params of [{ Timeout: 0 }, { Timeout: 61 }, { MemorySize: 10 }, { Environment: { Variables: [{ Key: '', Value: 'x' }] } }]) {
      const res = await admin('actorcloud.updateFunctionConfiguration', { FunctionName: name, ...params })
      assert.equal(res.code, 'INVALID_PARAM', `${JSON.stringify(params)}: ${JSON.stringify(res)}`)
    }
    assert.deepEqual(await adminData('actorcloud.getFunction', { FunctionName: name }), data)
  })
})
