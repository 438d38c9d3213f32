// Package browser holds kb's tests in a real browser: the default site is
// built once, then opened in headless Chromium (the Debian package chromium)
// driven by chromedp, from disk (file://) and over HTTP on 127.0.0.1.
//
// TestMain starts one Chromium for all the tests (one per test took about a
// third of the package's time on a busy machine); each test opens its tabs in
// a browser context of its own, so that no cookie, storage, permission,
// cache or shared worker passes from one test to another. Every step of a
// test (an action, an evaluation, a wait) has a time limit that starts with
// the step, never one for the whole test: a slow machine makes a test
// slower, not fail. The tests run one after another: in parallel they were
// slower on two cores.
//
// The tests skip, with a message, when no Chromium is found, unless the
// environment sets KB_BROWSER=required (as .ci/run does after installing it),
// in which case a missing browser fails them. KB_CHROMIUM names the browser
// binary when it is not on the PATH as chromium, chromium-browser or
// google-chrome.
package browser
