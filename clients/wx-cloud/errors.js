// wx.cloud reports failures as {errCode, errMsg}; js-sdk reports them in three shapes: a resolved {code, message} for
// the database, an Error whose message is JSON {code, msg: "[SERVER_CODE] text"} or "[sdk][SERVER_CODE][storage]:text"
// for functions and storage, a plain {code} item for a failed download. This file turns all of them into the first.

// wx-server-sdk's TCB_ERR_CODE and the texts of its ERR_CODE table, which mini-program errMsgs quote.
const CODES = {
  SYS_ERR: [-501001, 'resource system error'],
  SERVER_TIMEOUT: [-501002, 'resource server timeout'],
  EXCEED_REQUEST_LIMIT: [-501003, 'exceed request limit'],
  EXCEED_CONCURRENT_REQUEST_LIMIT: [-501004, 'exceed concurrent request limit'],
  INVALIID_ENV: [-501005, 'invalid env'],
  INVALID_COMMON_PARAM: [-501006, 'invalid common parameters'],
  INVALID_PARAM: [-501007, 'invalid parameters'],
  INVALID_REQUEST_SOURCE: [-501008, 'invalid request source'],
  RESOURCE_NOT_INITIAL: [-501009, 'resource not initialized'],
  DATABASE_REQUEST_FAILED: [-502001, 'database request fail'],
  DATABASE_INVALID_OPERRATOR: [-502002, 'database invalid command'],
  DATABASE_PERMISSION_DENIED: [-502003, 'database permission denied'],
  DATABASE_COLLECTION_EXCEED_LIMIT: [-502004, 'database exceed collection limit'],
  DATABASE_COLLECTION_NOT_EXIST: [-502005, 'database collection not exists'],
  STORAGE_REQUEST_FAIL: [-503001, 'storage request fail'],
  STORAGE_EXCEED_AUTHORITY: [-503002, 'storage permission denied'],
  STORAGE_FILE_NONEXIST: [-503003, 'storage file not exists'],
  STORAGE_SIGN_PARAM_INVALID: [-503004, 'storage invalid sign parameter'],
  FUNCTIONS_REQUEST_FAIL: [-504001, 'functions request fail'],
  FUNCTIONS_EXECUTE_FAIL: [-504002, 'functions execute fail'],
}

// js-sdk's own codes wrap the server's in its messages; they name no server failure themselves.
const SDK_CODES = new Set(['OPERATION_FAIL', 'INVALID_PARAMS', 'INVALID_OPERATION', 'INVALID_SYNTAX', 'NETWORK_ERROR', 'UNKOWN_ERROR'])

/** A server code's number and text; codes not in the table are system errors, as in wx-server-sdk. */
const entry = code => CODES[code] || CODES.SYS_ERR
const numberOf = code => entry(code)[0]

/** A failure the server answered with `code`: errMsg "<api>:fail <errCode> <text>. <message>". */
function serverError(api, code, message) {
  const [errCode, text] = entry(code)
  return cloudError(errCode, `${api}:fail ${errCode} ${text}. ${message || code}`)
}

function cloudError(errCode, errMsg) {
  const error = new Error(errMsg)
  error.errCode = errCode
  error.errMsg = errMsg
  return error
}

/**
 * The server code (if any) and the message of whatever js-sdk threw: its errors, its JSON error messages, the items of
 * a failed download, and wx API failures ({errMsg}) it passes on as they came.
 */
function parse(thrown) {
  if (thrown && typeof thrown === 'object' && !(thrown instanceof Error) && thrown.code) {
    return { code: thrown.code, message: thrown.message }
  }
  let text = String((thrown && (thrown.message || thrown.errMsg)) || thrown)
  if (text.startsWith('{')) {
    try {
      const { code, msg, message } = JSON.parse(text)
      text = `[${code}] ${msg || message || ''}`
    } catch (notJson) {
      // then it is a plain message after all
    }
  }
  const codes = (text.match(/\[[A-Z][A-Z0-9_]+\]/g) || []).map(m => m.slice(1, -1)).filter(c => !SDK_CODES.has(c))
  return { code: codes[0], message: text.replace(/\[[^\]]*\]:?\s*/g, '').trim() }
}

/** Any failure of a call to `api` as wx.cloud reports it; the SDK's own failures are errCode -1 as in wx.cloud. */
function toCloudError(api, thrown) {
  if (thrown && thrown.errMsg !== undefined && thrown.errCode !== undefined) return thrown
  const { code, message } = parse(thrown)
  return code ? serverError(api, code, message) : cloudError(-1, `${api}:fail ${message}`)
}

/** js-sdk resolves some server failures instead of throwing them. */
function checked(api, res) {
  if (res && res.code) throw serverError(api, res.code, res.message)
  return res
}

module.exports = { toCloudError, cloudError, checked, numberOf }
