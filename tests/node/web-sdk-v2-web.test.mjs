// The unmodified @cloudbase/js-sdk against the host under test: the shared checks of web-sdk-suite.mjs.
// 2.x (2.32.0) as a browser page. The WeChat openid sign-in needs a mini program (wx.login): see web-sdk-v2-wx.
import { defineWebSdkSuite } from './web-sdk-suite.mjs'

defineWebSdkSuite({ version: 2, runtime: 'web' })
