"""`portfoliogen serve`: the server loop (server), the HTTP side (http,
rules), file watching (watch) and the live-reload script (live.js)."""
