// The browser side of `npm run sidebar`: a stand-in for google.script.run that posts each call
// to the local server and hands the answer to the page's handlers, as Apps Script would.

/** The path the local server serves the stand-in from, and the path calls are posted to. */
export const STAND_IN_PATH = '/google-script-run.js';
export const CALL_PATH = '/run/';

/**
 * The stand-in's source. Like the real one, every call is asynchronous, `withSuccessHandler`,
 * `withFailureHandler` and `withUserObject` return a new runner, and a server error reaches the
 * failure handler as an Error.
 */
export const SCRIPT_RUN_STAND_IN = `(function () {
  'use strict';
  function runner(success, failure, userObject) {
    var handlers = {
      withSuccessHandler: function (handler) { return runner(handler, failure, userObject); },
      withFailureHandler: function (handler) { return runner(success, handler, userObject); },
      withUserObject: function (object) { return runner(success, failure, object); },
    };
    return new Proxy(handlers, {
      get: function (target, name) {
        if (name in target) return target[name];
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch(${JSON.stringify(CALL_PATH)} + encodeURIComponent(String(name)), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ args: args }),
          })
            .then(function (response) {
              return response.json().then(function (body) {
                if (!response.ok) throw new Error(body.error || response.statusText);
                return body.value;
              });
            })
            .then(
              function (value) { if (success) success(value, userObject); },
              function (error) { if (failure) failure(error, userObject); },
            );
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null, undefined), host: { close: function () {} } } };
})();
`;
