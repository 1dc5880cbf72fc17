// The unmodified @cloudbase/js-sdk against the host under test: the shared checks of web-sdk-suite.mjs.
// 3.x (3.7.0, endPointMode 'CLOUD_API') as a mini program: the main user is a WeChat user signed in with
// signInWithOpenId.
import { defineWebSdkSuite } from './web-sdk-suite.mjs'

defineWebSdkSuite({ version: 3, runtime: 'wx' })
