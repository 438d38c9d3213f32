// Package browser holds kb's tests in a real browser: the default site is
// built once, then opened in headless Chromium (the Debian package chromium)
// driven by chromedp, from disk (file://) and over HTTP on 127.0.0.1.
//
// The tests skip, with a message, when no Chromium is found, unless the
// environment sets KB_BROWSER=required (as .ci/run does after installing it),
// in which case a missing browser fails them. KB_CHROMIUM names the browser
// binary when it is not on the PATH as chromium, chromium-browser or
// google-chrome.
package browser
