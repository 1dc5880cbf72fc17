// The unmodified client SDK @cloudbase/js-sdk (1.8.4, 2.32.0, 3.7.0, installed side by side as js-sdk-v1/2/3) run in
// Node against the host under test, as a browser page ('web') or a mini program ('wx') would run it
// (cloudbase-web-protocol.md §0). Not a test file itself (the harness runs only *.test.mjs).
//
// The SDK keeps its session in `localStorage` / `wx.setStorageSync` under keys named after the environment, so two
// instances sharing one set of globals would be one user. Each openSdk() therefore loads its own copy of the SDK's
// modules with the browser or mini-program globals bound per instance (like separate tabs or phones): the bundles run
// unchanged, only the free names `window`, `localStorage`, `wx`… they read resolve to that instance's objects.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdtempSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, isAbsolute, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import WebSocket from 'ws'
import { url, envId } from './support.mjs'
import { ticketFor } from './users.mjs'

const endpoint = new URL(url)

/** The bundle a page or a mini program loads, per version (3.x's package `exports` would give Node its node build). */
const ENTRIES = {
  web: { 1: 'js-sdk-v1/dist/index.cjs.js', 2: 'js-sdk-v2/dist/index.cjs.js', 3: 'js-sdk-v3/dist/index.cjs.js' },
  wx: { 1: 'js-sdk-v1/miniprogram_dist/index.js', 2: 'js-sdk-v2/miniprogram_dist/index.js', 3: 'js-sdk-v3/miniprogram_dist/index.js' },
}
const packageFile = path => fileURLToPath(new URL(`./node_modules/${path}`, import.meta.url))

// ---------------------------------------------------------------------------------------------------------------
// Browser globals.

/** A Storage (the Web Storage API) kept in memory. */
function memoryStorage() {
  const items = new Map()
  return {
    getItem: key => (items.has(String(key)) ? items.get(String(key)) : null),
    setItem: (key, value) => void items.set(String(key), String(value)),
    removeItem: key => void items.delete(String(key)),
    clear: () => items.clear(),
    key: i => [...items.keys()][i] ?? null,
    get length() {
      return items.size
    },
  }
}

/**
 * XMLHttpRequest over fetch, as much of it as the SDK's web adapter uses (`xhr2` cannot send FormData). Relative URLs
 * resolve against `base`, the page's address.
 */
