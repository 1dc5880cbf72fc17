// The unmodified @cloudbase/js-sdk against the host under test: the shared checks of web-sdk-suite.mjs.
// 3.x (3.7.0, endPointMode 'CLOUD_API') as a browser page. The WeChat openid sign-in needs a mini program (wx.login):
// see web-sdk-v3-wx.
import { defineWebSdkSuite } from './web-sdk-suite.mjs'

defineWebSdkSuite({ version: 3, runtime: 'web' })
