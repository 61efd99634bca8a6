// Coffre's isolation app: every IPC message from the UI passes through here before Tauri encrypts it.
// Refuse anything that is not a Coffre command or a core event call, so an injected script in the UI
// cannot reach a plugin command even if a capability were widened by mistake.
window.__TAURI_ISOLATION_HOOK__ = (payload) => {
  const cmd = payload && payload.cmd;
  if (typeof cmd !== 'string') return payload;
  if (cmd.startsWith('plugin:') && !cmd.startsWith('plugin:event|')) {
    throw new Error('command not allowed by Coffre isolation: ' + cmd);
  }
  return payload;
};