function xhrClass(base) {
  return class XMLHttpRequest extends EventTarget {
    static UNSENT = 0
    static OPENED = 1
    static DONE = 4
    readyState = 0
    status = 0
    statusText = ''
    response = null
    responseText = ''
    responseType = ''
    withCredentials = false
    timeout = 0
    upload = new EventTarget()
    #method = 'GET'
    #url = ''
    #headers = {}
    #responseHeaders = new Headers()
    #abort = new AbortController()

    open(method, target) {
      this.#method = String(method).toUpperCase()
      this.#url = new URL(target, base).href
      this.readyState = 1
    }

    setRequestHeader(name, value) {
      this.#headers[name] = value
    }

    getResponseHeader(name) {
      return this.#responseHeaders.get(name)
    }

    getAllResponseHeaders() {
      return [...this.#responseHeaders].map(([k, v]) => `${k}: ${v}\r\n`).join('')
    }

    abort() {
      this.#abort.abort()
    }

    send(body) {
      const init = { method: this.#method, headers: this.#headers, signal: this.#abort.signal }
      if (body !== undefined && body !== null && !['GET', 'HEAD'].includes(this.#method)) init.body = body
      fetch(this.#url, init).then(
        async res => {
          const bytes = await res.arrayBuffer()
          this.status = res.status
          this.statusText = res.statusText
          this.#responseHeaders = res.headers
          const text = () => new TextDecoder().decode(bytes)
          if (this.responseType === 'blob') this.response = new Blob([bytes], { type: res.headers.get('content-type') ?? '' })
          else if (this.responseType === 'arraybuffer') this.response = bytes
          else if (this.responseType === 'json') this.response = JSON.parse(text())
          else this.response = this.responseText = text()
          this.#finish('load')
        },
        () => this.#finish(this.#abort.signal.aborted ? 'abort' : 'error')
      )
    }

    #finish(outcome) {
      this.readyState = 4
      for (const type of ['readystatechange', outcome, 'loadend']) {
        const event = new Event(type)
        this[`on${type}`]?.call(this, event)
        this.dispatchEvent(event)
      }
    }
  }
}

/** The globals a page's scripts see (`window` is the page's own object; what it lacks comes from Node's global). */
function browserGlobals() {
  const page = new URL('/', url).href
  const localStorage = memoryStorage()
  const sessionStorage = memoryStorage()
  const location = new URL(page)
  const window = Object.create(globalThis)
  const XMLHttpRequest = xhrClass(page)
  Object.assign(window, { localStorage, sessionStorage, location, XMLHttpRequest, WebSocket })
  window.window = window.self = window
  return { window, self: window, localStorage, sessionStorage, location, XMLHttpRequest, WebSocket }
}

// ---------------------------------------------------------------------------------------------------------------
// Mini-program globals.

const callbacks = ({ success, fail, complete }, ok, error) => {
  const settle = (callback, res) => {
    callback?.(res)
    complete?.(res)
  }
  ok.then(res => settle(success, res), e => settle(fail, { errMsg: `${error}:fail ${e?.message ?? e}` }))
}

const bytesOf = data => (ArrayBuffer.isView(data) ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null)
const arrayBufferOf = buffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)
const headersObject = headers => Object.fromEntries(headers)

/** wx.request's body: bytes as they are, a string as it is, an object as JSON or, if the header says so, a form. */
function requestBody(data, header) {
  if (data === undefined || data === null) return undefined
  const bytes = bytesOf(data)
  if (bytes) return bytes
  if (typeof data === 'string') return data
  const type = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json'
  return type.includes('x-www-form-urlencoded') ? new URLSearchParams(data).toString() : JSON.stringify(data)
}

/**
 * A fake `wx` with what the SDK's mini-program adapter calls. `wx.login()` answers `code: openid` because the host
 * under test runs WeChat's development resolver, for which the code is the openid. Network calls are real (fetch, ws),
 * files are real files: wx.chooseImage picks the paths `images` (or is cancelled when there are none), downloads land
 * in `tempDir`.
 */
export function fakeWx({ openid = `o-${randomBytes(6).toString('hex')}`, appid = 'wx-test', images = [], tempDir } = {}) {
  const storage = new Map()
  const temp = () => (tempDir ??= mkdtempSync(join(tmpdir(), 'wx-temp-')))
  const traffic = [] // "METHOD /path" of every request, upload, download and socket, in order
  const sent = (method, target) => traffic.push(`${method.toUpperCase()} ${new URL(target).pathname}`)
  const wx = {
    openid,
    appid,
    traffic,
    request(options) {
      const { url: target, data, header = {}, method = 'GET', dataType = 'json', responseType = 'text' } = options
      const abort = new AbortController()
      sent(method, target)
      const address = new URL(target)
      if (method.toUpperCase() === 'GET' && data && typeof data === 'object') {
        for (const [k, v] of Object.entries(data)) address.searchParams.append(k, typeof v === 'object' ? JSON.stringify(v) : v)
      }
      const headers = { 'content-type': 'application/json', ...header }
      const body = method.toUpperCase() === 'GET' ? undefined : requestBody(data, headers)
      const done = fetch(address, { method: method.toUpperCase(), headers, body, signal: abort.signal }).then(async res => {
        const bytes = Buffer.from(await res.arrayBuffer())
        let payload = responseType === 'arraybuffer' ? arrayBufferOf(bytes) : bytes.toString('utf8')
        if (dataType === 'json' && typeof payload === 'string') {
          try {
            payload = JSON.parse(payload)
          } catch {
            // wx.request leaves a body that is not JSON as text
          }
        }
        return { data: payload, statusCode: res.status, header: headersObject(res.headers), errMsg: 'request:ok' }
      })
      callbacks(options, done, 'request')
      return { abort: () => abort.abort(), onHeadersReceived() {}, offHeadersReceived() {} }
    },
    uploadFile(options) {
      const { url: target, filePath, name = 'file', header = {}, formData = {} } = options
      sent('POST', target)
      const form = new FormData()
      for (const [k, v] of Object.entries(formData)) form.append(k, v)
      form.append(name, new Blob([readFileSync(filePath)]), basename(filePath))
      const done = fetch(target, { method: 'POST', headers: header, body: form }).then(async res => ({
        data: await res.text(), statusCode: res.status, header: headersObject(res.headers), errMsg: 'uploadFile:ok',
      }))
      callbacks(options, done, 'uploadFile')
      return { abort() {}, onProgressUpdate() {} }
    },
    downloadFile(options) {
      const { url: target, header = {}, filePath } = options
      sent('GET', target)
      const done = fetch(target, { headers: header }).then(async res => {
        const tempFilePath = filePath ?? join(temp(), `${randomBytes(8).toString('hex')}-${basename(new URL(target).pathname)}`)
        writeFileSync(tempFilePath, Buffer.from(await res.arrayBuffer()))
        return { tempFilePath, statusCode: res.status, errMsg: 'downloadFile:ok' }
      })
      callbacks(options, done, 'downloadFile')
      return { abort() {}, onProgressUpdate() {} }
    },
    connectSocket(options) {
      sent('GET', options.url)
      const socket = new WebSocket(options.url, options.protocols ?? [], { headers: options.header ?? {} })
      const listen = (event, map) => cb => socket.on(event, (...args) => cb(map(...args)))
      callbacks(options, Promise.resolve({ errMsg: 'connectSocket:ok' }), 'connectSocket')
      return {
        get readyState() {
          return socket.readyState
        },
        send({ data, success, fail, complete }) {
          const done = new Promise((resolve, reject) =>
            socket.send(data, e => (e ? reject(e) : resolve({ errMsg: 'sendSocketMessage:ok' })))
          )
          callbacks({ success, fail, complete }, done, 'sendSocketMessage')
        },
        close({ code, reason, success, fail, complete } = {}) {
          socket.close(code, reason)
          callbacks({ success, fail, complete }, Promise.resolve({ errMsg: 'closeSocket:ok' }), 'closeSocket')
        },
        onOpen: listen('open', () => ({ header: {} })),
        onMessage: listen('message', (data, isBinary) => ({ data: isBinary ? arrayBufferOf(data) : data.toString('utf8') })),
        onError: listen('error', e => ({ errMsg: e.message })),
        onClose: listen('close', (code, reason) => ({ code, reason: reason.toString('utf8') })),
      }
    },
    chooseImage(options = {}) {
      const tempFiles = images.map(path => ({ path, size: statSync(path).size }))
      const picked = images.length
        ? Promise.resolve({ tempFilePaths: images, tempFiles, errMsg: 'chooseImage:ok' })
        : Promise.reject(new Error('cancel'))
      callbacks(options, picked, 'chooseImage')
    },
    getStorageSync: key => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: key => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    login(options = {}) {
      callbacks(options, Promise.resolve({ code: openid, errMsg: 'login:ok' }), 'login')
    },
    getAccountInfoSync: () => ({ miniProgram: { appId: appid, envVersion: 'develop', version: '' }, plugin: {} }),
    getSystemInfoSync: () => SYSTEM_INFO,
    getSystemInfo(options = {}) {
      callbacks(options, Promise.resolve({ ...SYSTEM_INFO, errMsg: 'getSystemInfo:ok' }), 'getSystemInfo')
    },
    getRendererUserAgent: () => Promise.resolve('Mozilla/5.0 (ActorCloud test) MiniProgramEnv/devtools'),
    getFileSystemManager: () => ({
      readFileSync: (filePath, encoding) => (encoding ? readFileSync(filePath, encoding) : arrayBufferOf(readFileSync(filePath))),
      readFile(options) {
        const { filePath, encoding } = options
        const read = Promise.resolve().then(() => ({ data: this.readFileSync(filePath, encoding), errMsg: 'readFile:ok' }))
        callbacks(options, read, 'readFile')
      },
    }),
    onAppShow() {},
    onAppHide() {},
    offAppShow() {},
    offAppHide() {},
    env: { USER_DATA_PATH: 'wxfile://usr' },
  }
  return wx
}

const SYSTEM_INFO = {
  brand: 'devtools', model: 'Node', pixelRatio: 2, language: 'zh_CN', version: '8.0.5', system: 'Node', platform: 'devtools',
  SDKVersion: '3.0.0',
}

/** The globals a mini program's scripts see: `wx` and the page/app constructors; no `window`. */
function miniProgramGlobals(wx) {
  return { wx, Page: () => {}, App: () => {}, getApp: () => ({}), window: undefined }
}

// ---------------------------------------------------------------------------------------------------------------
// Loading one copy of the SDK per instance.

// The SDK's own files (and a mini program's, outside node_modules) get the instance's globals; other packages
// (bson, util…) are Node's shared copies.
const sdkFile = file => /[\\/]node_modules[\\/](@cloudbase|js-sdk-v\d)[\\/]/.test(file)
const privateFile = file => isAbsolute(file) && (sdkFile(file) || !/[\\/]node_modules[\\/]/.test(file))

/**
 * A private CommonJS module graph whose free references to the names of `scope` resolve to its values. `aliases`
 * maps module ids to files, as a mini program's npm build maps a package to its `miniprogram` directory.
 */
function moduleLoader(scope, aliases = {}) {
  const modules = new Map()
  const requireFrom = file => {
    const nodeRequire = createRequire(file)
    const resolve = id => aliases[id] ?? nodeRequire.resolve(id)
    const moduleRequire = id => {
      const resolved = resolve(id)
      return privateFile(resolved) ? load(resolved) : nodeRequire(resolved)
    }
    moduleRequire.resolve = resolve
    return moduleRequire
  }
  const evaluate = (source, file, module, extra = {}) => {
    const globals = { ...scope, ...extra }
    const names = Object.keys(globals)
    const parameters = ['exports', 'require', 'module', '__filename', '__dirname', ...names]
    const wrapper = vm.compileFunction(source, parameters, { filename: file })
    wrapper.call(module.exports, module.exports, requireFrom(file), module, file, dirname(file), ...names.map(n => globals[n]))
    return module.exports
  }
  const load = file => {
    if (modules.has(file)) return modules.get(file).exports
    const module = { exports: {}, filename: file, id: file }
    modules.set(file, module)
    if (file.endsWith('.json')) return (module.exports = JSON.parse(readFileSync(file, 'utf8')))
    return evaluate(readFileSync(file, 'utf8'), file, module)
  }
  return { load, requireFrom, evaluate }
}

/**
 * A freshly initialised SDK pointed at the host under test, with the init recipe of cloudbase-web-protocol.md §0:
 * 2.x init + registerEndPoint('//host/web', 'http') + app.auth({persistence:'local'}); 3.x the same with
 * endPointMode 'CLOUD_API'; 1.x the full /web URL (and, in a mini program, the wx adapter and an app sign).
 * Returns {app, auth, db, cloudbase, version, runtime, globals, wx?}; nobody is signed in yet.
 */
export async function openSdk({ version = 2, runtime = 'web', openid, appid = 'wx-test' } = {}) {
  assert.ok([1, 2, 3].includes(version), `unknown js-sdk version ${version}`)
  assert.ok(['web', 'wx'].includes(runtime), `unknown runtime ${runtime}`)
  const wx = runtime === 'wx' ? fakeWx({ openid, appid }) : undefined
  const globals = wx ? miniProgramGlobals(wx) : browserGlobals()
  const entry = packageFile(ENTRIES[runtime][version])
  const loader = moduleLoader(globals)
  const exported = loader.load(entry)
  const cloudbase = exported.default ?? exported
  let app
  let auth
  if (version === 1) {
    if (wx) {
      const adapter = loader.requireFrom(entry)('@cloudbase/adapter-wx_mp')
      cloudbase.useAdapters(adapter.default ?? adapter)
    }
    const appSign = wx ? { appSign: appid, appSecret: { appAccessKeyId: '1', appAccessKey: 'actorcloud-test' } } : {}
    app = cloudbase.init({ env: envId, ...appSign })
    app.registerEndPoint(`${url}/web`)
    auth = app.auth({ persistence: 'local' })
  } else {
    app = cloudbase.init(version === 3 ? { env: envId, endPointMode: 'CLOUD_API' } : { env: envId })
    app.registerEndPoint(`//${endpoint.host}/web`, endpoint.protocol.replace(':', ''))
    auth = version === 3 ? app.auth() : app.auth({ persistence: 'local' })
  }
  return { app, auth, db: app.database(), cloudbase, version, runtime, globals, wx }
}

const WX_CLOUD = fileURLToPath(new URL('../../clients/wx-cloud/index.js', import.meta.url))
// The mini program's scripts have no file of their own; this name is where their requires resolve from.
const APP_SCRIPT = fileURLToPath(new URL('./miniprogram/app.js', import.meta.url))

/**
 * A phone running a mini program as the WeChat user `openid`: its own `wx` (see fakeWx for the options), scripts
 * run with `run(source)` in the mini program's scope, where `require` resolves packages the way the mini-program npm
 * build does: @cloudbase/js-sdk to 2.x's miniprogram_dist, @actorcloud/wx-cloud to clients/wx-cloud. What the
 * scripts console.log is kept for `nextLog()`.
 */
export function miniProgram({ openid, appid, images, tempDir } = {}) {
  const wx = fakeWx({ openid, appid, images, tempDir })
  const loader = moduleLoader(miniProgramGlobals(wx), {
    '@cloudbase/js-sdk': packageFile(ENTRIES.wx[2]),
    '@actorcloud/wx-cloud': WX_CLOUD,
  })
  const logged = []
  const waiting = []
  const log = (...args) => (waiting.length ? waiting.shift()(args) : logged.push(args))
  const console = { ...globalThis.console, log }
  return {
    wx,
    run: source => loader.evaluate(source, APP_SCRIPT, { exports: {} }, { console }),
    /** The arguments of the scripts' next console.log (waiting up to `ms` for it). */
    nextLog(ms = 20_000) {
      if (logged.length) return Promise.resolve(logged.shift())
      return new Promise((resolve, reject) => {
        const waiter = args => {
          clearTimeout(timer)
          resolve(args)
        }
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1)
          reject(new Error(`the mini program logged nothing in ${ms} ms`))
        }, ms)
        waiting.push(waiter)
      })
    },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Signing in. 2.x/3.x resolve a failed sign-in as {error} (custom ticket, anonymous) or throw (openid); both fail here.

async function signedIn(sdk, signIn) {
  const res = await signIn
  if (res?.error) throw res.error
  const state = await sdk.auth.getLoginState()
  assert.ok(state, 'the SDK holds no login state after signing in')
  return sdk
}

export const signInAnonymously = sdk =>
  signedIn(sdk, sdk.version === 1 ? sdk.auth.anonymousAuthProvider().signIn() : sdk.auth.signInAnonymously())

/** Signs in the custom-login user `customUserId` with a ticket from the real node-sdk's createTicket. */
export async function signInWithTicket(sdk, customUserId) {
  const ticket = await ticketFor(customUserId)
  return signedIn(
    sdk,
    sdk.version === 1 ? sdk.auth.customAuthProvider().signIn(ticket) : sdk.auth.signInWithCustomTicket(() => Promise.resolve(ticket))
  )
}

/** The mini program's WeChat user (2.x/3.x in the 'wx' runtime): wx.login's code for an openid, without wx.cloud. */
export async function signInWithOpenId(sdk) {
  assert.equal(sdk.runtime, 'wx', 'signInWithOpenId needs the mini-program runtime')
  assert.notEqual(sdk.version, 1, '1.x has no signInWithOpenId')
  return signedIn(sdk, sdk.auth.signInWithOpenId({ useWxCloud: false }))
}

/** openSdk + a sign-in: `signIn` is 'anonymous', 'openid' or {custom: customUserId}. */
export async function openSignedIn({ signIn = 'anonymous', ...options } = {}) {
  const sdk = await openSdk(options)
  if (signIn === 'anonymous') return signInAnonymously(sdk)
  if (signIn === 'openid') return signInWithOpenId(sdk)
  return signInWithTicket(sdk, signIn.custom)
}
