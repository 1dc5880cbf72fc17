const { toCloudError, checked } = require('./errors')

/**
 * Runs one wx.cloud API call the mini-program way: with success/fail/complete callbacks when any is given (and no
 * return value), else as a Promise. Results carry errMsg "<api>:ok"; failures are {errCode, errMsg}.
 */
function run(api, options, work) {
  const settled = Promise.resolve()
    .then(work)
    .then(
      res => Object.assign(res, { errMsg: `${api}:ok` }),
      thrown => {
        throw toCloudError(api, thrown)
      }
    )
  const { success, fail, complete } = options || {}
  if (!success && !fail && !complete) return settled
  // An exception in the caller's own callback is theirs: it surfaces as an unhandled rejection, not as `fail`.
  settled.then(
    res => {
      if (success) success(res)
      if (complete) complete(res)
    },
    error => {
      if (fail) fail(error)
      if (complete) complete(error)
    }
  )
  return undefined
}

/** A call answered by the server: `send` resolves js-sdk's answer, which fails if it is a server error js-sdk resolved. */
function serverCall(api, options, send, shape) {
  return run(api, options, () => send().then(res => shape(checked(api, res))))
}

module.exports = { serverCall }
