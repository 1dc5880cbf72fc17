// wx.cloud for ActorCloud: mini-program code written for WeChat Cloud Development runs unchanged once `wx.cloud` is
// this object and init names the ActorCloud host. Everything goes through the unmodified @cloudbase/js-sdk 2.x
// (its miniprogram_dist build in a mini program: wx.request, wx.connectSocket, wx storage), which ActorCloud serves.
const cloudbase = require('@cloudbase/js-sdk')
const { serverCall } = require('./call')
const { numberOf } = require('./errors')
const { Database } = require('./database')

let session = null

/**
 * init({env, endpoint, signIn}): `endpoint` is the ActorCloud URL (https://host[:port]); `signIn` is who the calls
 * run as — 'openid' (the WeChat user, the default in a mini program), 'anonymous' (the default elsewhere) or
 * {ticket: () => Promise<string>} (a custom-login ticket from the app's own server).
 */
function init(options) {
  const { env, endpoint, signIn } = options || {}
  const origin = /^(https?):\/\/([^/?#]+)/.exec(endpoint || '')
  if (!env || !origin) throw new Error('wx.cloud.init needs {env, endpoint}: the environment id and the ActorCloud URL')
  // wxCloud: null, or js-sdk would call wx.cloud.init itself — in a mini program that is this very object.
  const app = cloudbase.init({ env, wxCloud: null })
  // /web calls go to exactly this address; sign-in goes to /auth/v1 at the same origin.
  app.registerEndPoint(`//${origin[2]}/web`, origin[1])
  // Asking for auth with a config re-creates it: 2.x fixed the sign-in origin inside init, before the endpoint.
  const auth = app.auth({ persistence: 'local' })
  session = { app, auth, signIn: signIn || (typeof wx === 'object' && wx.login ? 'openid' : 'anonymous'), signing: null }
}

function current() {
  if (!session) throw new Error('call wx.cloud.init({env, endpoint}) first')
  return session
}

/** Signs in once, before the first call (js-sdk 2.x sends nothing without a token); a failed sign-in is retried. */
function signedIn(s) {
  s.signing = s.signing || signIn(s).catch(error => {
    s.signing = null
    throw error
  })
  return s.signing
}

async function signIn({ auth, signIn: how }) {
  let res
  if (how === 'openid') res = await auth.signInWithOpenId({ useWxCloud: false })
  else if (how && typeof how.ticket === 'function') res = await auth.signInWithCustomTicket(how.ticket)
  // An anonymous user is only the same user while the device keeps the session, so keep a stored one.
  else if (how === 'anonymous') res = (await auth.getLoginState()) || (await auth.signInAnonymously())
  else throw new Error(`wx.cloud.init: unknown signIn ${JSON.stringify(how)}`)
  // js-sdk resolves some failed sign-ins as {error} instead of throwing.
  if (res && res.error) throw res.error
}

/** A call of the signed-in app. */
function call(api, options, send, shape) {
  return serverCall(api, options, () => {
    const s = current()
    return signedIn(s).then(() => send(s.app))
  }, shape)
}

// wx.cloud's outcome of one file of a batch: status 0 and "ok", or the failure's numeric and server codes.
const outcome = code => (code === 'SUCCESS' ? { status: 0, errMsg: 'ok' } : { status: numberOf(code), errMsg: code })

const cloud = {
  init,

  database() {
    const s = current()
    return new Database(s.app.database(), () => signedIn(s))
  },

  callFunction(options) {
    return call('cloud.callFunction', options, app => app.callFunction({ name: options.name, data: options.data }), res => ({
      result: res.result,
      requestID: res.requestId,
    }))
  },

  // js-sdk only reports that the upload answered 2xx, not which status.
  uploadFile(options) {
    return call('cloud.uploadFile', options, app => app.uploadFile({ cloudPath: options.cloudPath, filePath: options.filePath }), res => ({
      fileID: res.fileID,
      statusCode: 200,
    }))
  },

  downloadFile(options) {
    return call('cloud.downloadFile', options, app => app.downloadFile({ fileID: options.fileID }), res => ({
      tempFilePath: res.tempFilePath,
      statusCode: res.statusCode,
    }))
  },

  getTempFileURL(options) {
    return call('cloud.getTempFileURL', options, app => app.getTempFileURL({ fileList: options.fileList }), res => ({
      fileList: res.fileList.map(item => ({
        fileID: item.fileID,
        tempFileURL: item.tempFileURL,
        maxAge: item.maxAge,
        ...outcome(item.code),
      })),
    }))
  },

  deleteFile(options) {
    return call('cloud.deleteFile', options, app => app.deleteFile({ fileList: options.fileList }), res => ({
      fileList: res.fileList.map(item => ({
        fileID: item.fileID,
        ...outcome(item.code),
      })),
    }))
  },
}

module.exports = cloud
