// Reports who called, as a function sees it: the event's userInfo, node-sdk's auth().getUserInfo() and the raw
// TCB_*/WX_* variables it reads them from.
const tcb = require('@cloudbase/node-sdk')

exports.main = async (event) => {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  const variables = {}
  for (const name of ['WX_OPENID', 'WX_APPID', 'TCB_UUID', 'TCB_CUSTOM_USER_ID', 'TCB_ISANONYMOUS_USER', 'LOGINTYPE']) {
    variables[name] = process.env[name] ?? null
  }
  return { userInfo: event.userInfo, auth: app.auth().getUserInfo(), variables }
}
