// The unmodified @cloudbase/js-sdk against the host under test: the shared checks of web-sdk-suite.mjs.
// 1.x (1.8.4) as a mini program (the wx adapter and an app sign, as 1.x needs). What 1.x lacks is skipped inside the
// suite, each with its reason: signInWithOpenId (1.x has none) and uploadFile's `method` option (1.x always uploads
// with the form POST).
import { defineWebSdkSuite } from './web-sdk-suite.mjs'

defineWebSdkSuite({ version: 1, runtime: 'wx' })
