/* global require, exports, process */
// electron-builder's custom Windows signing hook (win.signtoolOptions.sign), used only when the
// release workflow has SOHOA_SIGN_COMMAND: runs that command with the file to sign as its last argument.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- electron-builder loads this hook as CommonJS
const { execSync } = require('node:child_process');

exports.default = async function sign(configuration) {
  const command = process.env.SOHOA_SIGN_COMMAND;
  if (!command) return;
  execSync(`${command} "${configuration.path}"`, { stdio: 'inherit' });
};
