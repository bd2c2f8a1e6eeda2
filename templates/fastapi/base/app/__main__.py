"""`python -m app`: serves the API with uvicorn on 0.0.0.0:$PORT (default 8000)."""

import os
import signal
import sys

import uvicorn


def _exit_cleanly(signum: int, frame: object) -> None:
    sys.exit(0)


def main() -> None:
    port = int(os.environ.get("PORT", "8000"))
    # On SIGTERM uvicorn stops accepting connections, waits for requests in flight (at most
    # timeout_graceful_shutdown seconds), runs the app's shutdown, and then raises the signal again with the
    # handler that was installed before it started. Without this one that re-raised SIGTERM would kill the process
    # (exit status 143); with it, a requested stop ends with status 0, which is what process managers expect.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    uvicorn.run(
        "app.main:app",
        host="0.0.0.0",
        port=port,
        # app.request_log writes one JSON line per request; uvicorn's own access line would repeat it.
        access_log=False,
        timeout_graceful_shutdown=8,
    )


if __name__ == "__main__":
    main()
